import type { Sort } from '../document-store.port';
import { fieldSql } from './json-path';

/**
 * MongoDB's sort order across types: an empty array, then null and missing, numbers, strings,
 * objects, arrays, booleans. An array sorts by its smallest element ascending and its largest
 * descending. (Objects are compared by their JSON text here, field by field on MongoDB.)
 */
const RANKS =
  `WHEN 'integer' THEN 2 WHEN 'real' THEN 2 WHEN 'text' THEN 3 WHEN 'object' THEN 4 ` +
  `WHEN 'array' THEN 5 WHEN 'false' THEN 6 WHEN 'true' THEN 6 ELSE 1`;

const rank = (type: string): string => `(CASE ${type} ${RANKS} END)`;

/** The ORDER BY list for `sort`, always ending with the id so that ties come out in one order everywhere. */
export function sortToSql(sort: Sort = []): string {
  const terms: string[] = [];
  for (const [path, direction] of uniqueKeys(sort)) {
    const field = fieldSql(path);
    const dir = direction === 1 ? 'ASC' : 'DESC';
    const extreme = `FROM json_each(doc, ${field.jsonPath}) AS e ORDER BY ${rank('e.type')} ${dir}, e.value ${dir} LIMIT 1`;
    // One json_type per row for the rank: sort keys are computed for every row scanned.
    terms.push(
      `CASE ${field.type} WHEN 'array' THEN ifnull((SELECT ${rank('e.type')} ${extreme}), 0) ${RANKS} END ${dir}`,
      `CASE ${field.type} WHEN 'array' THEN (SELECT e.value ${extreme}) ELSE ${field.value} END ${dir}`,
    );
  }
  terms.push('id ASC');
  return terms.join(', ');
}

/** A key named twice sorts by its first direction, on every adapter. */
function uniqueKeys(sort: Sort): Sort {
  const seen = new Set<string>();
  return sort.filter(([path, direction]) => {
    if (direction !== 1 && direction !== -1) throw new TypeError(`Sort direction for "${path}" must be 1 or -1`);
    if (seen.has(path)) return false;
    seen.add(path);
    return true;
  });
}
