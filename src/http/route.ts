import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor, Permission } from '../auth/policy.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { AppError, type FieldError } from '../shared/errors.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<P, Q, B> {
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  /** The authenticated caller; null only on public routes. */
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One API route: its schemas validate the input, name the types, and feed the
 * OpenAPI document. `permission: null` makes a route public.
 */
export interface RouteDef<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  permission: Permission | null;
  params?: P;
  query?: Q;
  body?: B;
  /** Success status and body schema, for the OpenAPI document. */
  status?: number;
  response: Schema;
  handler(ctx: RouteContext<P, Q, B>): Promise<unknown>;
}

export type AnyRoute = RouteDef<Schema | undefined, Schema | undefined, Schema | undefined>;

export function defineRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  def: RouteDef<P, Q, B>,
): AnyRoute {
  return def as unknown as AnyRoute;
}

export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'body',
    message: issue.message,
  }));
}

/** Parses one part of a request, or throws a validation error naming each field. */
export function parseInput<S extends Schema>(schema: S, value: unknown, part: 'body' | 'query' | 'path'): z.output<S> {
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const errors = fieldErrors(result.error, part === 'body' ? undefined : part);
  throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

/** `{items, nextCursor}` for every list. */
export const ZListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});

export function listOf<S extends Schema>(item: S) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const ZIdParams = z.object({ id: z.uuid() });

/** Pages a short list that is read whole (reference data), sorted by a unique key. */
export function pageOf<T>(items: readonly T[], key: (item: T) => string, q: z.output<typeof ZListQuery>) {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const after = q.cursor === undefined ? undefined : String(decodeCursor(q.cursor, 1)[0]);
  const rest = after === undefined ? sorted : sorted.filter((item) => key(item) > after);
  const page = rest.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rest.length > q.limit && last ? encodeCursor([key(last)]) : null };
}
