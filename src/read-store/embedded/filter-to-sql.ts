import type { FieldCondition, Filter, Scalar } from '../document-store.port';
import { FieldSql, fieldSql } from './json-path';
import { joinSql, raw, Sql, sql } from './sql-fragment';
import { isPlainObject, isScalar, scalar, scalars } from '../filter-values';

/**
 * Translates the port's filter language into SQL over `json_extract`, with MongoDB's semantics:
 * values only match values of the same type (true is not 1, "5" is not 5), `null` matches a
 * missing field, negations match missing fields, and a condition on an array field holds when
 * the array itself or any of its elements satisfies it (each operator on its own, as MongoDB does).
 * Paths step through objects only: MongoDB would also step into arrays of sub-documents.
 */
export function filterToSql(filter: Filter = {}): Sql {
  const terms: Sql[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (condition === undefined) throw new TypeError(`Filter on "${key}" is undefined`);
    if (key === '$or') terms.push(anyOf(condition));
    else if (key.startsWith('$')) throw new TypeError(`Unknown filter operator ${key}`);
    else terms.push(fieldCondition(fieldSql(key), condition));
  }
  return terms.length === 0 ? raw('1') : joinSql(terms.map(parenthesised), ' AND ');
}

/** The same value and type columns for a field and for an element of it (`json_each` rows are aliased `e`). */
interface Operand {
  value: string;
  type: string;
  isElement: boolean;
}

const ELEMENT: Operand = { value: 'e.value', type: 'e.type', isElement: true };
const NUMERIC = `('integer', 'real')`;
const FALSE = raw('0');

function anyOf(branches: unknown): Sql {
  if (!Array.isArray(branches) || branches.length === 0) throw new TypeError('$or needs a non-empty array of filters');
  return joinSql(
    branches.map((branch) => {
      if (!isPlainObject(branch)) throw new TypeError('$or needs a non-empty array of filters');
      return parenthesised(filterToSql(branch as Filter));
    }),
    ' OR ',
  );
}

function fieldCondition(field: FieldSql, condition: FieldCondition | Filter[]): Sql {
  if (isScalar(condition)) return oneOf(field, [condition]);
  if (!isPlainObject(condition)) throw new TypeError(`Invalid condition on "${field.path}"`);
  const operators = Object.entries(condition);
  if (operators.length === 0) throw new TypeError(`Empty condition on "${field.path}"`);
  return joinSql(
    operators.map(([operator, operand]) => parenthesised(fieldOperator(field, operator, operand))),
    ' AND ',
  );
}

function fieldOperator(field: FieldSql, operator: string, operand: unknown): Sql {
  if (operand === undefined) throw new TypeError(`${operator} on "${field.path}" is undefined`);
  switch (operator) {
    case '$eq':
      return oneOf(field, [scalar(field.path, operator, operand)]);
    case '$ne':
      return not(oneOf(field, [scalar(field.path, operator, operand)]));
    case '$in':
      return oneOf(field, scalars(field.path, operator, operand));
    case '$nin':
      return not(oneOf(field, scalars(field.path, operator, operand)));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return range(field, operator, operand);
    case '$exists':
      if (typeof operand !== 'boolean') throw new TypeError(`$exists on "${field.path}" needs true or false`);
      return raw(`${field.type} IS ${operand ? 'NOT NULL' : 'NULL'}`);
    case '$contains':
      return anyElement(field, scalarIn(ELEMENT, [scalar(field.path, operator, operand)]));
    case '$containsAny': {
      const values = scalars(field.path, operator, operand);
      return values.length === 0 ? FALSE : anyElement(field, scalarIn(ELEMENT, values));
    }
    default:
      throw new TypeError(`Unknown operator ${operator} on "${field.path}"`);
  }
}

/** The field equals one of the values, or is an array holding one of them. */
function oneOf(field: FieldSql, values: Scalar[]): Sql {
  if (values.length === 0) return FALSE;
  const self: Operand = { value: field.value, type: field.type, isElement: false };
  return sql`${scalarIn(self, values)} OR ${anyElement(field, scalarIn(ELEMENT, values))}`;
}

/** Equality grouped by type, written as `value IN (...)` so an expression index on the field can serve it. */
function scalarIn(operand: Operand, values: Scalar[]): Sql {
  const strings = values.filter((v): v is string => typeof v === 'string');
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const parts: Sql[] = [];
  if (strings.length > 0) parts.push(sql`(${raw(operand.value)} IN (${list(strings)}) AND ${raw(operand.type)} = 'text')`);
  if (numbers.length > 0) parts.push(sql`(${raw(operand.value)} IN (${list(numbers)}) AND ${raw(operand.type)} IN ${raw(NUMERIC)})`);
  for (const flag of [true, false]) {
    if (values.includes(flag)) parts.push(raw(`(${operand.value} = ${flag ? 1 : 0} AND ${operand.type} = '${flag}')`));
  }
  if (values.includes(null)) parts.push(raw(operand.isElement ? `${operand.type} = 'null'` : `${operand.value} IS NULL`));
  return parenthesised(joinSql(parts, ' OR '));
}

const COMPARATORS = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;

/** Only values of the bound's type compare; the extra bound keeps an index range scan within that type. */
function range(field: FieldSql, operator: keyof typeof COMPARATORS, bound: unknown): Sql {
  if (typeof bound !== 'string' && !(typeof bound === 'number' && Number.isFinite(bound))) {
    throw new TypeError(`${operator} on "${field.path}" needs a string or a finite number`);
  }
  const comparator = raw(COMPARATORS[operator]);
  const isNumber = typeof bound === 'number';
  const typeTest = (type: string) => raw(isNumber ? `${type} IN ${NUMERIC}` : `${type} = 'text'`);
  // In SQLite every number sorts below every string.
  const typeBound =
    isNumber && (operator === '$gt' || operator === '$gte')
      ? raw(` AND ${field.value} < ''`)
      : !isNumber && (operator === '$lt' || operator === '$lte')
        ? raw(` AND ${field.value} >= ''`)
        : raw('');
  const self = sql`(${raw(field.value)} ${comparator} ${bound}${typeBound} AND ${typeTest(field.type)})`;
  const element = sql`${typeTest(ELEMENT.type)} AND ${raw(ELEMENT.value)} ${comparator} ${bound}`;
  return sql`${self} OR ${anyElement(field, element)}`;
}

/**
 * The field is an array with an element satisfying `predicate`. The range test on the array's JSON
 * text (which starts with '[') lets SQLite serve this branch from the field's index as well.
 */
function anyElement(field: FieldSql, predicate: Sql): Sql {
  return sql`(${raw(field.value)} >= '[' AND ${raw(field.value)} < '\\' AND ${raw(field.type)} = 'array' AND EXISTS (SELECT 1 FROM json_each(doc, ${raw(field.jsonPath)}) AS e WHERE ${predicate}))`;
}

/** SQL's NULL would make NOT drop rows (a missing field): a negation must be plainly true or false. */
const not = (condition: Sql): Sql => sql`NOT ifnull((${condition}), 0)`;

const parenthesised = (part: Sql): Sql => sql`(${part})`;

const list = (values: (string | number)[]): Sql => joinSql(values.map((value) => sql`${value}`), ', ');
