import type { IndexDescription } from 'mongodb';
import type { IndexSpec } from '../document-store.port';
import { checkedPath } from './filter-to-mongo';

/** An index as we create it: always named, so a changed spec is recognised by name and key. */
export interface WantedIndex {
  name: string;
  key: [string, 1 | -1 | '2dsphere'][];
  unique: boolean;
}

/** What `listIndexes` reports of an index (the fields we compare). */
export interface ExistingIndex {
  name: string;
  key: Record<string, unknown>;
  unique?: boolean;
}

/**
 * The index MongoDB gets for a spec. A plain index ends with `_id`, the tie-break every sorted find
 * adds (`sortToMongo`): a sort on the declared fields, in the declared directions, is then read in
 * index order instead of sorting every match in memory. A unique index keeps exactly its fields
 * (adding `_id` would make every key unique); its sorts need no tie-break.
 */
export function wantedIndex(spec: IndexSpec): WantedIndex {
  if (spec.fields.length === 0) throw new TypeError('An index needs at least one field');
  for (const [path, direction] of spec.fields) {
    if (direction !== 1 && direction !== -1) throw new TypeError(`Index direction for "${path}" must be 1 or -1`);
    checkedPath(path);
  }
  if (spec.kind === '2dsphere') {
    const [path] = spec.fields[0];
    return { name: `ledger_geo_${path}`, key: [[path, '2dsphere']], unique: false };
  }
  const unique = spec.unique === true;
  const key: WantedIndex['key'] = unique ? [...spec.fields] : [...spec.fields, ['_id', 1]];
  return { name: `ledger_${unique ? 'unique' : 'ix'}_${spec.fields.map(([path, direction]) => `${path}_${direction}`).join('_')}`, key, unique };
}

export function toDescription(index: WantedIndex): IndexDescription {
  return { name: index.name, key: new Map(index.key), ...(index.unique ? { unique: true } : {}) };
}

const sameIndex = (existing: ExistingIndex, wanted: WantedIndex): boolean =>
  existing.unique === true === wanted.unique &&
  JSON.stringify(Object.entries(existing.key).map(([path, kind]) => [path, Number(kind) || kind])) === JSON.stringify(wanted.key);

/**
 * Reconciliation of a collection's indexes with its declared specs: an index no longer declared, or
 * declared differently under the same name (say, made unique), is dropped first; then every wanted
 * index that is not there as wanted is created. Creating over a changed one would fail with
 * IndexOptionsConflict (85) or IndexKeySpecsConflict (86) and stop start-up.
 */
export function planIndexes(existing: ExistingIndex[], specs: IndexSpec[]): { drop: string[]; create: WantedIndex[] } {
  const wanted = new Map<string, WantedIndex>();
  for (const spec of specs) {
    const index = wantedIndex(spec);
    wanted.set(index.name, index);
  }
  const drop: string[] = [];
  const kept = new Set<string>();
  for (const index of existing) {
    if (index.name === '_id_') continue;
    const match = wanted.get(index.name);
    if (match && sameIndex(index, match)) kept.add(index.name);
    else drop.push(index.name);
  }
  return { drop, create: [...wanted.values()].filter((index) => !kept.has(index.name)) };
}
