import { isCalendarDate } from '../../shared/dates';
import { CsvRow } from './oneroster.csv';
import { IssueLog } from './oneroster.issues';
import { FileMode } from './oneroster.tables';

export type RecordStatus = 'active' | 'tobedeleted';

/** Reads one row's fields with the checks the tables call for; every problem becomes an issue on that line and field. */
export class FieldReader {
  constructor(
    private readonly row: CsvRow,
    private readonly file: string,
    private readonly issues: IssueLog,
  ) {}

  get line(): number {
    return this.row.line;
  }

  raw(field: string): string {
    return (this.row.values[field] ?? '').trim();
  }

  text(field: string, required = false): string | null {
    const value = this.raw(field);
    if (value === '') {
      if (required) this.error(field, 'MissingValue', `${field} is required.`);
      return null;
    }
    return value;
  }

  /** A value from a vocabulary; a match in another case is taken, with a warning. */
  vocab<T extends string>(field: string, allowed: readonly T[], required = false): T | null {
    const value = this.text(field, required);
    if (value === null) return null;
    const exact = allowed.find((a) => a === value);
    if (exact) return exact;
    const loose = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (loose) {
      this.warning(field, 'ValueNormalised', `"${value}" is read as "${loose}" (the vocabulary is case-sensitive).`);
      return loose;
    }
    this.error(field, 'InvalidValue', `${field} must be one of ${allowed.join(', ')}, not "${value}".`);
    return null;
  }

  date(field: string, required = false): string | null {
    const value = this.text(field, required);
    if (value === null) return null;
    if (!isCalendarDate(value)) {
      this.error(field, 'InvalidDate', `${field} must be a date YYYY-MM-DD, not "${value}".`);
      return null;
    }
    return value;
  }

  boolean(field: string, required = false): boolean | null {
    const value = this.text(field, required);
    if (value === null) return null;
    if (value === 'true' || value === 'false') return value === 'true';
    if (value.toLowerCase() === 'true' || value.toLowerCase() === 'false') {
      this.warning(field, 'ValueNormalised', `"${value}" is read as "${value.toLowerCase()}" (booleans are lower case).`);
      return value.toLowerCase() === 'true';
    }
    this.error(field, 'InvalidValue', `${field} must be true or false, not "${value}".`);
    return null;
  }

  /** A comma-separated list (OneRoster's multi-valued fields), blanks dropped. */
  list(field: string, required = false): string[] {
    const value = this.text(field, required);
    return value === null ? [] : value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  }

  /** `status` and `dateLastModified`: blank in bulk rows (a warning when not), required in delta rows. */
  lifecycle(mode: FileMode): { status: RecordStatus; modified: string | null } {
    const given = this.text('status');
    let status: RecordStatus = 'active';
    if (given !== null) {
      if (given === 'active' || given === 'tobedeleted') status = given;
      else if (given === 'inactive') {
        this.warning('status', 'LegacyStatus', '"inactive" is the legacy form of "tobedeleted" and is read as it.');
        status = 'tobedeleted';
      } else this.error('status', 'InvalidValue', `status must be active or tobedeleted, not "${given}".`);
      if (mode === 'bulk') this.warning('status', 'StatusInBulk', 'Bulk rows carry no status; a bulk file is the complete set, so the value is ignored.');
      if (mode === 'bulk') status = 'active';
    } else if (mode === 'delta') this.error('status', 'MissingValue', 'Delta rows need a status.');
    const modified = this.text('dateLastModified');
    if (modified === null) {
      if (mode === 'delta') this.error('dateLastModified', 'MissingValue', 'Delta rows need dateLastModified.');
      return { status, modified: null };
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(modified) && isCalendarDate(modified)) {
      this.warning('dateLastModified', 'ValueNormalised', `"${modified}" has no time; it is read as midnight UTC.`);
      return { status, modified: `${modified}T00:00:00.000Z` };
    }
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(modified) || Number.isNaN(Date.parse(modified))) {
      this.error('dateLastModified', 'InvalidDate', `dateLastModified must be an ISO 8601 date-time, not "${modified}".`);
      return { status, modified: null };
    }
    return { status, modified: new Date(modified).toISOString() };
  }

  error(field: string | null, code: string, message: string): void {
    this.issues.error(this.file, this.row.line, field, code, message);
  }

  warning(field: string | null, code: string, message: string): void {
    this.issues.warning(this.file, this.row.line, field, code, message);
  }
}
