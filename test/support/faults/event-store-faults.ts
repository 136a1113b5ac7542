import { RecordedEvent, NewEvent } from '../../../src/shared/event';
import {
  AppendOutcomeUnknownError,
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoreUnavailableError,
  SubscribeOptions,
  Subscription,
} from '../../../src/event-store/event-store.port';

/**
 * Where an append fails:
 * - `before`: nothing is written; the caller gets `error` (default: an outcome-unknown error, as a
 *   timeout before the server got the request gives).
 * - `after-commit`: the events are in the log, but the caller gets an outcome-unknown error (a
 *   timeout or a connection lost while the server committed).
 */
export type AppendFaultPoint = 'before' | 'after-commit';

export interface AppendFault {
  at: AppendFaultPoint;
  /** Which appends it may hit (all when omitted): a stream-id pattern or a predicate. */
  streams?: RegExp | ((streamId: string) => boolean);
  /** Probability per matching append (seeded, so a run can be repeated); 1 when omitted. */
  rate?: number;
  /** Hits at most this many appends, then the fault is spent; unlimited when omitted. */
  times?: number;
  /** The error thrown (a fresh one per hit); default `AppendOutcomeUnknownError`. */
  error?: (streamId: string) => Error;
  /** Awaited when the fault hits, before the caller hears of it (e.g. `() => faults.unavailable()` to make the follow-up read fail too). */
  onHit?: (streamId: string) => unknown;
}

/** Reads of matching streams fail with StoreUnavailableError (the check after an unknown append, a load). */
export interface ReadFault {
  streams?: RegExp | ((streamId: string) => boolean);
  /** Fails at most this many reads, then is spent; unlimited when omitted. */
  times?: number;
}

/** One fault that hit, for assertions. */
export interface InjectedFault {
  at: AppendFaultPoint;
  streamId: string;
  eventIds: string[];
}

/**
 * An EventStore that misbehaves on demand around a real one (the embedded store in tests), to
 * reproduce what EventStoreDB does under timeouts, failovers and dropped connections:
 *
 * ```ts
 * const faults = new FaultyEventStore(store, { seed: 7 });
 * faults.failAppends({ at: 'after-commit', rate: 0.1 });     // 10% committed but answered "unknown"
 * faults.failAppends({ at: 'before', times: 1, streams: /^student-/ });
 * faults.failReads({ streams: /^student-1$/, times: 3 });    // e.g. so the outcome cannot be told
 * faults.unavailable(2_000);                                  // every call fails for 2 s (or until available())
 * faults.slow(50);                                            // every call waits 50 ms first
 * faults.dropSubscriptions();                                 // open subscriptions fail on their next pull
 * faults.injected                                             // what hit, in order
 * faults.clear();                                             // back to the faithful store
 * ```
 *
 * While unavailable, every operation (appends, reads, `headPosition`, pulling a subscription)
 * throws `StoreUnavailableError` and writes nothing. `close()` closes the inner store.
 */
export class FaultyEventStore implements EventStore {
  private appendFaults: (AppendFault & { hits: number })[] = [];
  private readFaults: (ReadFault & { hits: number })[] = [];
  private unavailableUntil: number | null = null;
  private delayMs = 0;
  private readonly subscriptions = new Set<FaultySubscription>();
  private random: () => number;
  readonly injected: InjectedFault[] = [];
  /** Appends asked of this store (faulted or not). */
  appendCount = 0;

  constructor(readonly inner: EventStore, options: { seed?: number } = {}) {
    this.random = mulberry32(options.seed ?? 1);
  }

  /** Adds an append fault; faults are tried in the order added, the first that hits wins. */
  failAppends(fault: AppendFault): this {
    this.appendFaults.push({ ...fault, hits: 0 });
    return this;
  }

  /** Reads of matching streams (`readStream`) fail with StoreUnavailableError. */
  failReads(fault: ReadFault): this {
    this.readFaults.push({ ...fault, hits: 0 });
    return this;
  }

  /** Every operation fails with StoreUnavailableError, for `forMs` milliseconds or until `available()`. */
  unavailable(forMs?: number): this {
    this.unavailableUntil = forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + forMs;
    return this;
  }

  available(): this {
    this.unavailableUntil = null;
    return this;
  }

  get isUnavailable(): boolean {
    if (this.unavailableUntil === null) return false;
    if (Date.now() < this.unavailableUntil) return true;
    this.unavailableUntil = null;
    return false;
  }

  /** Every operation waits this long before it starts (0: no delay). */
  slow(ms: number): this {
    this.delayMs = ms;
    return this;
  }

  /** Every open subscription fails with `error` on its next pull (also one waiting for events); its source is closed. */
  dropSubscriptions(error: Error = new StoreUnavailableError('The subscription was dropped')): number {
    const open = [...this.subscriptions];
    for (const subscription of open) subscription.drop(error);
    return open.length;
  }

  /** Removes every fault (appends, unavailability, slowness); what was injected stays listed. */
  clear(): this {
    this.appendFaults = [];
    this.readFaults = [];
    this.unavailableUntil = null;
    this.delayMs = 0;
    return this;
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.appendCount++;
    await this.gate('append');
    const fault = this.pickAppendFault(streamId);
    if (!fault) return this.inner.append(streamId, events, expectedRevision);
    const record = () => this.injected.push({ at: fault.at, streamId, eventIds: events.map((e) => e.eventId) });
    if (fault.at === 'before') {
      record();
      await fault.onHit?.(streamId);
      throw fault.error?.(streamId) ?? new AppendOutcomeUnknownError(streamId, `Injected: the append to ${streamId} timed out before it was sent`);
    }
    try {
      await this.inner.append(streamId, events, expectedRevision);
    } catch (error) {
      fault.hits--; // nothing was committed: the store's own answer stands, and the fault is not spent
      throw error;
    }
    record();
    await fault.onHit?.(streamId);
    throw fault.error?.(streamId) ?? new AppendOutcomeUnknownError(streamId, `Injected: the append to ${streamId} was committed but its answer was lost`);
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    await this.gate(`readStream ${streamId}`);
    const fault = this.readFaults.find((f) => (f.times === undefined || f.hits < f.times) && matches(f.streams, streamId));
    if (fault) {
      fault.hits++;
      throw new StoreUnavailableError(`Injected: reading ${streamId} failed`);
    }
    yield* this.inner.readStream(streamId, options);
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    await this.gate('readAll');
    yield* this.inner.readAll(options);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const subscription = new FaultySubscription(this.inner.subscribeToAll(options), () => this.gate('subscription'), () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    await this.gate('headPosition');
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async gate(operation: string): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.isUnavailable) throw new StoreUnavailableError(`Injected: the event store is unavailable (${operation})`);
  }

  private pickAppendFault(streamId: string): (AppendFault & { hits: number }) | undefined {
    for (const fault of this.appendFaults) {
      if (fault.times !== undefined && fault.hits >= fault.times) continue;
      if (!matches(fault.streams, streamId)) continue;
      if (fault.rate !== undefined && this.random() >= fault.rate) continue;
      fault.hits++;
      return fault;
    }
    return undefined;
  }
}

/** A subscription that can be dropped, and fails its pulls while the store is unavailable. */
class FaultySubscription implements Subscription {
  private dropped: Error | null = null;
  private wakeOnDrop: ((error: Error) => void) | null = null;

  constructor(private readonly inner: Subscription, private readonly gate: () => Promise<void>, private readonly onEnd: () => void) {}

  get caughtUp(): boolean {
    return this.inner.caughtUp;
  }

  drop(error: Error): void {
    this.dropped = error;
    this.wakeOnDrop?.(error);
    void this.inner.close();
    this.onEnd();
  }

  async close(): Promise<void> {
    this.onEnd();
    await this.inner.close();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    const source = this.inner[Symbol.asyncIterator]();
    try {
      for (;;) {
        if (this.dropped) throw this.dropped;
        await this.gate();
        const dropped = new Promise<never>((_, reject) => (this.wakeOnDrop = reject));
        dropped.catch(() => undefined);
        const next = await Promise.race([source.next(), dropped]);
        this.wakeOnDrop = null;
        if (next.done) return;
        yield next.value;
      }
    } finally {
      this.onEnd();
    }
  }
}

function matches(streams: RegExp | ((streamId: string) => boolean) | undefined, streamId: string): boolean {
  if (streams instanceof RegExp) return streams.test(streamId);
  return streams ? streams(streamId) : true;
}

/** A small seeded generator (mulberry32): the same seed gives the same faults. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
