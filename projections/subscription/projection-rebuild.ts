import type { DocumentStore, DocumentTransaction } from '../../src/read-store/document-store.port';
import type { EventStore } from '../../src/event-store/event-store.port';
import { readPages } from '../../src/event-store/event-pages';
import { CheckpointDocument, checkpointsOf, failuresOf } from './checkpoints';
import { ProjectionDefinition } from './projection';
import { ProjectionRunner } from './projection-runner';
import { diffCollections, DocumentDifference } from './read-model-diff';

const SHADOW = '__shadow';
/** A swap in progress: what to finish if it is cut short. */
export const SWAPS = '_projection_swaps';

interface SwapDocument extends Record<string, unknown> {
  name: string;
  checkpoint: CheckpointDocument | null;
  /** Logical collections whose shadow existed when the swap began. */
  builtCollections: string[];
  startedAt: string;
}

const swapsOf = (store: DocumentStore | DocumentTransaction) => store.collection<SwapDocument>(SWAPS);
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
    await this.finishInterruptedSwap();
    return this.withShadow(live, progress, async (shadow) => {
      const built = await checkpointsOf(this.documents).get(this.shadowCheckpointId);
      const shadows = new Set(await this.documents.listCollections());
      const marker: SwapDocument = {
        name: this.definition.name,
        checkpoint: built ? { ...built, name: this.definition.name } : null,
        builtCollections: Object.keys(this.definition.collections).filter((logical) => shadows.has(this.shadowName(logical))),
        startedAt: new Date().toISOString(),
      };
      // Marked first: a swap cut short (MongoDB renames one collection at a time) is finished at the next start.
      await swapsOf(this.documents).put(this.definition.name, marker);
      await this.swap(marker);
      await this.documents.optimize();
      return shadow;
    });
  }

  /** Completes a swap that was marked in progress and cut short (a crash between renames): run before the runner starts. */
  async finishInterruptedSwap(): Promise<boolean> {
    await this.documents.ensureIndexes(SWAPS, []);
    const marker = await swapsOf(this.documents).get(this.definition.name);
    if (!marker) return false;
    await this.swap(marker);
    return true;
  }

  /**
   * Renames each shadow over its live collection, installs the built checkpoint, clears any failure and
   * the marker. Safe to repeat: a shadow that existed when marked and is gone now was already renamed;
   * one that never existed was empty, and renaming it again only empties its target again.
   */
  private async swap(marker: SwapDocument): Promise<void> {
    const present = new Set(await this.documents.listCollections());
    await this.documents.transaction(async (tx) => {
      for (const logical of Object.keys(this.definition.collections)) {
        const shadow = this.shadowName(logical);
        if (marker.builtCollections.includes(logical) && !present.has(shadow)) continue;
        await tx.renameCollection(shadow, logical);
      }
      const checkpoints = checkpointsOf(tx);
      // Replaced, not moved forward: a rebuild of another version may stand at the same position.
      await checkpoints.delete(this.definition.name);
      if (marker.checkpoint) {
        await checkpoints.put(this.definition.name, marker.checkpoint, { ifOlderThan: BigInt(marker.checkpoint.position) });
      }
      await checkpoints.delete(this.shadowCheckpointId);
      await failuresOf(tx).delete(this.definition.name);
      await swapsOf(tx).delete(this.definition.name);
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
    // A failed runner counts as running: the rebuild is how it is restarted.
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

  /** Reads the log after the shadow's checkpoint in pages of the projection's own event types (others are skipped unread). */
  private async catchUp(shadow: ProjectionRunner, progress?: RebuildProgress): Promise<number> {
    const head = await this.events.headPosition();
    let count = 0;
    for await (const page of readPages(this.events, { after: shadow.checkpoint, types: this.definition.handles, pageSize: PAGE })) {
      await shadow.applyBatch(page.events);
      count += page.covered;
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
