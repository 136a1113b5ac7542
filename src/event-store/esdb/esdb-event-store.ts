import {
  ANY,
  AppendExpectedRevision,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import { NewEvent, RecordedEvent } from '../../shared/event';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoreUnavailableError,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
  checkDistinctEventIds,
  checkPositionRange,
} from '../event-store.port';
import { HeadTracker } from './esdb-head';
import { isStreamNotFound, toPortError } from './esdb-errors';
import { checkStorable, toEventData, toRecorded } from './esdb-events';
import { chainedAppend, PINNED_ATTEMPTS } from './esdb-hash-chain';
import { drain } from './esdb-reads';
import { subscribeToAllResilient } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /** Told about every subscription drop before it resubscribes (for logs and metrics). */
  onSubscriptionDrop?: (error: unknown, attempt: number, retryInMs: number) => void;
  /**
   * Keeps this store's streams apart on a shared server (the e2e suite against a real server): every
   * stream is written as `<prefix><streamId>`, and reads of $all skip other streams.
   */
  streamPrefix?: string;
}

/** The event log on EventStoreDB. Positions are $all commit positions; system events are never returned. */
export class EsdbEventStore implements EventStore {
  private closed = false;
  private readonly subscriptions = new Set<Subscription>();
  private readonly head: HeadTracker;
  private readonly prefix: string;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbEventStoreOptions,
  ) {
    this.prefix = options.streamPrefix ?? '';
    this.head = new HeadTracker(client, Date.now, this.prefix);
  }

  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  /** For tests that stand in for the server at the client's API. */
  static withClient(client: EventStoreDBClient, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(client, options);
  }

  /**
   * Checks at start-up that the service may read $all (projections and audit need it). On a secure
   * server without that right it throws StoreAccessDeniedError naming the ACL to grant.
   */
  async verifyAccess(): Promise<void> {
    this.ensureOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    try {
      for await (const _event of drain(read)) void _event;
    } catch (error) {
      throw toPortError(error, { streamId: '$all' });
    }
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.ensureOpen();
    if (events.length === 0) return this.appendNothing(streamId, expectedRevision);
    // EventStoreDB would store the same id twice in one append; the embedded store refuses it: so do we.
    checkDistinctEventIds(streamId, events);
    // Events it cannot store faithfully are refused before anything is read.
    for (const event of events) checkStorable(event);
    let result: AppendResult;
    try {
      const appended = await this.appendChained(streamId, events, expectedRevision);
      // With throwOnAppendFailure=false in the connection string a conflict resolves instead of throwing.
      if (!appended.success) {
        const actual = appended.nextExpectedRevision < 0n ? null : appended.nextExpectedRevision;
        throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);
      }
      const nextRevision = appended.nextExpectedRevision;
      // The server may omit the position (e.g. on an idempotent repeat): take it from the last event itself.
      const position = appended.position?.commit ?? (await this.positionOf(streamId, nextRevision));
      result = { nextRevision, position: checkPositionRange(position) };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw error;
      throw toPortError(error, { streamId, expected: expectedRevision });
    }
    this.head.saw(result.position);
    return result;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.ensureOpen();
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const read = this.client.readStream(this.prefix + streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      maxCount: options.maxCount,
    });
    try {
      for await (const event of drain(read)) {
        const recorded = toRecorded(event, this.prefix);
        if (recorded) yield recorded;
      }
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw toPortError(error, { streamId });
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.ensureOpen();
    const after = checkPositionRange(options.after ?? 0n);
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (remaining <= 0) return;
    // No maxCount on the server: it would count the system events we drop.
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition: after <= 0n ? START : { commit: after, prepare: after },
    });
    try {
      for await (const event of drain(read)) {
        const recorded = toRecorded(event, this.prefix);
        // Reads of $all include the event at the start position: `after` is exclusive.
        if (!recorded || recorded.position <= after) continue;
        yield recorded;
        if (--remaining === 0) return;
      }
    } catch (error) {
      throw toPortError(error, { fromPosition: after });
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.ensureOpen();
    if (options.after !== undefined) checkPositionRange(options.after);
    const subscription: Subscription = subscribeToAllResilient(this.client, {
      after: options.after,
      types: options.types,
      prefix: this.prefix,
      headPosition: () => this.headPosition(),
      onDrop: this.options.onSubscriptionDrop,
      onEnd: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.ensureOpen();
    return this.head.position();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Before dispose: a subscription dropped by it would otherwise resubscribe on a new channel.
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
  }

  // The client cannot express an empty append (it reports revision 0 for a missing stream): check it here.
  private async appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    let last: RecordedEvent | undefined;
    for await (const event of this.readStream(streamId, { direction: 'backwards', maxCount: 1 })) last = event;
    const actual = last?.revision ?? null;
    const mismatch =
      (expected === 'no_stream' && actual !== null) ||
      (expected === 'stream_exists' && actual === null) ||
      (typeof expected === 'bigint' && actual !== expected);
    if (mismatch) throw new WrongExpectedRevisionError(streamId, expected, actual);
    return { nextRevision: actual ?? -1n, position: last?.position ?? 0n };
  }

  /** Chains the events to the stream's tail as read now; see `chainedAppend` for why the expectation is pinned. */
  private async appendChained(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision) {
    for (let attempt = 1; ; attempt++) {
      let tail: RecordedEvent | undefined;
      for await (const event of this.readStream(streamId, { direction: 'backwards', maxCount: 1 })) tail = event;
      if (expectedRevision === 'stream_exists' && !tail) throw new WrongExpectedRevisionError(streamId, expectedRevision, null);
      const { hashes, expected } = chainedAppend(tail, events, expectedRevision);
      const pinned = expected !== expectedRevision && attempt < PINNED_ATTEMPTS;
      try {
        const appended = await this.client.appendToStream(this.prefix + streamId, events.map((event, i) => toEventData(event, hashes[i])), {
          expectedRevision: toClientRevision(expected),
        });
        if (appended.success || !pinned) return appended;
      } catch (error) {
        if (!pinned || !(toPortError(error, { streamId, expected }) instanceof WrongExpectedRevisionError)) throw error;
      }
      // Another append landed after the tail these hashes follow: chain to the new tail.
    }
  }

  private async positionOf(streamId: string, revision: bigint): Promise<bigint> {
    for await (const event of this.readStream(streamId, { fromRevision: revision, maxCount: 1 })) return event.position;
    throw new Error(`EventStoreDB reported ${streamId}@${revision} appended but it cannot be read`);
  }
}

function toClientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return expected;
  }
}
