/** A problem found in a package: errors reject the whole package, warnings only report. */
export interface ImportIssue {
  file: string;
  /** The CSV line (1 is the header); 0 for the package or the file as a whole. */
  line: number;
  field: string | null;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Collects issues, keeping at most `limit` in full while counting them all, so a broken 100,000-row file cannot fill memory. */
export class IssueLog {
  readonly items: ImportIssue[] = [];
  errors = 0;
  warnings = 0;

  constructor(private readonly limit = 1000) {}

  error(file: string, line: number, field: string | null, code: string, message: string): void {
    this.errors++;
    this.add({ file, line, field, code, message, severity: 'error' });
  }

  warning(file: string, line: number, field: string | null, code: string, message: string): void {
    this.warnings++;
    this.add({ file, line, field, code, message, severity: 'warning' });
  }

  get truncated(): boolean {
    return this.errors + this.warnings > this.items.length;
  }

  private add(issue: ImportIssue): void {
    if (this.items.length < this.limit) this.items.push(issue);
  }
}
