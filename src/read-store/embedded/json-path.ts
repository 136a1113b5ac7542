/**
 * A document field addressed by a dot path. Paths are inlined as SQL literals, never bound,
 * so that a query's `json_extract` is the very expression an index was declared on.
 */
export interface FieldSql {
  path: string;
  /** The JSON path literal, e.g. `'$."address"."city"'`. */
  jsonPath: string;
  /** The field's SQL value: NULL when missing or JSON null; arrays and objects come back as JSON text. */
  value: string;
  /** `json_type`: NULL when missing, else 'null' | 'true' | 'false' | 'integer' | 'real' | 'text' | 'array' | 'object'. */
  type: string;
}

/** Made once per path: every find and sort spells its fields, and a service uses a few dozen paths. */
const known = new Map<string, Readonly<FieldSql>>();
const KNOWN_PATHS_KEPT = 1000;

export function fieldSql(path: string): Readonly<FieldSql> {
  let field = known.get(path);
  if (field === undefined) {
    field = Object.freeze(checkedFieldSql(path));
    if (known.size >= KNOWN_PATHS_KEPT) known.clear();
    known.set(path, field);
  }
  return field;
}

function checkedFieldSql(path: string): FieldSql {
  const segments = path.split('.');
  // MongoDB keeps its own fields there; refusing them here keeps both adapters' answers the same.
  if (segments[0] === '_id' || segments[0] === '_position') throw new TypeError(`Field path "${path}" is reserved by the store`);
  for (const segment of segments) {
    if (segment === '' || segment.startsWith('$') || /["\\]/.test(segment)) {
      throw new TypeError(`Invalid field path "${path}"`);
    }
  }
  const json = '$' + segments.map((segment) => `."${segment}"`).join('');
  const jsonPath = `'${json.replace(/'/g, "''")}'`;
  return { path, jsonPath, value: `json_extract(doc, ${jsonPath})`, type: `json_type(doc, ${jsonPath})` };
}

export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;
