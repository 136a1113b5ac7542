import type { RecordedEvent } from '../shared/event';
import { eventBatches } from './event-batches';
import type { EventStore, Subscription } from './event-store.port';
import { isTransient } from './transient-errors';

export type SubscriberStatus = 'stopped' | 'catching_up' | 'live' | 'retrying' | 'failed';

/** Where a subscriber stopped for good: the event it could not handle (null when the log itself failed). */
export interface SubscriberFailure {
  position: bigint;
  eventType: string | null;
  error: string;
}

/** Thrown by a handler to name the event whose handling failed, so that only that event is retried and blamed. */
export class EventHandlingError extends Error {
  constructor(
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(`${event.type} at position ${event.position}: ${messageOf(cause)}`);
    this.name = 'EventHandlingError';
  }
}

/** What a subscriber does with the log; the supervisor owns the subscription, the retries and the status. */
export interface SubscriberHandler {
  /** Events strictly after this position are delivered next; asked again at every (re)open, so it must say what is stored. */
  resumeAfter(): Promise<bigint> | bigint;
  /** Handles events in order; a throw means none of the batch can be counted as done. */
  handle(batch: RecordedEvent[]): Promise<void>;
  types?: ReadonlySet<string>;
}

export interface SupervisorOptions {
  maxBatch?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** Tries one event gets when it fails the same non-transient way each time, before the subscriber is failed. */
  attemptsPerEvent?: number;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  onFailed?: (failure: SubscriberFailure, error: unknown) => Promise<void> | void;
}

const DEFAULTS = { maxBatch: 500, backoff: { initialMs: 100, maxMs: 30_000 }, attemptsPerEvent: 3 };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const causeOf = (error: unknown): unknown => (error instanceof EventHandlingError ? error.cause : error);

/**
 * Follows the log for one subscriber, in order, and never stops silently. A transient error (store
 * unavailable, busy, timeout) reopens from `resumeAfter()` with exponential back-off for as long as
 * it lasts (`retrying`). Any other error is pinned to one event (re-reading one event per batch when
 * the batch as a whole failed); when that event fails the same way `attemptsPerEvent` times the
 * subscriber is `failed` with that event, and only `start()` (after a fix) runs it again.
 */
export class SupervisedSubscriber {
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private state: 'stopped' | 'running' | 'retrying' | 'failed' = 'stopped';
  private lastErrorMessage: string | null = null;
  private failedAt: SubscriberFailure | null = null;
  private readonly settings: typeof DEFAULTS;

  constructor(
    private readonly events: EventStore,
    private readonly handler: SubscriberHandler,
    private readonly options: SupervisorOptions = {},
  ) {
    this.settings = {
      maxBatch: options.maxBatch ?? DEFAULTS.maxBatch,
      backoff: options.backoff ?? DEFAULTS.backoff,
      attemptsPerEvent: options.attemptsPerEvent ?? DEFAULTS.attemptsPerEvent,
    };
  }

  get status(): SubscriberStatus {
    if (this.state === 'running') return this.subscription?.caughtUp ? 'live' : 'catching_up';
    return this.state;
  }

  get running(): boolean {
    return this.loop !== null;
  }

  /** The last error met, kept after recovery so an operator can see what happened. */
  get lastError(): string | null {
    return this.lastErrorMessage;
  }

  get failure(): SubscriberFailure | null {
    return this.failedAt;
  }

  /** Starts following the log (again, after a failure); a no-op while running. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.failedAt = null;
    this.state = 'running';
    this.loop = this.run().finally(() => {
      this.loop = null;
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
    if (this.state !== 'failed') this.state = 'stopped';
  }

  private async run(): Promise<void> {
    let attempt = 0;
    let repeated = { key: '', count: 0 };
    // After a batch failed as a whole, batches of one until past it, so the failing event is known.
    let isolateThrough: bigint | null = null;
    while (!this.stopping) {
      let current: RecordedEvent[] = [];
      let after = 0n;
      let batches: AsyncIterator<RecordedEvent[]> | undefined;
      try {
        after = await this.handler.resumeAfter();
        const subscription = this.events.subscribeToAll({ after, types: this.handler.types });
        this.subscription = subscription;
        if (this.stopping) await subscription.close();
        // Pulled by hand, not with for-await: after a failed batch the subscription is closed before the
        // batches are returned, since a pending pull would otherwise hold the return until the next event.
        batches = eventBatches(subscription, () => (isolateThrough === null ? this.settings.maxBatch : 1))[Symbol.asyncIterator]();
        for (let next = await batches.next(); !next.done; next = await batches.next()) {
          const batch = next.value;
          current = batch;
          await this.handler.handle(batch);
          current = [];
          const last = batch[batch.length - 1].position;
          if (isolateThrough !== null && last >= isolateThrough) isolateThrough = null;
          this.state = 'running';
          attempt = 0;
          repeated = { key: '', count: 0 };
        }
        // The log ended the subscription (closed, or the store shut down): nothing more to follow.
        if (this.state !== 'failed') this.state = 'stopped';
        return;
      } catch (error) {
        if (this.stopping) return;
        this.lastErrorMessage = messageOf(error);
        attempt += 1;
        const event = error instanceof EventHandlingError ? error.event : current.length === 1 ? current[0] : null;
        if (!isTransient(causeOf(error))) {
          if (event === null && current.length > 1) {
            isolateThrough = current[current.length - 1].position;
          } else {
            const position = event?.position ?? after;
            const key = `${position}|${messageOf(causeOf(error))}`;
            repeated = { key, count: repeated.key === key ? repeated.count + 1 : 1 };
            if (repeated.count >= this.settings.attemptsPerEvent) {
              await this.fail({ position, eventType: event?.type ?? null, error: messageOf(causeOf(error)) }, error);
              return;
            }
          }
        }
        this.state = 'retrying';
        const delay = this.delay(attempt);
        this.options.onRetry?.(error, attempt, delay);
        await this.pause(delay);
      } finally {
        const subscription = this.subscription;
        this.subscription = null;
        await subscription?.close();
        await batches?.return?.(undefined);
      }
    }
  }

  private async fail(failure: SubscriberFailure, error: unknown): Promise<void> {
    this.state = 'failed';
    this.failedAt = failure;
    try {
      await this.options.onFailed?.(failure, error);
    } catch {
      // Recording the failure is best effort: the in-memory status already says failed.
    }
  }

  private delay(attempt: number): number {
    const { initialMs, maxMs } = this.settings.backoff;
    return Math.min(maxMs, initialMs * 2 ** Math.min(30, attempt - 1));
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wake = null;
    });
  }
}
