import type { FastifyReply } from 'fastify';
import { validationFailed } from './api-error';

/** Deeper pages are not served: a store skips every row before the page (security.md D3). */
export const MAX_OFFSET = 100_000;

export interface Paging {
  limit: number;
  offset: number;
}

const whole = (value: unknown): number | null =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null;

/** `limit` (default 100, max 1000) and `offset` from a query string, or a 400 naming them. */
export function parsePaging(query: Record<string, unknown>): Paging {
  const problems: { field: string; message: string }[] = [];
  let limit = 100;
  let offset = 0;
  if (query.limit !== undefined) {
    const n = whole(query.limit);
    if (n === null || n < 1 || n > 1000) problems.push({ field: 'limit', message: 'must be a whole number from 1 to 1000' });
    else limit = n;
  }
  if (query.offset !== undefined) {
    const n = whole(query.offset);
    if (n === null || n > MAX_OFFSET) problems.push({ field: 'offset', message: `must be a whole number from 0 to ${MAX_OFFSET}` });
    else offset = n;
  }
  if (problems.length) throw validationFailed(problems);
  return { limit, offset };
}

/** A list answer: `{ items }` with `X-Total-Count`. */
export function listAnswer<T>(reply: FastifyReply, items: T[], total: number): { items: T[] } {
  reply.header('X-Total-Count', String(total));
  return { items };
}
