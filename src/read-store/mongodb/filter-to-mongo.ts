import type { Filter as MongoFilter } from 'mongodb';
import type { FieldCondition, Filter, Scalar, Sort } from '../document-store.port';
import type { StoredShape } from './stored-shape';
import { isPlainObject, isScalar, scalar, scalars } from '../filter-values';

/**
 * The port's filter language is MongoDB's, minus the adapter's own fields: most operators pass
 * through. `$contains`/`$containsAny` become `$elemMatch`, which (unlike plain equality) only
 * matches arrays. Input is checked as strictly as the embedded adapter checks it.
 */
export function filterToMongo(filter: Filter = {}): MongoFilter<StoredShape> {
  const query: Record<string, unknown> = {};
  for (const [key, condition] of Object.entries(filter)) {
    if (condition === undefined) throw new TypeError(`Filter on "${key}" is undefined`);
    if (key === '$or') query.$or = anyOf(condition);
    else if (key.startsWith('$')) throw new TypeError(`Unknown filter operator ${key}`);
    else query[checkedPath(key)] = fieldCondition(key, condition);
  }
  return query as MongoFilter<StoredShape>;
}

function anyOf(branches: unknown): MongoFilter<StoredShape>[] {
  if (!Array.isArray(branches) || branches.length === 0) throw new TypeError('$or needs a non-empty array of filters');
  return branches.map((branch) => {
    if (!isPlainObject(branch)) throw new TypeError('$or needs a non-empty array of filters');
    return filterToMongo(branch as Filter);
  });
}

const PASS_THROUGH = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$exists']);

function fieldCondition(path: string, condition: FieldCondition | Filter[]): Record<string, unknown> {
  if (isScalar(condition)) return { $eq: condition };
  if (!isPlainObject(condition)) throw new TypeError(`Invalid condition on "${path}"`);
  const operators = Object.entries(condition);
  if (operators.length === 0) throw new TypeError(`Empty condition on "${path}"`);
  const out: Record<string, unknown> = {};
  const elementMatches: Record<string, unknown>[] = [];
  for (const [operator, operand] of operators) {
    if (operand === undefined) throw new TypeError(`${operator} on "${path}" is undefined`);
    if (operator === '$in' || operator === '$nin') out[operator] = scalars(path, operator, operand);
    else if (operator === '$contains') elementMatches.push({ $eq: scalar(path, operator, operand) });
    else if (operator === '$containsAny') elementMatches.push({ $in: scalars(path, operator, operand) });
    else if (PASS_THROUGH.has(operator)) out[operator] = checkedOperand(path, operator, operand);
    else throw new TypeError(`Unknown operator ${operator} on "${path}"`);
  }
  // Each array condition may be met by a different element, as with the other operators.
  if (elementMatches.length === 1) out.$elemMatch = elementMatches[0];
  if (elementMatches.length > 1) out.$all = elementMatches.map((match) => ({ $elemMatch: match }));
  return out;
}

function checkedOperand(path: string, operator: string, operand: unknown): Scalar {
  if (operator === '$exists') {
    if (typeof operand !== 'boolean') throw new TypeError(`$exists on "${path}" needs true or false`);
    return operand;
  }
  if (operator === '$eq' || operator === '$ne') return scalar(path, operator, operand);
  if (typeof operand !== 'string' && !(typeof operand === 'number' && Number.isFinite(operand))) {
    throw new TypeError(`${operator} on "${path}" needs a string or a finite number`);
  }
  return operand;
}

/**
 * Sort keys in order, then `_id`: ties come out in id order, as on the embedded adapter, and the
 * indexes (which end with `_id`, see `wantedIndex`) serve the whole sort. When the keys are exactly
 * a unique index's fields there are no ties: no tie-break, so that index serves the sort.
 */
export function sortToMongo(sort: Sort = [], uniqueKeys: string[][] = []): [string, 1 | -1][] {
  const seen = new Set<string>();
  const keys: [string, 1 | -1][] = [];
  for (const [path, direction] of sort) {
    if (direction !== 1 && direction !== -1) throw new TypeError(`Sort direction for "${path}" must be 1 or -1`);
    if (seen.has(path)) continue;
    seen.add(path);
    keys.push([checkedPath(path), direction]);
  }
  const paths = keys.map(([path]) => path).join('\u0000');
  if (keys.length > 0 && uniqueKeys.some((fields) => fields.join('\u0000') === paths)) return keys;
  keys.push(['_id', 1]);
  return keys;
}

/** The same paths the embedded adapter accepts; `_id` and `_position` are this adapter's own fields. */
export function checkedPath(path: string): string {
  const segments = path.split('.');
  if (segments[0] === '_id' || segments[0] === '_position') throw new TypeError(`Field path "${path}" is reserved by the store`);
  for (const segment of segments) {
    if (segment === '' || segment.startsWith('$') || /["\\]/.test(segment)) throw new TypeError(`Invalid field path "${path}"`);
  }
  return path;
}
