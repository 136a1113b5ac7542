/**
 * A state as plain JSON: Maps become objects (or entry lists when a key is not a string), Sets and
 * other iterables arrays, bigints decimal strings, dates ISO strings; classes with `entries()` (the
 * work ledger) are written as the object of their entries.
 */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => jsonSafe(item) ?? null);
  if (value instanceof Set) return [...value].map((item) => jsonSafe(item) ?? null);
  if (value instanceof Map || (Object.getPrototypeOf(value) !== Object.prototype && typeof (value as { entries?: unknown }).entries === 'function')) {
    const entries = [...(value as { entries(): Iterable<[unknown, unknown]> }).entries()];
    if (entries.every(([key]) => typeof key === 'string')) return Object.fromEntries(entries.map(([key, item]) => [key, jsonSafe(item)]));
    return entries.map(([key, item]) => [jsonSafe(key), jsonSafe(item)]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const safe = jsonSafe(item);
    if (safe !== undefined) out[key] = safe;
  }
  return out;
}
