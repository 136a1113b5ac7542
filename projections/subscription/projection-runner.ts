import type { DocumentStore, DocumentTransaction } from '../../src/read-store/document-store.port';
import type { EventStore, Subscription } from '../../src/event-store/event-store.port';
import type { RecordedEvent } from '../../src/shared/event';
import { upcast } from '../../src/event-store/upcasting';
import { eventBatches } from './event-batches';
import { CheckpointDocument, checkpointsOf } from './checkpoints';
import { ProjectionContext, ProjectionDefinition, projectionCollection } from './projection';

export type ProjectionStatus = 'live' | 'catching_up' | 'rebuilding' | 'stopped';

export interface RunnerOptions {
  /** Physical collection name for a logical one (a rebuild writes into shadow copies). */
  physicalName?: (logical: string) => string;
  /** Key of this runner's checkpoint document. */
  checkpointId?: string;
  maxBatch?: number;
  onError?: (error: unknown) => void;
}

const DEFAULT_BATCH = 500;
/** A batch this projection does not handle moves the checkpoint in memory; it is stored at most this often. */
const IDLE_CHECKPOINT_MS = 1000;

/**
 * One projection's ordered, checkpointed subscription. Each batch of events and the checkpoint
 * after it are written in one document-store transaction (atomic on the embedded store).
 */
export class ProjectionRunner {
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private position = 0n;
  private lastEventAt: string | null = null;
  private state: ProjectionStatus = 'stopped';
  private readonly waiters = new Set<{ position: bigint; resolve: () => void }>();
  private storedPosition = 0n;
  private storedAt = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly physicalName: (logical: string) => string;
  private readonly checkpointId: string;

  constructor(
    readonly definition: ProjectionDefinition,
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly options: RunnerOptions = {},
  ) {
    this.physicalName = options.physicalName ?? ((name) => name);
    this.checkpointId = options.checkpointId ?? definition.name;
  }

  get checkpoint(): bigint {
    return this.position;
  }

  get status(): ProjectionStatus {
    if (this.state === 'stopped' || this.state === 'rebuilding') return this.state;
    return this.subscription?.caughtUp ? 'live' : 'catching_up';
  }

  get lastEventOccurredAt(): string | null {
    return this.lastEventAt;
  }

  async prepare(): Promise<CheckpointDocument | null> {
    for (const [logical, indexes] of Object.entries(this.definition.collections)) {
      await this.documents.ensureIndexes(this.physicalName(logical), indexes);
    }
    const stored = await checkpointsOf(this.documents).get(this.checkpointId);
    this.position = stored ? BigInt(stored.position) : 0n;
    this.storedPosition = this.position;
    this.lastEventAt = stored?.lastEventAt ?? null;
    return stored;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    await this.prepare();
    this.state = 'catching_up';
    const subscription = this.events.subscribeToAll({ after: this.position, types: this.definition.handles });
    this.subscription = subscription;
    this.loop = this.run(subscription);
  }

  private async run(subscription: Subscription): Promise<void> {
    try {
      for await (const batch of eventBatches(subscription, this.options.maxBatch ?? DEFAULT_BATCH)) {
        await this.applyBatch(batch);
      }
    } catch (error) {
      this.state = 'stopped';
      this.options.onError?.(error);
    }
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
    if (handled.length > 0 || due) {
      await this.documents.transaction(async (tx) => {
        for (const event of handled) await this.definition.apply(upcast(event), this.contextFor(tx, event.position));
        await checkpointsOf(tx).put(this.checkpointId, this.checkpointDocument(last.position, last.metadata.occurredAt));
      });
      this.storedPosition = last.position;
      this.storedAt = Date.now();
    } else if (!this.flushTimer) {
      // If the log goes quiet now, the checkpoint still reaches the store soon.
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        this.flushCheckpoint().catch((error: unknown) => this.options.onError?.(error));
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

  /** Stores a checkpoint that only moved in memory (on stop, and before a rebuild swaps the read model). */
  async flushCheckpoint(): Promise<void> {
    if (this.position === this.storedPosition) return;
    await this.documents.transaction(async (tx) => {
      const checkpoints = checkpointsOf(tx);
      const stored = await checkpoints.get(this.checkpointId);
      // A batch may have stored a later position meanwhile: never move the stored checkpoint back.
      if (stored && BigInt(stored.position) >= this.position) return;
      await checkpoints.put(this.checkpointId, this.checkpointDocument(this.position, this.lastEventAt));
      this.storedPosition = this.position;
      this.storedAt = Date.now();
    });
  }

  private contextFor(tx: DocumentTransaction, position: bigint): ProjectionContext {
    return { collection: (name) => projectionCollection(tx.collection(this.physicalName(name)), position) };
  }

  /** Resolves true once the checkpoint has reached `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
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
    if (rebuilding) this.state = 'rebuilding';
    else if (this.state === 'rebuilding') this.state = this.loop ? 'catching_up' : 'stopped';
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
    await this.loop;
    this.loop = null;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await this.flushCheckpoint();
    this.state = 'stopped';
  }
}
