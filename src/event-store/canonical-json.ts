/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785) and no whitespace: the same
 * value always gives the same text, and `canonicalJson(JSON.parse(canonicalJson(v)))` gives it again.
 * `undefined` and functions are left out of objects and written `null` in arrays, as JSON.stringify does.
 * Event data comes from clients, so no depth of it may overflow the call stack: values up to
 * FAST_DEPTH levels are written by recursion, deeper ones by a writer with its own stack.
 */
export function canonicalJson(value: unknown): string {
  // Events nest a few levels: written by recursion, the same text at a fraction of the cost (no
  // object per member). Past FAST_DEPTH levels the whole value is written again with the stack below.
  if (value !== null && typeof value === 'object') {
    const fast = writeShallow(value, 0);
    if (fast !== undefined && fast !== TOO_DEEP) return fast;
  }
  return canonicalJsonDeep(value);
}

/** How deep `writeShallow` recurses before it gives up on a value for the iterative writer. */
const FAST_DEPTH = 64;
/** What `writeShallow` answers for a value nested deeper than FAST_DEPTH (no JSON text is made of it). */
const TOO_DEEP = '\u0000too deep';

/** The canonical text of `item` (not yet through toJSON), undefined when it has no JSON form, TOO_DEEP past FAST_DEPTH. */
function writeShallow(item: unknown, depth: number): string | undefined {
  const value = jsonValue(item);
  if (value === null || typeof value !== 'object') return hasJsonForm(value) ? JSON.stringify(value) : undefined;
  if (depth >= FAST_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const element = writeShallow(value[i], depth + 1);
      if (element === TOO_DEEP) return TOO_DEEP;
      out += (i > 0 ? ',' : '') + (element ?? 'null');
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  let out = '{';
  let later = false;
  for (const key of keys) {
    const member = writeShallow(record[key], depth + 1);
    if (member === undefined) continue;
    if (member === TOO_DEEP) return TOO_DEEP;
    out += (later ? ',' : '') + JSON.stringify(key) + ':' + member;
    later = true;
  }
  return out + '}';
}

/**
 * `Object.keys(record).sort()`: an object's few keys are sorted in place by insertion (the default
 * sort's order, by UTF-16 code units), without the copy the built-in sort makes; many keys use it.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** The same text as `canonicalJson`, with its own stack: any depth, and circular data refused. */
function canonicalJsonDeep(value: unknown): string {
  const root = jsonValue(value);
  if (root === null || typeof root !== 'object') {
    const text = JSON.stringify(root);
    if (text === undefined) throw new TypeError('A value with no JSON form cannot be written as canonical JSON');
    return text;
  }
  let out = '';
  let depth = 0;
  // Still to write, last first: text to copy as it is, or a value (already through toJSON) to expand.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Text) {
      out += item.text;
      if (item === CLOSE_ARRAY || item === CLOSE_OBJECT) depth--;
    } else if (item === null || typeof item !== 'object') {
      out += JSON.stringify(item);
    } else if (++depth > MAX_DEPTH) {
      throw new TypeError(`A value nested deeper than ${MAX_DEPTH} levels (or circular) cannot be written as canonical JSON`);
    } else if (Array.isArray(item)) {
      out += '[';
      stack.push(CLOSE_ARRAY);
      for (let i = item.length - 1; i >= 0; i--) {
        const element = jsonValue(item[i]);
        stack.push(hasJsonForm(element) ? element : NULL);
        if (i > 0) stack.push(COMMA);
      }
    } else {
      const record = item as Record<string, unknown>;
      const keys = sortedKeys(record);
      out += '{';
      stack.push(CLOSE_OBJECT);
      let later = false;
      for (let i = keys.length - 1; i >= 0; i--) {
        const member = jsonValue(record[keys[i]]);
        if (!hasJsonForm(member)) continue;
        if (later) stack.push(COMMA);
        stack.push(member, new Text(`${JSON.stringify(keys[i])}:`));
        later = true;
      }
    }
  }
  return out;
}

/** Far beyond any real event (requests are refused past 32 levels); reached quickly by circular data, which JSON cannot hold. */
const MAX_DEPTH = 1_000_000;

class Text {
  constructor(readonly text: string) {}
}

const COMMA = new Text(',');
const NULL = new Text('null');
const CLOSE_ARRAY = new Text(']');
const CLOSE_OBJECT = new Text('}');

/** The value JSON.stringify would write: `toJSON()`'s answer where there is one. */
function jsonValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON: () => unknown }).toJSON()
    : value;
}

/** False for what JSON.stringify leaves out of objects (undefined, functions, symbols). */
function hasJsonForm(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}
