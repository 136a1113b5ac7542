import { Actor } from '../../shared/event';
import { issuedCorrelationId } from '../../shared/correlation';
import { newId } from '../../shared/ids';
import { CommandSender } from '../command-sender';
import { Applier } from './oneroster.applier';
import { ChangeFinder } from './oneroster.changes';
import { SOURCE_CODE, importedId } from './oneroster.ids';
import { IssueLog } from './oneroster.issues';
import { readManifest } from './oneroster.manifest';
import { MappingContext, sourceDistrictOf } from './oneroster.mapping';
import { ImportedRecords } from './oneroster.record-store';
import { ImportScope, PackageScope } from './oneroster.scope';
import { emptyCounts, ImportReport } from './oneroster.report';
import { PackageSource } from './oneroster.source';
import { APPLIED_FILES, AppliedFile } from './oneroster.tables';
import { PackageIndex, Unresolved } from './oneroster.package-index';
import { inReadingOrder, validatePackage } from './oneroster.validation';

export interface ImportOptions {
  importId?: string;
  dryRun?: boolean;
  /** `--source` / `?source=`; else the manifest's source.systemCode; else `default`. */
  source?: string;
  actor: Actor;
  today: string;
  correlationId?: string;
  /** The importing token's organisations, when it is limited to some: rows touching others are errors, and each command is checked as over HTTP. */
  scope?: ImportScope;
  /** Asked between rows: true leaves the import `applying`, to run again later. */
  shouldStop?: () => boolean;
  /** Told after every batch of rows, and whenever the status changes. */
  onProgress?: (report: ImportReport) => void;
}

/**
 * A OneRoster package in, ordinary commands out (interchange.md): validate every row first, then
 * apply the files in dependency order through the same command pipeline as the API. Validation also
 * compares each row with what the source sent before, so the apply pass sends only what changed.
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
    const previous = await this.records.loadIndex(code);
    const changes = new ChangeFinder(this.records, code);
    const scope = options.scope ? new PackageScope(options.scope, code) : undefined;
    const resolve = (wanted: Unresolved) => this.records.resolve(code, previous, wanted);
    const summary = await validatePackage(source, manifest, issues, { previous, changes, scope, resolve });
    report.progress.total = Object.entries(summary.rows).filter(([name]) => !summary.ignoredFiles.includes(name)).reduce((n, [, rows]) => n + rows, 0);
    for (const name of Object.keys(summary.rows)) report.counts[name] = emptyCounts();
    for (const name of summary.ignoredFiles) report.counts[name].ignored = summary.rows[name];
    if (issues.errors > 0) return this.finish(report, 'rejected', publish);

    report.status = 'applying';
    publish();
    const inPackageOrEarlier = (id: string) => summary.index.orgs.get(id) ?? previous.orgs.get(id);
    const orphanSchools = [...summary.index.orgs.values()].some((org) => org.kind === 'school' && (!org.parent || inPackageOrEarlier(org.parent)?.kind !== 'district'));
    const known = mergeIndexes(previous, summary.index);
    const ctx: MappingContext = { source: code, today: options.today, id: (sourcedId) => importedId(code, sourcedId), known };
    const on = { correlationId: report.correlationId, actor: options.actor, principal: options.scope?.principal };
    const shouldStop = options.shouldStop ?? (() => false);
    const apply = new Applier({ sender: this.sender, store: this.records, report, issues, ctx, on, dryRun: options.dryRun === true, changes, publish, shouldStop });
    if (orphanSchools) await apply.once(sourceDistrictOf(ctx));
    for (const file of APPLIED_FILES) {
      const mode = manifest.files.get(file);
      if (mode) await apply.file(source, file, mode, manifest.version);
      releaseAfter(file, known, manifest.files);
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

/** Drops what no later file's rows need (the apply pass of a large package holds less). */
function releaseAfter(file: AppliedFile, known: PackageIndex, files: ReadonlyMap<string, unknown>): void {
  // Admissions (users in 1.1, roles in 1.2) are the last to read first days, grades and a user's organisations.
  if (file === 'roles') {
    known.firstDays.clear();
    known.userGrades.clear();
    known.userOrgs.clear();
    known.classes.clear();
  }
  // Demographics are the last to ask whether a user is a student (enrollment rows say their role).
  if ((file === 'roles' && !files.has('demographics')) || file === 'demographics') known.users.clear();
}

/**
 * The package's records laid over those imported earlier. Each pair of maps becomes one: the smaller
 * is poured into the larger and emptied, so a 100,000-user package is indexed once, not twice.
 */
function mergeIndexes(earlier: PackageIndex, now: PackageIndex): PackageIndex {
  const merged = {} as Record<keyof PackageIndex, Map<string, unknown>>;
  for (const key of Object.keys(earlier) as (keyof PackageIndex)[]) {
    const older = earlier[key] as Map<string, unknown>;
    const newer = now[key] as Map<string, unknown>;
    if (older.size > newer.size) {
      for (const [id, value] of newer) older.set(id, value);
      merged[key] = older;
      newer.clear();
    } else {
      // The package's record wins over the earlier one of the same id.
      for (const [id, value] of older) if (!newer.has(id)) newer.set(id, value);
      merged[key] = newer;
      older.clear();
    }
  }
  return merged as unknown as PackageIndex;
}
