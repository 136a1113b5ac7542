import { fingerprintOf, ImportedRecords } from './oneroster.record-store';
import { RecordOf } from './oneroster.records';
import { AppliedFile, FileMode } from './oneroster.tables';

/** What the apply pass does with a row, found while validating by comparing it with what the source sent before. */
export const Verdict = {
  /** As stored (or a delta row not newer than the stored one, or a deletion of what is gone): counted, not applied. */
  Unchanged: 0,
  New: 1,
  Changed: 2,
  /** Changed, and the source had deleted it: it comes back. */
  Revived: 3,
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

/** One byte per CSV line: a verdict per row without keeping rows. */
class LineVerdicts {
  private bytes = new Uint8Array(1024);

  set(line: number, verdict: Verdict): void {
    if (line >= this.bytes.length) {
      const grown = new Uint8Array(Math.max(line + 1, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[line] = verdict;
  }

  get(line: number): Verdict {
    return (this.bytes[line] ?? Verdict.Unchanged) as Verdict;
  }

  *changedLines(): Generator<number> {
    for (let line = 0; line < this.bytes.length; line++) if (this.bytes[line] !== Verdict.Unchanged) yield line;
  }
}

/** What validation found out about one file for the apply pass. */
export class FileChanges {
  readonly verdicts = new LineVerdicts();
  unchanged = 0;
  changed = 0;
  /** sourcedIds of the file's rows (validation fills it): a bulk file deletes the source's other records. */
  readonly seen = new Set<string>();
  /** Rows whose record the source had sent before and not deleted. */
  liveSeen = 0;
  /** Records of the file the source had sent before and not deleted, counted before the import. */
  liveBefore = 0;

  changedLines(): Iterable<number> {
    return this.verdicts.changedLines();
  }

  /** Records sent before, not deleted and not in this bulk file: deleted by it (interchange.md rule 3). */
  get missing(): number {
    return this.liveBefore - this.liveSeen;
  }
}

const BATCH = 500;

/**
 * Compares each valid row with the record its source sent before (interchange.md rules 4 and 5),
 * a batch of rows at a time, so the apply pass can skip unchanged rows before mapping them and skip
 * a file none of whose rows changed.
 */
export class ChangeFinder {
  private readonly files = new Map<AppliedFile, FileChanges>();
  private batch: { file: AppliedFile; mode: FileMode; record: RecordOf[AppliedFile] }[] = [];

  constructor(
    private readonly records: ImportedRecords,
    private readonly source: string,
  ) {}

  of(file: AppliedFile): FileChanges {
    let changes = this.files.get(file);
    if (!changes) this.files.set(file, (changes = new FileChanges()));
    return changes;
  }

  async startFile(file: AppliedFile, mode: FileMode): Promise<void> {
    if (mode === 'bulk') this.of(file).liveBefore = await this.records.countLive(this.source, file);
  }

  async add(file: AppliedFile, mode: FileMode, record: RecordOf[AppliedFile]): Promise<void> {
    this.batch.push({ file, mode, record });
    if (this.batch.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    // A batch holds rows of one file: flush() is called at each file's end.
    const priors = await this.records.getMany(this.source, batch[0].file, batch.map(({ record }) => record.sourcedId));
    batch.forEach(({ file, mode, record }, i) => {
      const prior = priors[i];
      const changes = this.of(file);
      if (prior && !prior.deleted) changes.liveSeen++;
      // The row's content, not the commands: those also depend on the day of the import (a default admission day).
      const { line, modified, ...content } = record;
      const deleted = record.status === 'tobedeleted';
      const older = mode === 'delta' && prior?.modified && modified && modified <= prior.modified;
      const same = prior !== null && prior.deleted === deleted && prior.fingerprint === fingerprintOf(content);
      const gone = deleted && (!prior || prior.deleted);
      const verdict = older || same || gone ? Verdict.Unchanged : !prior ? Verdict.New : prior.deleted ? Verdict.Revived : Verdict.Changed;
      changes.verdicts.set(line, verdict);
      if (verdict === Verdict.Unchanged) changes.unchanged++;
      else changes.changed++;
    });
  }
}
