import type { DocumentStore } from '../../src/read-store/document-store.port';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { RecordedEvent } from '../../src/shared/event';
import { checkpointsOf } from './checkpoints';
import { ProjectionDefinition } from './projection';
import { ProjectionRunner } from './projection-runner';
import { diffCollections, DocumentDifference } from './read-model-diff';

const SHADOW = '__shadow';
/** Large batches: a rebuild has the log to itself, and fewer commits write far less to disk. */
const PAGE = 5000;

export type RebuildProgress = (applied: bigint, head: bigint) => void;

export interface RebuildOutcome {
  position: bigint;
  eventsRead: number;
}

/** Rebuilds a read model from zero into shadow collections, then swaps them in (or, to verify, compares them). */
export class ProjectionRebuild {
  constructor(
    private readonly definition: ProjectionDefinition,
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
  ) {}

  private shadowName = (logical: string) => `${logical}${SHADOW}`;
  private get shadowCheckpointId() {
    return `${this.definition.name}${SHADOW}`;
  }

  /** Builds the shadow copy up to the head of the log; `live` is paused only for the last stretch and the swap. */
  async rebuild(live?: ProjectionRunner, progress?: RebuildProgress): Promise<RebuildOutcome> {
    return this.withShadow(live, progress, async (shadow) => {
      await this.documents.transaction(async (tx) => {
        for (const logical of Object.keys(this.definition.collections)) {
          await tx.renameCollection(this.shadowName(logical), logical);
        }
        const checkpoints = checkpointsOf(tx);
        const built = await checkpoints.get(this.shadowCheckpointId);
        if (built) await checkpoints.put(this.definition.name, { ...built, name: this.definition.name });
        await checkpoints.delete(this.shadowCheckpointId);
      });
      await this.documents.optimize();
      return shadow;
    });
  }

  /** Builds a shadow copy and reports every document and field where it differs from the live read model. */
  async verify(live?: ProjectionRunner, progress?: RebuildProgress): Promise<DocumentDifference[]> {
    let differences: DocumentDifference[] = [];
    await this.withShadow(live, progress, async (shadow) => {
      const liveCheckpoint = await checkpointsOf(this.documents).get(this.definition.name);
      if (liveCheckpoint && BigInt(liveCheckpoint.position) !== shadow.position) {
        throw new Error(`The live read model is at ${liveCheckpoint.position}, the rebuilt copy at ${shadow.position}: let it catch up first`);
      }
      for (const logical of Object.keys(this.definition.collections)) {
        differences = differences.concat(
          await diffCollections(this.documents, logical, this.shadowName(logical)),
        );
      }
      await this.dropShadow();
      return shadow;
    });
    return differences;
  }

  private async withShadow(
    live: ProjectionRunner | undefined,
    progress: RebuildProgress | undefined,
    finish: (shadow: RebuildOutcome) => Promise<RebuildOutcome>,
  ): Promise<RebuildOutcome> {
    await this.dropShadow();
    const shadow = new ProjectionRunner(this.definition, this.events, this.documents, {
      physicalName: this.shadowName,
      checkpointId: this.shadowCheckpointId,
    });
    await shadow.prepare();
    const wasRunning = live !== undefined && live.status !== 'stopped';
    live?.markRebuilding(true);
    try {
      let eventsRead = await this.catchUp(shadow, progress);
      if (wasRunning) await live.stop();
      eventsRead += await this.catchUp(shadow, progress);
      await shadow.flushCheckpoint();
      return await finish({ position: shadow.checkpoint, eventsRead });
    } finally {
      live?.markRebuilding(false);
      if (wasRunning) await live.start();
    }
  }

  private async catchUp(shadow: ProjectionRunner, progress?: RebuildProgress): Promise<number> {
    const head = await this.events.headPosition();
    let count = 0;
    let batch: RecordedEvent[] = [];
    for await (const event of this.events.readAll({ after: shadow.checkpoint })) {
      batch.push(event);
      if (batch.length === PAGE) {
        await shadow.applyBatch(batch);
        count += batch.length;
        batch = [];
        progress?.(shadow.checkpoint, head);
      }
    }
    if (batch.length > 0) {
      await shadow.applyBatch(batch);
      count += batch.length;
      progress?.(shadow.checkpoint, head);
    }
    return count;
  }

  private async dropShadow(): Promise<void> {
    for (const logical of Object.keys(this.definition.collections)) {
      await this.documents.dropCollection(this.shadowName(logical));
    }
    await checkpointsOf(this.documents).delete(this.shadowCheckpointId);
  }
}
