import { RecordedEvent } from '../shared/event';
import { Subscription } from './event-store.port';

export interface ResilientSubscriptionOptions {
  /** Opens the source strictly after `after` (omitted: from the start); called again after every drop. */
  open: (after?: bigint) => AsyncIterable<RecordedEvent>;
  /** Whether the source has reached the head, given the last position delivered (if any). */
  caughtUpProbe: (lastDelivered: bigint | undefined) => boolean;
  after?: bigint;
  backoff?: { initialMs: number; maxMs: number };
  /** Errors that a reopen cannot cure (e.g. access denied) end iteration by throwing. */
  isFatal?: (error: unknown) => boolean;
  onDrop?: (error: unknown, attempt: number, retryInMs: number) => void;
  /** Told once when the subscription ends, by close() or by a fatal error. */
  onEnd?: () => void;
}

const CLOSED = Symbol('closed');
const DEFAULT_BACKOFF = { initialMs: 100, maxMs: 5_000 };

/**
 * A catch-up subscription that survives drops: after an error (or an unexpected end) it reopens
 * its source from the last position it delivered, so every event is delivered once, in order.
 */
export class ResilientSubscription implements Subscription {
  private closed = false;
  private reachedHead = false;
  private lastDelivered: bigint | undefined;
  private current: AsyncIterator<RecordedEvent> | undefined;
  private interrupt: (() => void) | undefined;
  private iterating = false;

  constructor(private readonly options: ResilientSubscriptionOptions) {}

  get caughtUp(): boolean {
    this.probeHead();
    return this.reachedHead;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.end();
    this.interrupt?.();
    // A generator source queues return() behind its pending pull: do not let that hang close().
    await Promise.race([this.stopCurrent(), new Promise((resolve) => setTimeout(resolve, 200).unref())]);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    // One consumer: two loops would each resume from the shared last position and split the events.
    if (this.iterating) throw new Error('A subscription can be iterated only once');
    this.iterating = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    let attempt = 0;
    try {
      while (!this.closed) {
        try {
          const iterator = this.options.open(this.lastDelivered ?? this.options.after)[Symbol.asyncIterator]();
          this.current = iterator;
          for (;;) {
            const next = await this.unlessClosed(iterator.next());
            if (next === CLOSED || next.done) break;
            const event = next.value;
            // A reopened source may repeat the event at its start position.
            const floor = this.lastDelivered ?? this.options.after;
            if (floor !== undefined && event.position <= floor) continue;
            attempt = 0;
            this.lastDelivered = event.position;
            this.probeHead();
            yield event;
            if (this.closed) break;
          }
          if (this.closed) break;
          attempt += 1;
          this.options.onDrop?.(new Error('Subscription source ended'), attempt, this.delay(attempt));
        } catch (error) {
          if (this.closed) break;
          if (this.options.isFatal?.(error)) throw error;
          attempt += 1;
          this.options.onDrop?.(error, attempt, this.delay(attempt));
        } finally {
          await this.stopCurrent();
        }
        await this.pause(this.delay(attempt));
      }
    } finally {
      this.end();
    }
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.options.onEnd?.();
  }

  private probeHead(): void {
    // Latched: once at the head, later lag does not turn a live subscription back into a catching-up one.
    if (!this.reachedHead && this.options.caughtUpProbe(this.lastDelivered)) this.reachedHead = true;
  }

  private pause(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.interrupt = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.interrupt = undefined;
    });
  }

  private delay(attempt: number): number {
    const { initialMs, maxMs } = this.options.backoff ?? DEFAULT_BACKOFF;
    return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  }

  // A fresh promise per wait, so close() can end a pending pull without piling reactions onto one promise.
  private unlessClosed<T>(pending: Promise<T>): Promise<T | typeof CLOSED> {
    if (this.closed) return Promise.resolve(CLOSED);
    return new Promise<T | typeof CLOSED>((resolve, reject) => {
      this.interrupt = () => resolve(CLOSED);
      pending.then(resolve, reject);
    }).finally(() => {
      this.interrupt = undefined;
    });
  }

  private async stopCurrent(): Promise<void> {
    const iterator = this.current;
    this.current = undefined;
    await iterator?.return?.().catch(() => undefined);
  }
}
