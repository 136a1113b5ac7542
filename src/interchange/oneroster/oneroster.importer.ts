import { Actor } from '../../shared/event';
import { issuedCorrelationId } from '../../shared/correlation';
import { newId } from '../../shared/ids';
import { CommandSender } from '../command-sender';
import { csvRows } from './oneroster.csv';
import { FieldReader } from './oneroster.fields';
import { SOURCE_CODE, importedId } from './oneroster.ids';
import { IssueLog } from './oneroster.issues';
import { readManifest } from './oneroster.manifest';
import { MAPPERS, MappingContext, PlannedCommand, sourceDistrictOf } from './oneroster.mapping';
import { fingerprintOf, ImportedRecord, ImportedRecords, recordKey, RecordFacts } from './oneroster.record-store';
import { readRecord, RecordOf } from './oneroster.records';
import { emptyCounts, ImportReport } from './oneroster.report';
import { PackageSource } from './oneroster.source';
import { APPLIED_FILES, AppliedFile, FileMode, headerOf } from './oneroster.tables';
import { ALREADY_DONE, updatesFor } from './oneroster.updates';
import { emptyIndex, inReadingOrder, PackageIndex, validatePackage } from './oneroster.validation';

export interface ImportOptions {
  importId?: string;
  dryRun?: boolean;
  /** `--source` / `?source=`; else the manifest's source.systemCode; else `default`. */
  source?: string;
  actor: Actor;
  today: string;
  correlationId?: string;
  /** Asked between rows: true leaves the import `applying`, to run again later. */
  shouldStop?: () => boolean;
  /** Told after every batch of rows, and whenever the status changes. */
  onProgress?: (report: ImportReport) => void;
}

const ROWS_PER_BATCH = 500;

const FIRST_IN_FILE: Partial<Record<AppliedFile, (record: RecordOf[AppliedFile]) => boolean>> = {
  orgs: (record) => (record as RecordOf['orgs']).type !== 'school',
  academicSessions: (record) => (record as RecordOf['academicSessions']).type === 'schoolYear',
};
const ROWS_IN_FLIGHT = 8;

/**
 * A OneRoster package in, ordinary commands out (interchange.md): validate every row first, then
 * apply the files in dependency order, row by row through the same command pipeline as the API,
 * comparing each record with what the source sent before so a repeated package appends nothing.
 */
export class OneRosterImporter {
  constructor(
    private readonly sender: CommandSender,
    private readonly records: ImportedRecords,
  ) {}

  async run(source: PackageSource, options: ImportOptions): Promise<ImportReport> {
    const issues = new IssueLog();
    const report: ImportReport = {
      importId: options.importId ?? newId(), kind: 'oneroster', status: 'validating', dryRun: options.dryRun === true, source: null,
      progress: { done: 0, total: 0 }, counts: {}, issues: [], issuesTruncated: false, correlationId: options.correlationId ?? issuedCorrelationId(), position: null,
    };
    const publish = () => {
      report.issues = inReadingOrder(issues.items);
      report.issuesTruncated = issues.truncated;
      options.onProgress?.(report);
    };
    publish();
    const manifest = await readManifest(source, issues);
    const code = options.source ?? manifest?.systemCode ?? 'default';
    if (!SOURCE_CODE.test(code)) issues.error('manifest.csv', 0, 'source.systemCode', 'InvalidSource', `A source code is 1–40 of A–Z a–z 0–9 _ -, not "${code}".`);
    report.source = code;
    if (!manifest || issues.errors > 0) return this.finish(report, 'rejected', publish);

    await this.records.prepare();
    const previous = await this.records.load(code);
    const summary = await validatePackage(source, manifest, issues, previous.index);
    report.progress.total = Object.entries(summary.rows).filter(([name]) => !summary.ignoredFiles.includes(name)).reduce((n, [, rows]) => n + rows, 0);
    for (const name of Object.keys(summary.rows)) report.counts[name] = emptyCounts();
    for (const name of summary.ignoredFiles) report.counts[name].ignored = summary.rows[name];
    if (issues.errors > 0) return this.finish(report, 'rejected', publish);

    report.status = 'applying';
    publish();
    const known = mergeIndexes(previous.index, summary.index);
    const ctx: MappingContext = { source: code, today: options.today, id: (sourcedId) => importedId(code, sourcedId), known };
    const on = { correlationId: report.correlationId, actor: options.actor };
    const shouldStop = options.shouldStop ?? (() => false);
    const apply = new Applier(this.sender, this.records, report, issues, ctx, on, options.dryRun === true, previous.records, publish, shouldStop);
    const orphanSchools = [...summary.index.orgs.values()].some((org) => org.kind === 'school' && (!org.parent || known.orgs.get(org.parent)?.kind !== 'district'));
    if (orphanSchools) await apply.once(sourceDistrictOf(ctx));
    for (const file of APPLIED_FILES) {
      const mode = manifest.files.get(file);
      if (mode) await apply.file(source, file, mode, manifest.version);
      if (shouldStop()) return this.finish(report, 'applying', publish);
    }
    return this.finish(report, 'done', publish);
  }

  private finish(report: ImportReport, status: ImportReport['status'], publish: () => void): ImportReport {
    report.status = status;
    publish();
    return report;
  }
}

function mergeIndexes(earlier: PackageIndex, now: PackageIndex): PackageIndex {
  const merged = emptyIndex();
  for (const key of Object.keys(merged) as (keyof PackageIndex)[]) {
    const target = merged[key] as Map<string, unknown>;
    for (const [id, value] of earlier[key] as Map<string, unknown>) target.set(id, value);
    for (const [id, value] of now[key] as Map<string, unknown>) target.set(id, value);
  }
  return merged;
}

/** The second pass: each row's commands, sent unless the record is as the source sent it last time. */
class Applier {
  private readonly pending: ImportedRecord[] = [];

  constructor(
    private readonly sender: CommandSender,
    private readonly store: ImportedRecords,
    private readonly report: ImportReport,
    private readonly issues: IssueLog,
    private readonly ctx: MappingContext,
    private readonly on: { correlationId: string; actor: Actor },
    private readonly dryRun: boolean,
    private readonly previous: Map<string, ImportedRecord>,
    private readonly publish: () => void,
    private readonly shouldStop: () => boolean,
  ) {}

  /** A command the import itself needs (its source's district), idempotent like every create. */
  async once(command: PlannedCommand): Promise<void> {
    await this.send([command], 'orgs', 0);
  }

  async file(source: PackageSource, file: AppliedFile, mode: Exclude<FileMode, 'absent'>, version: '1.1' | '1.2'): Promise<void> {
    const seen = new Set<string>();
    // Rows of one file may refer to each other (a school to its district, a term to its year): those referred to go first.
    const first = FIRST_IN_FILE[file];
    if (first) {
      await this.rows(source, file, mode, version, seen, first);
      await this.rows(source, file, mode, version, seen, (record) => !first(record));
    } else await this.rows(source, file, mode, version, seen, () => true);
    if (mode === 'bulk' && !this.shouldStop()) await this.deleteMissing(file, seen);
    await this.flush();
  }

  private async rows(
    source: PackageSource,
    file: AppliedFile,
    mode: Exclude<FileMode, 'absent'>,
    version: '1.1' | '1.2',
    seen: Set<string>,
    wanted: (record: RecordOf[AppliedFile]) => boolean,
  ): Promise<void> {
    const name = `${file}.csv`;
    const quiet = new IssueLog(0);
    const inFlight = new Set<Promise<void>>();
    for await (const row of csvRows(await source.open(name), name, headerOf(version, file), quiet)) {
      const record = readRecord(file, new FieldReader(row, name, quiet), mode, version);
      if (this.shouldStop()) break;
      if (!record || !wanted(record)) continue;
      seen.add(record.sourcedId);
      const work = this.row(file, record, mode).finally(() => inFlight.delete(work));
      inFlight.add(work);
      // A person's roles touch one stream each time: one at a time, to keep them out of each other's way.
      if (inFlight.size >= (file === 'roles' ? 1 : ROWS_IN_FLIGHT)) await Promise.race(inFlight);
      if (this.report.progress.done % ROWS_PER_BATCH === 0) await this.flush();
    }
    await Promise.all(inFlight);
  }

  private async row(file: AppliedFile, record: RecordOf[AppliedFile], mode: FileMode): Promise<void> {
    const counts = this.report.counts[`${file}.csv`];
    const planned = (MAPPERS[file] as (r: RecordOf[AppliedFile], c: MappingContext) => PlannedCommand[] | { skip: string })(record, this.ctx);
    const prior = this.previous.get(recordKey(this.ctx.source, file, record.sourcedId));
    // The row's content, not the commands: those also depend on the day of the import (a default admission day).
    const { line: _line, modified: _modified, ...content } = record;
    const fingerprint = fingerprintOf(content);
    const deleted = record.status === 'tobedeleted';
    this.report.progress.done++;
    if (!Array.isArray(planned)) {
      counts.ignored++;
      if (planned.skip !== 'department') this.issues.warning(`${file}.csv`, record.line, null, 'IgnoredRow', `The row is read and not applied: ${planned.skip}.`);
      return;
    }
    const older = mode === 'delta' && prior?.modified && record.modified && record.modified <= prior.modified;
    if (older || (prior && prior.fingerprint === fingerprint && prior.deleted === deleted)) {
      counts.unchanged++;
      return;
    }
    if (deleted && (!prior || prior.deleted)) {
      counts.unchanged++;
      return;
    }
    const commands = deleted || !prior ? planned : updatesFor(planned, prior.deleted);
    if (!(await this.send(commands, file, record.line))) {
      counts.failed++;
      return;
    }
    if (deleted) counts.deleted++;
    else if (prior) counts.updated++;
    else counts.created++;
    this.pending.push({
      source: this.ctx.source, file, sourcedId: record.sourcedId, fingerprint, modified: record.modified, deleted,
      facts: factsOf(file, record, this.ctx.known), importId: this.report.importId,
    });
  }

  /** Rule 3: a bulk file is the whole set; a record sent before and missing now is deleted. */
  private async deleteMissing(file: AppliedFile, seen: Set<string>): Promise<void> {
    const counts = this.report.counts[`${file}.csv`];
    for (const prior of this.previous.values()) {
      if (prior.file !== file || prior.deleted || seen.has(prior.sourcedId)) continue;
      const commands = deletionOf(file, prior, this.ctx);
      if (commands.length && !(await this.send(commands, file, 0))) {
        counts.failed++;
        continue;
      }
      counts.deleted++;
      this.pending.push({ ...prior, deleted: true, importId: this.report.importId });
    }
  }

  /** Sends a row's commands in order; a refusal is an issue on the row (rule 6) and stops the row. */
  private async send(commands: PlannedCommand[], file: AppliedFile, line: number): Promise<boolean> {
    if (this.dryRun) return true;
    for (const command of commands) {
      const outcome = await this.sender.send(command.name, command.body, this.on);
      if (outcome.ok) {
        if (outcome.position !== null && (this.report.position === null || outcome.position > BigInt(this.report.position))) {
          this.report.position = outcome.position.toString();
        }
        continue;
      }
      if (ALREADY_DONE.has(outcome.code)) continue;
      this.issues.error(`${file}.csv`, line, null, outcome.code, `${command.name} was refused: ${outcome.message} The row was not applied.`);
      return false;
    }
    return true;
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    if (!this.dryRun) await this.store.save(batch);
    this.publish();
  }
}

function factsOf(file: AppliedFile, record: RecordOf[AppliedFile], known: PackageIndex): RecordFacts {
  switch (file) {
    case 'orgs': return known.orgs.get(record.sourcedId) ?? {};
    case 'academicSessions': return known.academicSessions.get(record.sourcedId) ?? {};
    case 'courses': return known.courses.get(record.sourcedId) ?? {};
    case 'classes': return { school: (record as RecordOf['classes']).schoolSourcedId };
    case 'users': return { user: known.users.get(record.sourcedId) ?? 'family' };
    default: return {};
  }
}

/** What deleting a record that vanished from a bulk file means for its aggregate. */
function deletionOf(file: AppliedFile, prior: ImportedRecord, ctx: MappingContext): PlannedCommand[] {
  const id = ctx.id(prior.sourcedId);
  const facts = prior.facts as Record<string, unknown>;
  switch (file) {
    case 'orgs': return facts.kind === 'ignored' ? [] : [{ name: 'CloseOrganisation', body: { organisationId: id } }];
    case 'classes': return [{ name: 'CloseClassroom', body: { classroomId: id } }];
    case 'users':
      if (facts.user === 'student') return [{ name: 'DeactivateStudent', body: { studentId: id, reason: 'removed by the roster source' } }];
      return facts.user === 'staff' ? [{ name: 'DeactivateUser', body: { userId: id } }] : [];
    case 'enrollments': return [{ name: 'EndEnrollment', body: { enrollmentId: id, endDate: ctx.today } }];
    default: return [];
  }
}
