import { Principal } from '../../auth/token';
import { Actor } from '../../shared/event';
import { CommandSender } from '../command-sender';
import { ChangeFinder, Verdict } from './oneroster.changes';
import { csvRows } from './oneroster.csv';
import { FieldReader } from './oneroster.fields';
import { IssueLog } from './oneroster.issues';
import { MAPPERS, MappingContext, PlannedCommand } from './oneroster.mapping';
import { fingerprintOf, ImportedRecord, ImportedRecords, RecordFacts } from './oneroster.record-store';
import { readRecord, RecordOf } from './oneroster.records';
import { advancePosition, ImportReport } from './oneroster.report';
import { PackageSource } from './oneroster.source';
import { AppliedFile, FileMode, headerOf } from './oneroster.tables';
import { ALREADY_DONE, updatesFor } from './oneroster.updates';
import { PackageIndex } from './oneroster.package-index';

/** Records of applied rows are saved (and progress published) this many at a time. */
const ROWS_PER_BATCH = 500;
/**
 * Rows applied at once: their appends arrive together, so the event log commits them in one
 * transaction (group commit). Rows of one file touch different aggregates, so they do not race.
 */
const ROWS_IN_FLIGHT = 64;

const FIRST_IN_FILE: Partial<Record<AppliedFile, (record: RecordOf[AppliedFile]) => boolean>> = {
  orgs: (record) => (record as RecordOf['orgs']).type !== 'school',
  academicSessions: (record) => (record as RecordOf['academicSessions']).type === 'schoolYear',
};

export interface ApplyContext {
  sender: CommandSender;
  store: ImportedRecords;
  report: ImportReport;
  issues: IssueLog;
  ctx: MappingContext;
  on: { correlationId: string; actor: Actor; principal?: Principal };
  dryRun: boolean;
  changes: ChangeFinder;
  publish: () => void;
  shouldStop: () => boolean;
}

/** The second pass: each changed row's commands (validation found which rows changed), through the ordinary command pipeline. */
export class Applier {
  private readonly pending: ImportedRecord[] = [];

  constructor(private readonly run: ApplyContext) {}

  /** A command the import itself needs (its source's district), idempotent like every create. */
  async once(command: PlannedCommand): Promise<void> {
    await this.send([command], 'orgs', 0);
  }

  async file(source: PackageSource, file: AppliedFile, mode: Exclude<FileMode, 'absent'>, version: '1.1' | '1.2'): Promise<void> {
    const { report } = this.run;
    const changes = this.run.changes.of(file);
    // Unchanged rows are counted without being read again.
    report.counts[`${file}.csv`].unchanged += changes.unchanged;
    report.progress.done += changes.unchanged;
    if (changes.changed > 0) {
      // Rows of one file may refer to each other (a school to its district, a term to its year): those referred to go first.
      const first = FIRST_IN_FILE[file];
      if (first) {
        await this.rows(source, file, mode, version, first);
        await this.rows(source, file, mode, version, (record) => !first(record));
      } else await this.rows(source, file, mode, version, () => true);
    }
    if (mode === 'bulk' && changes.missing > 0 && !this.run.shouldStop()) {
      await this.deleteMissing(file, changes.seen);
      changes.seen.clear();
    }
    await this.flush();
  }

  private async rows(
    source: PackageSource,
    file: AppliedFile,
    mode: Exclude<FileMode, 'absent'>,
    version: '1.1' | '1.2',
    wanted: (record: RecordOf[AppliedFile]) => boolean,
  ): Promise<void> {
    const name = `${file}.csv`;
    const quiet = new IssueLog(0);
    const verdicts = this.run.changes.of(file).verdicts;
    const inFlight = new Set<Promise<void>>();
    for await (const row of csvRows(await source.open(name), name, headerOf(version, file), quiet)) {
      if (this.run.shouldStop()) break;
      const verdict = verdicts.get(row.line);
      if (verdict === Verdict.Unchanged) continue;
      const record = readRecord(file, new FieldReader(row, name, quiet), mode, version);
      if (!record || !wanted(record)) continue;
      const work = this.row(file, record, verdict).finally(() => inFlight.delete(work));
      inFlight.add(work);
      // A person's roles touch one stream each time: one at a time, to keep them out of each other's way.
      if (inFlight.size >= (file === 'roles' ? 1 : ROWS_IN_FLIGHT)) await Promise.race(inFlight);
      if (this.pending.length >= ROWS_PER_BATCH) await this.flush();
    }
    await Promise.all(inFlight);
  }

  private async row(file: AppliedFile, record: RecordOf[AppliedFile], verdict: Verdict): Promise<void> {
    const { report, ctx } = this.run;
    const counts = report.counts[`${file}.csv`];
    const planned = (MAPPERS[file] as (r: RecordOf[AppliedFile], c: MappingContext) => PlannedCommand[] | { skip: string })(record, ctx);
    report.progress.done++;
    if (!Array.isArray(planned)) {
      counts.ignored++;
      if (planned.skip !== 'department') this.run.issues.warning(`${file}.csv`, record.line, null, 'IgnoredRow', `The row is read and not applied: ${planned.skip}.`);
      return;
    }
    const deleted = record.status === 'tobedeleted';
    const commands = deleted || verdict === Verdict.New ? planned : updatesFor(planned, verdict === Verdict.Revived);
    if (!(await this.send(commands, file, record.line))) {
      counts.failed++;
      return;
    }
    if (deleted) counts.deleted++;
    else if (verdict === Verdict.New) counts.created++;
    else counts.updated++;
    const { line: _line, modified, ...content } = record;
    this.pending.push({
      source: ctx.source, file, sourcedId: record.sourcedId, fingerprint: fingerprintOf(content), modified, deleted,
      facts: factsOf(file, record, ctx.known), importId: report.importId,
    });
  }

  /** Rule 3: a bulk file is the whole set; a record sent before and missing now is deleted. */
  private async deleteMissing(file: AppliedFile, seen: ReadonlySet<string>): Promise<void> {
    const { report, ctx, store } = this.run;
    const counts = report.counts[`${file}.csv`];
    const gone: ImportedRecord[] = [];
    for await (const prior of store.live(ctx.source, file)) if (!seen.has(prior.sourcedId)) gone.push(prior);
    for (const prior of gone) {
      const commands = deletionOf(file, prior, ctx);
      if (commands.length && !(await this.send(commands, file, 0))) {
        counts.failed++;
        continue;
      }
      counts.deleted++;
      this.pending.push({ ...prior, deleted: true, importId: report.importId });
    }
  }

  /** Sends a row's commands in order; a refusal is an issue on the row (rule 6) and stops the row. */
  private async send(commands: PlannedCommand[], file: AppliedFile, line: number): Promise<boolean> {
    const { report } = this.run;
    if (this.run.dryRun) return true;
    for (const command of commands) {
      const outcome = await this.run.sender.send(command.name, command.body, this.run.on);
      if (outcome.ok) {
        advancePosition(report, outcome.position);
        continue;
      }
      if (ALREADY_DONE.has(outcome.code)) continue;
      this.run.issues.error(`${file}.csv`, line, null, outcome.code, `${command.name} was refused: ${outcome.message} The row was not applied.`);
      return false;
    }
    return true;
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    if (!this.run.dryRun) await this.run.store.save(batch);
    this.run.publish();
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
