import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error';

/** API.md: request bodies nested deeper than this are 400 `MalformedJson`. */
export const MAX_BODY_DEPTH = 32;

/**
 * How deeply the JSON text nests objects and arrays, read in one pass over the characters (no
 * recursion, no parse), stopping as soon as `limit` is passed. Brackets inside strings do not count.
 */
export function jsonNestingDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

/**
 * JSON bodies: the depth is checked on the text before anything parses it, then Fastify's own parser
 * (which refuses `__proto__` and `constructor.prototype` keys) reads it.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonNestingDepth(text, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
      return done(new ApiError(400, 'MalformedJson', `The body nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels.`), undefined);
    }
    parse(request, text, done);
  });
}

/** Whether a parsed value nests objects or arrays deeper than `limit`, walked with an explicit stack. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
