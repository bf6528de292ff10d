import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { AppContext } from '../shared/context.ts';
import type { CliCommand } from './command.ts';
import type { CommandIO } from './io.ts';

/**
 * The control socket: while the server holds the embedded database, a CLI
 * command is sent here and runs inside the server, on its connection. A Unix
 * socket with mode 0600, so only the same OS user can use it. Messages go
 * back as JSON lines: {out}, {progress}, then {exit} or {error}.
 */
export function socketPathFor(dataDir: string): string {
  const inDir = path.join(dataDir, 'grip.sock');
  // Unix socket paths are limited to ~107 bytes.
  if (inDir.length < 100) return inDir;
  return path.join(os.tmpdir(), `grip-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`);
}

type Message = { out: string } | { progress: [number, number | null, string] } | { exit: 0 } | { error: string };

export async function startControlSocket(
  socketPath: string,
  ctx: AppContext,
  commands: readonly CliCommand[],
): Promise<http.Server> {
  fs.rmSync(socketPath, { force: true });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const send = (m: Message) => res.write(`${JSON.stringify(m)}\n`);
    try {
      const { argv } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { argv: string[] };
      const command = commands.find((c) => c.name === argv[0] && c.remote);
      if (!command) throw new Error(`${argv[0]} cannot run through the server`);
      const io: CommandIO = {
        out: (line) => send({ out: line }),
        progress: (done, total, label) => send({ progress: [done, total, label] }),
      };
      await command.run(ctx, argv.slice(1), io);
      send({ exit: 0 });
    } catch (err) {
      send({ error: (err as Error).message });
    }
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return server;
}

/** Runs a command in the server behind the socket; resolves to the exit code. */
export async function runThroughServer(socketPath: string, argv: string[], io: CommandIO): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/run', method: 'POST' }, (res) => {
      let buffer = '';
      let code = 1;
      res.setEncoding('utf8');
      res.on('data', (data: string) => {
        buffer += data;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const m = JSON.parse(buffer.slice(0, nl)) as Message;
          buffer = buffer.slice(nl + 1);
          if ('out' in m) io.out(m.out);
          else if ('progress' in m) io.progress(...m.progress);
          else if ('exit' in m) code = 0;
          else {
            io.out(`Error: ${m.error}`);
            code = 1;
          }
        }
      });
      res.on('end', () => resolve(code));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ argv }));
  });
}
