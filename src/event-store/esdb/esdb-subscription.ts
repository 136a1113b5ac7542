import { BACKWARDS, END, EventStoreDBClient, START, eventTypeFilter, excludeSystemEvents } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Filter } from '@eventstore/db-client';
import { RecordedEvent } from '../../shared/event';
import { Subscription } from '../event-store.port';
import { ResilientSubscription } from '../resilient-subscription';
import { isFatalForSubscription, toPortError } from './esdb-errors';
import { toRecorded } from './esdb-events';
import { drain } from './esdb-reads';

export interface EsdbSubscriptionOptions {
  after?: bigint;
  /** The port's hint: applied on the server as an event-type filter (see `openOnce`). */
  types?: ReadonlySet<string>;
  /** The store's stream prefix: events of other streams are skipped. */
  prefix?: string;
  /** The last non-system position, read when a subscription opens: the head it has to reach. */
  headPosition: () => Promise<bigint>;
  onDrop?: (error: unknown, attempt: number, retryInMs: number) => void;
  onEnd?: () => void;
}

interface HeadTracking {
  target?: bigint;
  signalled: boolean;
}

/** Markers pushed into the client's stream from its own callbacks, so they sit in order among the events. */
type Marker = { marker: 'caughtUp' } | { marker: 'checkpoint'; position: bigint };
const isMarker = (item: unknown): item is Marker => typeof item === 'object' && item !== null && 'marker' in item;

/** How many events the server examines before it answers a filtered read with a checkpoint. */
export const SEARCH_WINDOW = 32;

/** A subscription to $all that resubscribes from the last delivered position after a drop. */
export function subscribeToAllResilient(client: EventStoreDBClient, options: EsdbSubscriptionOptions): Subscription {
  const head: HeadTracking = { signalled: false };
  return new ResilientSubscription({
    after: options.after,
    open: (after) => {
      if (head.target === undefined) {
        options.headPosition().then(
          (position) => (head.target ??= position),
          () => undefined,
        );
      }
      return openOnce(client, after, head, options.types, options.prefix ?? '');
    },
    caughtUpProbe: (lastDelivered) =>
      head.signalled || (head.target !== undefined && (lastDelivered ?? options.after ?? 0n) >= head.target),
    isFatal: isFatalForSubscription,
    onDrop: options.onDrop,
    onEnd: options.onEnd,
  });
}

/** `^(?:A|B)$` with every type matched literally. */
export function typesRegex(types: ReadonlySet<string>): string {
  const literal = [...types].sort().map((type) => type.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return `^(?:${literal.join('|')})$`;
}

/**
 * One call of the server's subscription. Without a types hint it receives every non-system event.
 * With one, the server filters by event type; the port still wants the head of the log delivered,
 * so the subscriber's position keeps up while nothing it handles is appended. The server sends a
 * checkpoint every SEARCH_WINDOW events it considered, one at the end of its catch-up (just before
 * caughtUp), and checkpoints while live (the KurrentDB AllSubscriptionFiltered enumerator). It
 * sends them in order with the events: at a checkpoint c, every wanted event up to c has been
 * delivered. So from the head the subscription started towards on, at each checkpoint the last
 * event of ours at or before c is delivered when it is newer than anything delivered: in order,
 * and at most a window behind the log while live.
 */
function openOnce(
  client: EventStoreDBClient,
  after: bigint | undefined,
  head: HeadTracking,
  types: ReadonlySet<string> | undefined,
  prefix: string,
): AsyncIterable<RecordedEvent> {
  return {
    [Symbol.asyncIterator]: (): AsyncIterator<RecordedEvent> => {
      const fromPosition = after === undefined || after <= 0n ? START : { commit: after, prepare: after };
      const filter: Filter = types
        ? eventTypeFilter({
            regex: typesRegex(types),
            maxSearchWindow: SEARCH_WINDOW,
            checkpointInterval: 1,
            checkpointReached: (source, position) => {
              (source as unknown as { push(item: Marker): void }).push({ marker: 'checkpoint', position: position.commit });
            },
          })
        : excludeSystemEvents();
      // Our positions are commit positions, and for events appended over gRPC commit = prepare.
      const subscription = client.subscribeToAll({ fromPosition, filter });
      // Emitted while the client transforms the server's message: a marker pushed now lands in order.
      subscription.on('caughtUp', () => (subscription as unknown as { push(item: Marker): void }).push({ marker: 'caughtUp' }));
      const raw = subscription[Symbol.asyncIterator]() as AsyncIterator<AllStreamResolvedEvent | Marker>;
      let lastDelivered = after ?? 0n;
      let lastCheckpoint: bigint | undefined;

      const deliver = (event: RecordedEvent): IteratorResult<RecordedEvent> => {
        lastDelivered = event.position;
        return { done: false, value: event };
      };
      /** The head of the log as far as the server has gone, when it is due and not delivered yet. */
      const headUpTo = async (checkpoint: bigint | undefined, caughtUp: boolean): Promise<RecordedEvent | undefined> => {
        if (checkpoint === undefined || checkpoint <= lastDelivered) return undefined;
        const due = caughtUp || head.signalled || (head.target !== undefined && checkpoint >= head.target);
        if (!due) return undefined;
        const last = await lastOursUpTo(client, checkpoint, prefix);
        return last && last.position > lastDelivered ? last : undefined;
      };

      return {
        async next(): Promise<IteratorResult<RecordedEvent>> {
          for (;;) {
            const item = await raw.next().catch((error: unknown) => {
              throw toPortError(error, { fromPosition: after });
            });
            if (item.done) return { done: true, value: undefined };
            const value = item.value;
            if (isMarker(value)) {
              if (!types) {
                if (value.marker === 'caughtUp') head.signalled = true;
                continue;
              }
              if (value.marker === 'checkpoint') lastCheckpoint = value.position;
              const headEvent = await headUpTo(lastCheckpoint, value.marker === 'caughtUp');
              if (value.marker === 'caughtUp') head.signalled = true;
              if (headEvent) return deliver(headEvent);
              continue;
            }
            const event = toRecorded(value, prefix);
            if (event && event.position > lastDelivered) return deliver(event);
          }
        },
        // Not raw.return(): it would wait behind a pending pull; cancelling the call ends that pull.
        async return(): Promise<IteratorResult<RecordedEvent>> {
          await subscription.unsubscribe();
          subscription.destroy();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * The last event of ours at or before `upTo`, walking back from the end of $all: past what was
 * appended after `upTo`, then past system events (and other prefixes' streams) to the first of ours.
 */
async function lastOursUpTo(client: EventStoreDBClient, upTo: bigint, prefix: string): Promise<RecordedEvent | undefined> {
  const read = client.readAll({ direction: BACKWARDS, fromPosition: END });
  try {
    for await (const resolved of drain(read)) {
      if (!resolved.event || resolved.event.position.commit > upTo) continue;
      const event = toRecorded(resolved, prefix);
      if (event) return event;
    }
  } catch (error) {
    throw toPortError(error, { streamId: '$all' });
  }
  return undefined;
}
