import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Principal, seesEverything } from '../auth/token';
import { APP_CONFIG, AppConfig } from '../config/config';
import { KeyRing } from '../privacy/key-ring';
import { IMPORT_PACKAGES_FILE_KEY, readSealedFile, writeSealedFile } from '../privacy/sealed-file';
import { DOCUMENT_STORE, DocumentStore } from '../read-store/document-store.port';
import { Actor } from '../shared/event';
import { CLOCK, Clock, isoDate } from '../shared/clock';
import { issuedCorrelationId } from '../shared/correlation';
import { newId } from '../shared/ids';
import { OrganisationScope } from '../scopes/organisation-scope';
import { OneRosterImporter } from './oneroster/oneroster.importer';
import { ImportReport } from './oneroster/oneroster.report';
import { ImportScope } from './oneroster/oneroster.scope';
import { zipSource } from './oneroster/oneroster.source';

export const IMPORTS = 'imports';

/** An import as it is kept: its report, and how to run it again after a restart. */
interface ImportJob extends Record<string, unknown> {
  report: ImportReport;
  dryRun: boolean;
  source: string | null;
  actor: Actor;
  /** The importing token as it was when the import started (kept so a resumed import keeps its scope); absent in jobs of `*` tokens from before scoped imports. */
  principal?: Principal;
  today: string;
}

const UNFINISHED: ImportReport['status'][] = ['validating', 'applying'];
/** A running import's report is stored at most this often (and at every change of status). */
const SAVE_EVERY_MS = 500;

/**
 * Imports sent over HTTP run in the background. The package is kept in `DATA_DIR/imports` (sealed)
 * until the import ends, so an import cut off by a stop or a crash runs again at the next start: rows already
 * applied are unchanged the second time, so it picks up where it was and appends nothing twice.
 */
@Injectable()
export class ImportJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('imports');
  private readonly running = new Map<string, Promise<void>>();
  private readonly folder: string;
  /** Packages hold students' names: they are kept sealed, with a key derived from the master key. */
  private readonly packageKey: Buffer;
  private stopping = false;

  constructor(
    private readonly importer: OneRosterImporter,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scope: OrganisationScope,
    keys: KeyRing,
  ) {
    this.folder = join(config.dataDir, 'imports');
    this.packageKey = keys.derivedSecret(IMPORT_PACKAGES_FILE_KEY);
  }

  async start(zip: Buffer, options: { dryRun: boolean; source: string | null; actor: Actor; principal?: Principal }): Promise<ImportReport> {
    const importId = newId();
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    writeSealedFile(this.packagePath(importId), this.packageKey, zip);
    const report: ImportReport = {
      importId, kind: 'oneroster', status: 'validating', dryRun: options.dryRun, source: options.source, progress: { done: 0, total: 0 },
      counts: {}, issues: [], issuesTruncated: false, correlationId: issuedCorrelationId(), position: null,
    };
    const job: ImportJob = {
      report, dryRun: options.dryRun, source: options.source, actor: options.actor, today: isoDate(this.clock.now()),
      ...(options.principal ? { principal: options.principal } : {}),
    };
    await this.save(job);
    this.launch(job);
    return report;
  }

  /** Keeps the report of an import that ran to its end in the request (a claims file), for `GET /v1/imports/{id}`. */
  async keep(report: ImportReport, actor: Actor, principal: Principal): Promise<void> {
    await this.save({ report, dryRun: report.dryRun, source: report.source, actor, principal, today: isoDate(this.clock.now()) });
  }

  /** An import's report, for a token with `*` or the token that started it (null otherwise, as for an import that does not exist). */
  async find(importId: string, asker?: Principal): Promise<ImportReport | null> {
    const job = await this.documents.collection<ImportJob>(IMPORTS).get(importId);
    if (!job || (asker && !seesEverything(asker) && job.principal?.name !== asker.name)) return null;
    return job.report;
  }

  /** Imports a stop or a crash cut off run again. */
  async onApplicationBootstrap(): Promise<void> {
    const jobs = await this.documents.collection<ImportJob>(IMPORTS).find({ 'report.status': { $in: UNFINISHED } }, { limit: 1000 });
    for (const job of jobs) {
      this.logger.log(`Import ${job.report.importId} was cut off while ${job.report.status}: running it again`);
      this.launch(job);
    }
  }

  /** On a stop, running imports finish the rows in flight and are left `applying`: they resume at the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running.values()]);
  }

  private launch(job: ImportJob): void {
    const { importId, correlationId } = job.report;
    const run = (async () => {
      let saved = 0;
      let source;
      try {
        source = await zipSource(readSealedFile(this.packagePath(importId), this.packageKey));
      } catch (error) {
        job.report.status = 'rejected';
        job.report.issues = [{ file: '(package)', line: 0, field: null, code: 'NotAZip', message: `The body is not a zip archive: ${error instanceof Error ? error.message : String(error)}`, severity: 'error' }];
        await this.save(job);
        rmSync(this.packagePath(importId), { force: true });
        return;
      }
      try {
        const report = await this.importer.run(source, {
          importId, correlationId, dryRun: job.dryRun, source: job.source ?? undefined, actor: job.actor, today: job.today, scope: this.scopeOf(job.principal),
          shouldStop: () => this.stopping,
          onProgress: (progress) => {
            job.report = { ...progress };
            if (Date.now() - saved < SAVE_EVERY_MS && UNFINISHED.includes(progress.status)) return;
            saved = Date.now();
            void this.save(job).catch(() => undefined);
          },
        });
        job.report = report;
      } catch (error) {
        job.report.status = 'failed';
        job.report.issues = [...job.report.issues, { file: '(import)', line: 0, field: null, code: 'ImportFailed', message: `The import stopped: ${error instanceof Error ? error.message : String(error)}. Rows counted as applied were applied.`, severity: 'error' }];
        this.logger.error(`Import ${importId} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await source.close();
      }
      await this.save(job);
      if (!UNFINISHED.includes(job.report.status)) rmSync(this.packagePath(importId), { force: true });
    })().finally(() => this.running.delete(importId));
    this.running.set(importId, run);
  }

  /** A token limited to some organisations imports within them (API.md "Tokens"); one with `*` everywhere. */
  private scopeOf(principal: Principal | undefined): ImportScope | undefined {
    if (!principal || seesEverything(principal)) return undefined;
    return { principal, covers: (organisationIds) => this.scope.covers(principal, organisationIds) };
  }

  private packagePath(importId: string): string {
    return join(this.folder, `${importId}.zip`);
  }

  private async save(job: ImportJob): Promise<void> {
    await this.documents.collection<ImportJob>(IMPORTS).put(job.report.importId, job);
  }
}
