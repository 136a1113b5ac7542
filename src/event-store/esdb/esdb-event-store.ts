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
  StreamingRead,
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
} from '../event-store.port';
import { isStreamNotFound, toPortError } from './esdb-errors';
import { isSystemEvent, toEventData, toRecorded } from './esdb-events';
import { chainedAppend, PINNED_ATTEMPTS } from './esdb-hash-chain';
import { subscribeToAllResilient } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /** Told about every subscription drop before it resubscribes (for logs and metrics). */
  onSubscriptionDrop?: (error: unknown, attempt: number, retryInMs: number) => void;
}

/** The event log on EventStoreDB. Positions are $all commit positions; system events are never returned. */
export class EsdbEventStore implements EventStore {
  private closed = false;
  private readonly subscriptions = new Set<Subscription>();

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbEventStoreOptions,
  ) {}

  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.ensureOpen();
    if (events.length === 0) return this.appendNothing(streamId, expectedRevision);
    try {
      const result = await this.appendChained(streamId, events, expectedRevision);
      const nextRevision = result.nextExpectedRevision;
      // The server may omit the position (e.g. on an idempotent repeat): take it from the last event itself.
      const position = result.position?.commit ?? (await this.positionOf(streamId, nextRevision));
      return { nextRevision, position };
    } catch (error) {
      throw toPortError(error, { streamId, expected: expectedRevision });
    }
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.ensureOpen();
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      maxCount: options.maxCount,
    });
    try {
      for await (const event of drain(read)) {
        const recorded = toRecorded(event);
        if (recorded) yield recorded;
      }
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw toPortError(error);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.ensureOpen();
    const after = options.after ?? 0n;
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (remaining <= 0) return;
    // No maxCount on the server: it would count the system events we drop.
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition: after <= 0n ? START : { commit: after, prepare: after },
    });
    try {
      for await (const event of drain(read)) {
        const recorded = toRecorded(event);
        // Reads of $all include the event at the start position: `after` is exclusive.
        if (!recorded || recorded.position <= after) continue;
        yield recorded;
        if (--remaining === 0) return;
      }
    } catch (error) {
      throw toPortError(error);
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.ensureOpen();
    const subscription: Subscription = subscribeToAllResilient(this.client, {
      after: options.after,
      headPosition: () => this.headPosition(),
      onDrop: this.options.onSubscriptionDrop,
      onEnd: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.ensureOpen();
    // The tail of $all is mostly system events (the standard projections' links): walk back to ours.
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    try {
      for await (const event of drain(read)) {
        if (event.event && !isSystemEvent(event.event.type, event.event.streamId)) return event.event.position.commit;
      }
      return 0n;
    } catch (error) {
      throw toPortError(error);
    }
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
    // Events it cannot store faithfully are refused before anything is read.
    for (const event of events) toEventData(event);
    for (let attempt = 1; ; attempt++) {
      let tail: RecordedEvent | undefined;
      for await (const event of this.readStream(streamId, { direction: 'backwards', maxCount: 1 })) tail = event;
      if (expectedRevision === 'stream_exists' && !tail) throw new WrongExpectedRevisionError(streamId, expectedRevision, null);
      const { hashes, expected } = chainedAppend(tail, events, expectedRevision);
      try {
        return await this.client.appendToStream(streamId, events.map((event, i) => toEventData(event, hashes[i])), {
          expectedRevision: toClientRevision(expected),
        });
      } catch (error) {
        const lostRace = expected !== expectedRevision && toPortError(error, { streamId, expected }) instanceof WrongExpectedRevisionError;
        if (!lostRace || attempt >= PINNED_ATTEMPTS) throw error;
      }
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

/** Iterates a client read and cancels the call when the caller stops early (a break would leave it open). */
async function* drain<E>(read: StreamingRead<E>): AsyncGenerator<E> {
  let finished = false;
  try {
    for await (const item of read) yield item;
    finished = true;
  } finally {
    if (!finished) await read.cancel().catch(() => undefined);
  }
}
