import { z } from 'zod';

/** Text input for the zod schemas: PostgreSQL text cannot hold a NUL character, so it is refused as input, never a failure. */
export const noNul = (s: string) => !s.includes('\0');

/** Required text, trimmed, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max).refine(noNul, 'contains a NUL character');

/** Optional text, trimmed; empty is absent. */
export const optionalText = (max: number) =>
  z.string().trim().max(max).refine(noNul, 'contains a NUL character').transform((v) => (v === '' ? undefined : v)).optional();
