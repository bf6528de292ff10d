import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The few static files the pages use, read once at start and served with long caching. */
const require = createRequire(import.meta.url);
const ASSETS: Record<string, { file: string; type: string }> = {
  'utrecht.css': { file: require.resolve('@utrecht/component-library-css/dist/index.css'), type: 'text/css' },
  'htmx.min.js': { file: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript' },
  'grip.css': { file: path.join(import.meta.dirname, 'assets/grip.css'), type: 'text/css' },
  'woo-lakken.js': { file: path.join(import.meta.dirname, '../woo/lakken.js'), type: 'text/javascript' },
};

export function registerAssets(app: FastifyInstance): void {
  const loaded = Object.entries(ASSETS).map(([name, a]) => [name, { ...a, body: fs.readFileSync(a.file) }] as const);
  for (const [name, asset] of loaded) {
    app.get(`/assets/${name}`, async (_request, reply) =>
      reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body),
    );
  }
}
