import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../src/config/config';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { ProjectionPositions } from '../../src/http/read-consistency';
import { readCheckpoint, readFailure } from './checkpoints';
import { ProjectionDefinition } from './projection';
import { ProjectionRebuild, RebuildOutcome, RebuildProgress } from './projection-rebuild';
import { ProjectionRunner, ProjectionStatus } from './projection-runner';
import { DocumentDifference } from './read-model-diff';

export const PROJECTION_DEFINITIONS = Symbol('ProjectionDefinitions');

export interface ProjectionInfo {
  name: string;
  status: ProjectionStatus;
  checkpoint: string;
  lagEvents: number;
  lagSeconds: number;
  /** The last error met (kept after a recovery), or null. */
  lastError: string | null;
  /** Set when `failed`: the event it could not handle. */
  failure: { position: string; eventType: string | null; error: string } | null;
}

export class UnknownProjectionError extends Error {}
export class RebuildInProgressError extends Error {}

/** Runs every read model's projector (PROJECTIONS=inline|only) and answers how far each has read. */
@Injectable()
export class ProjectionsService implements ProjectionPositions, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly rebuilding = new Set<string>();

  constructor(
    @Inject(PROJECTION_DEFINITIONS) definitions: ProjectionDefinition[],
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    for (const definition of definitions) {
      this.runners.set(
        definition.name,
        new ProjectionRunner(definition, events, documents, {
          onError: (error) => this.logger.warn(`Projection ${definition.name} met an error, retrying: ${(error as Error).message ?? error}`),
          onFailed: (failure) =>
            this.logger.error(`Projection ${definition.name} failed at position ${failure.position} (${failure.eventType ?? 'reading the log'}): ${failure.error}`),
        }),
      );
    }
  }

  get runsInProcess(): boolean {
    return this.config.projections !== 'off';
  }

  private optimizeTimer: NodeJS.Timeout | undefined;

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsInProcess) return;
    await this.startAll();
    this.scheduleOptimize(60_000);
  }

  /** Planner statistics follow the read models as they grow: a minute after start, then hourly. */
  private scheduleOptimize(delayMs: number): void {
    this.optimizeTimer = setTimeout(() => {
      this.documents
        .optimize()
        .catch((error: unknown) => this.logger.warn(`Refreshing read-store statistics failed: ${(error as Error).message}`))
        .finally(() => {
          if (this.optimizeTimer) this.scheduleOptimize(3_600_000);
        });
    }, delayMs);
    this.optimizeTimer.unref();
  }

  async startAll(): Promise<void> {
    for (const runner of this.runners.values()) {
      if (await new ProjectionRebuild(runner.definition, this.events, this.documents).finishInterruptedSwap()) {
        this.logger.warn(`Read model ${runner.definition.name}: finished a rebuild swap that had been cut short`);
      }
      const stored = await runner.prepare();
      if (stored && stored.version !== runner.definition.version) {
        this.logger.log(`Read model ${runner.definition.name} is version ${stored.version}, the code writes ${runner.definition.version}: rebuilding`);
        await this.rebuild(runner.definition.name);
      }
      await runner.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.optimizeTimer);
    this.optimizeTimer = undefined;
    for (const runner of this.runners.values()) await runner.stop();
  }

  names(): string[] {
    return [...this.runners.keys()];
  }

  private runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new UnknownProjectionError(`There is no projection named "${name}"`);
    return runner;
  }

  async checkpoint(name: string): Promise<bigint> {
    if (this.runsInProcess) return this.runner(name).checkpoint;
    const stored = await readCheckpoint(this.documents, name);
    return stored ? BigInt(stored.position) : 0n;
  }

  async waitFor(name: string, position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.runsInProcess) return this.runner(name).waitFor(position, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.checkpoint(name)) >= position) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return (await this.checkpoint(name)) >= position;
  }

  async list(): Promise<ProjectionInfo[]> {
    const head = await this.events.headPosition();
    const infos: ProjectionInfo[] = [];
    for (const runner of this.runners.values()) {
      const name = runner.definition.name;
      const stored = this.runsInProcess ? null : await readCheckpoint(this.documents, name);
      // Another process runs the projectors: its failures are read from the store.
      const failure = this.runsInProcess ? runner.failure : await readFailure(this.documents, name);
      const checkpoint = stored ? BigInt(stored.position) : runner.checkpoint;
      const lastEventAt = stored ? stored.lastEventAt : runner.lastEventOccurredAt;
      const behind = head > checkpoint;
      let status: ProjectionStatus = this.runsInProcess ? runner.status : behind ? 'catching_up' : 'live';
      if (failure) status = 'failed';
      if (this.rebuilding.has(name)) status = 'rebuilding';
      infos.push({
        name,
        status,
        checkpoint: checkpoint.toString(),
        // Exact on the embedded log (positions are consecutive); an upper bound on EventStoreDB.
        lagEvents: behind ? Number(head - checkpoint) : 0,
        lagSeconds: behind && lastEventAt ? Math.max(0, (Date.now() - Date.parse(lastEventAt)) / 1000) : 0,
        lastError: this.runsInProcess ? runner.lastError : failure?.error ?? null,
        failure: failure && { position: failure.position.toString(), eventType: failure.eventType, error: failure.error },
      });
    }
    return infos;
  }

  async rebuild(name: string, progress?: RebuildProgress): Promise<RebuildOutcome> {
    const runner = this.runner(name);
    return this.exclusively(name, () =>
      new ProjectionRebuild(runner.definition, this.events, this.documents).rebuild(this.runsInProcess ? runner : undefined, progress),
    );
  }

  async verify(name: string, progress?: RebuildProgress): Promise<DocumentDifference[]> {
    const runner = this.runner(name);
    return this.exclusively(name, () =>
      new ProjectionRebuild(runner.definition, this.events, this.documents).verify(this.runsInProcess ? runner : undefined, progress),
    );
  }

  private async exclusively<R>(name: string, work: () => Promise<R>): Promise<R> {
    if (this.rebuilding.has(name)) throw new RebuildInProgressError(`Projection ${name} is already being rebuilt`);
    this.rebuilding.add(name);
    try {
      return await work();
    } finally {
      this.rebuilding.delete(name);
    }
  }
}
