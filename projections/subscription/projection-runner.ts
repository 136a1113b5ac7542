import type { DocumentStore, DocumentTransaction } from '../../src/read-store/document-store.port';
import type { EventStore } from '../../src/event-store/event-store.port';
import type { RecordedEvent } from '../../src/shared/event';
import { upcast } from '../../src/event-store/upcasting';
import { EventHandlingError, SubscriberFailure, SupervisedSubscriber, SupervisorOptions } from '../../src/event-store/supervised-subscriber';
import { CheckpointDocument, checkpointsOf, FAILURES, failuresOf } from './checkpoints';
import { ProjectionContext, ProjectionDefinition, projectionCollection } from './projection';

export type ProjectionStatus = 'live' | 'catching_up' | 'rebuilding' | 'stopped' | 'retrying' | 'failed';

export interface RunnerOptions {
  /** Physical collection name for a logical one (a rebuild writes into shadow copies). */
  physicalName?: (logical: string) => string;
  /** Key of this runner's checkpoint document. */
  checkpointId?: string;
  maxBatch?: number;
  /** Back-off and tries per event (defaults in SupervisedSubscriber). */
  supervision?: Pick<SupervisorOptions, 'backoff' | 'attemptsPerEvent'>;
  onError?: (error: unknown) => void;
  onFailed?: (failure: SubscriberFailure) => void;
}

/** A batch this projection does not handle moves the checkpoint in memory; it is stored at most this often. */
const IDLE_CHECKPOINT_MS = 1000;

/**
 * One projection's ordered, checkpointed subscription. Each batch of events and the checkpoint
 * after it are written in one document-store transaction (atomic on the embedded store). Checkpoint
 * writes are conditional on the position, so a stored checkpoint only ever moves forward.
 */
export class ProjectionRunner {
  private readonly supervisor: SupervisedSubscriber;
  private position = 0n;
  private lastEventAt: string | null = null;
  private rebuilding = false;
  private readonly waiters = new Set<{ position: bigint; resolve: () => void }>();
  private storedPosition = 0n;
  private storedAt = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** A failure record is stored for this projection: the next stored progress removes it. */
  private failureStored = false;
  private readonly physicalName: (logical: string) => string;
  private readonly checkpointId: string;

  constructor(
    readonly definition: ProjectionDefinition,
    events: EventStore,
    private readonly documents: DocumentStore,
    private readonly options: RunnerOptions = {},
  ) {
    this.physicalName = options.physicalName ?? ((name) => name);
    this.checkpointId = options.checkpointId ?? definition.name;
    this.supervisor = new SupervisedSubscriber(
      events,
      { resumeAfter: () => this.position, handle: (batch) => this.applyBatch(batch), types: definition.handles },
      {
        maxBatch: options.maxBatch,
        ...options.supervision,
        onRetry: (error) => this.options.onError?.(error),
        onFailed: (failure) => this.recordFailure(failure),
      },
    );
  }

  get checkpoint(): bigint {
    return this.position;
  }

  get status(): ProjectionStatus {
    return this.rebuilding ? 'rebuilding' : this.supervisor.status;
  }

  get lastError(): string | null {
    return this.supervisor.lastError;
  }

  get failure(): SubscriberFailure | null {
    return this.supervisor.failure;
  }

  get lastEventOccurredAt(): string | null {
    return this.lastEventAt;
  }

  async prepare(): Promise<CheckpointDocument | null> {
    for (const [logical, indexes] of Object.entries(this.definition.collections)) {
      await this.documents.ensureIndexes(this.physicalName(logical), indexes);
    }
    await this.documents.ensureIndexes(FAILURES, []);
    const stored = await checkpointsOf(this.documents).get(this.checkpointId);
    this.position = stored ? BigInt(stored.position) : 0n;
    this.storedPosition = this.position;
    this.lastEventAt = stored?.lastEventAt ?? null;
    this.failureStored = (await failuresOf(this.documents).get(this.checkpointId)) !== null;
    return stored;
  }

  /** Follows the log from the stored checkpoint; also restarts a failed runner. */
  async start(): Promise<void> {
    if (this.supervisor.running) return;
    await this.prepare();
    this.supervisor.start();
  }

  /**
   * Applies events in order and moves the checkpoint past them, in one transaction. A batch with
   * nothing this projection handles writes nothing: its checkpoint is kept in memory and stored with
   * the next write (or after a second), since re-reading unhandled events after a crash is harmless.
   */
  async applyBatch(batch: RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1];
    const handled = batch.filter((event) => event.position > this.position && this.definition.handles.has(event.type));
    const due = Date.now() - this.storedAt >= IDLE_CHECKPOINT_MS;
    if (handled.length > 0 || due || this.failureStored) {
      await this.documents.transaction(async (tx) => {
        for (const event of handled) {
          try {
            await this.definition.apply(upcast(event), this.contextFor(tx, event.position));
          } catch (error) {
            throw new EventHandlingError(event, error);
          }
        }
        await checkpointsOf(tx).put(this.checkpointId, this.checkpointDocument(last.position, last.metadata.occurredAt), { ifOlderThan: last.position });
        if (this.failureStored) await failuresOf(tx).delete(this.checkpointId);
      });
      this.failureStored = false;
      this.storedPosition = last.position;
      this.storedAt = Date.now();
    } else if (!this.flushTimer) {
      // If the log goes quiet now, the checkpoint still reaches the store soon.
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        this.flushing = this.flushCheckpoint().catch((error: unknown) => this.options.onError?.(error));
      }, IDLE_CHECKPOINT_MS);
      this.flushTimer.unref();
    }
    this.advanceTo(last.position, last.metadata.occurredAt);
  }

  private checkpointDocument(position: bigint, lastEventAt: string | null): CheckpointDocument {
    return {
      name: this.definition.name,
      version: this.definition.version,
      position: position.toString(),
      updatedAt: new Date().toISOString(),
      lastEventAt,
    };
  }

  private advanceTo(position: bigint, occurredAt: string): void {
    if (position <= this.position) return;
    this.position = position;
    this.lastEventAt = occurredAt;
    for (const waiter of [...this.waiters]) {
      if (waiter.position <= this.position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /**
   * Stores a checkpoint that only moved in memory (on stop, and before a rebuild swaps the read model).
   * Conditional on the position: a flush that arrives after a batch stored a later one changes nothing.
   */
  async flushCheckpoint(): Promise<void> {
    const position = this.position;
    if (position === this.storedPosition) return;
    await checkpointsOf(this.documents).put(this.checkpointId, this.checkpointDocument(position, this.lastEventAt), { ifOlderThan: position });
    if (position > this.storedPosition) this.storedPosition = position;
    this.storedAt = Date.now();
  }

  private async recordFailure(failure: SubscriberFailure): Promise<void> {
    this.options.onFailed?.(failure);
    await failuresOf(this.documents).put(this.checkpointId, {
      name: this.definition.name,
      position: failure.position.toString(),
      eventType: failure.eventType,
      error: failure.error,
      failedAt: new Date().toISOString(),
    });
    this.failureStored = true;
  }

  private contextFor(tx: DocumentTransaction, position: bigint): ProjectionContext {
    return { collection: (name) => projectionCollection(tx.collection(this.physicalName(name)), position) };
  }

  /** Resolves true once the checkpoint has reached `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    // A failed projection moves no further until it is rebuilt: say so at once.
    if (this.supervisor.status === 'failed') return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  markRebuilding(rebuilding: boolean): void {
    this.rebuilding = rebuilding;
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await this.flushing;
    try {
      await this.flushCheckpoint();
    } catch (error) {
      // Unhandled events after the stored checkpoint are read again at the next start: harmless.
      this.options.onError?.(error);
    }
  }
}
