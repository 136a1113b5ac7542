/** Bounds of a free-form JSON object inside a command (e.g. `RecordHostingInterest.details`). */
export const FREE_JSON_LIMITS = { depth: 8, entries: 200 } as const;

// NUL and other control characters, a leading `$` (operators) and `.` (paths) would mean something to a store.
const BAD_KEY = /[\u0000-\u001f\u007f.]|^\$/;

/**
 * Why `value` is not a bounded JSON object, or null when it is: a plain object nested at most 8
 * levels, at most 200 keys and array items in all, keys a document store reads literally, numbers
 * finite. Walked with an explicit stack, never by recursion.
 */
export function freeJsonProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be a JSON object';
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 1 }];
  let entries = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node === 'number' && !Number.isFinite(node)) return 'must hold finite numbers only';
    if (node === null || typeof node !== 'object') {
      if (node === undefined || typeof node === 'function' || typeof node === 'symbol' || typeof node === 'bigint') return 'must hold JSON values only';
      continue;
    }
    if (depth > FREE_JSON_LIMITS.depth) return `must nest at most ${FREE_JSON_LIMITS.depth} levels`;
    const proto = Object.getPrototypeOf(node);
    if (!Array.isArray(node) && proto !== Object.prototype && proto !== null) return 'must hold JSON values only';
    const keys = Array.isArray(node) ? null : Object.keys(node);
    entries += keys ? keys.length : (node as unknown[]).length;
    if (entries > FREE_JSON_LIMITS.entries) return `must hold at most ${FREE_JSON_LIMITS.entries} keys and items in all`;
    if (keys === null) {
      for (const item of node as unknown[]) stack.push({ node: item, depth: depth + 1 });
      continue;
    }
    for (const key of keys) {
      if (BAD_KEY.test(key)) return 'must have keys without control characters or ".", not starting with "$"';
      stack.push({ node: (node as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}
