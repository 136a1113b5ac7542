import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { IssueLog } from './oneroster.issues';

/** One data row: its CSV line and its values by column name (extra `metadata.*` columns kept). */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Reads a CSV file row by row (RFC 4180, UTF-8, a BOM tolerated). The header must be `expected`
 * exactly and in order, with only `metadata.*` columns after it (none with `exact`); a header-only
 * file is refused. Problems go to `issues`; rows of a file whose header is wrong are not read.
 */
export async function* csvRows(stream: Readable, file: string, expected: readonly string[] | null, issues: IssueLog, options: { exact?: boolean } = {}): AsyncGenerator<CsvRow> {
  const parser = stream.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  let header: string[] | null = null;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record;
        if (!headerIsValid(header, expected, file, issues, options.exact === true)) {
          stream.destroy();
          return;
        }
        continue;
      }
      rows++;
      if (record.length !== header.length) {
        issues.error(file, info.lines, null, 'ColumnCount', `The row has ${record.length} values; the header has ${header.length} columns.`);
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((column, i) => (values[column] = record[i]));
      yield { line: info.lines, values };
    }
  } catch (error) {
    issues.error(file, 0, null, 'MalformedCsv', `The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!header) issues.error(file, 0, null, 'EmptyFile', 'The file is empty: it needs a header and at least one row.');
  else if (rows === 0) issues.error(file, 1, null, 'HeaderOnlyFile', options.exact ? 'The file has a header and no rows.' : 'The file has a header and no rows; leave it out and mark it absent in the manifest.');
}

function headerIsValid(header: string[], expected: readonly string[] | null, file: string, issues: IssueLog, exact: boolean): boolean {
  const wanted = expected ?? ['sourcedId', 'status', 'dateLastModified'];
  for (let i = 0; i < wanted.length; i++) {
    if (header[i] !== wanted[i]) {
      issues.error(file, 1, header[i] ?? null, 'HeaderMismatch', `Column ${i + 1} of the header must be "${wanted[i]}"${header[i] === undefined ? ', and it is missing' : `, not "${header[i]}"`}.`);
      return false;
    }
  }
  if (!expected) return true;
  if (exact && header.length > wanted.length) {
    issues.error(file, 1, header[wanted.length], 'HeaderMismatch', `The header has ${header.length} columns; it must be exactly ${wanted.join(',')}.`);
    return false;
  }
  const extra = header.slice(wanted.length).find((column) => !column.startsWith('metadata.'));
  if (extra !== undefined) {
    issues.error(file, 1, extra, 'HeaderMismatch', `Only metadata.* columns may follow the standard ones; "${extra}" is not one.`);
    return false;
  }
  return true;
}
