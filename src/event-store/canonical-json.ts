/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785) and no whitespace: the same
 * value always gives the same text, and `canonicalJson(JSON.parse(canonicalJson(v)))` gives it again.
 * `undefined` and functions are left out of objects and written `null` in arrays, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value);
  if (text === undefined) throw new TypeError('A value with no JSON form cannot be written as canonical JSON');
  return text;
}

function write(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (write(value[i]) ?? 'null');
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const text = write(record[key]);
    if (text === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + text;
    first = false;
  }
  return out + '}';
}
