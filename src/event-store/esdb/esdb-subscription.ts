import { EventStoreDBClient, FORWARDS, START, eventTypeFilter, excludeSystemEvents } from '@eventstore/db-client';
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
 * With one, the server filters by event type and reports a checkpoint every SEARCH_WINDOW events it
 * examined; the port still wants the head of the log delivered, so the subscriber's position keeps
 * up while nothing it handles is appended. Both ends are met in order:
 * - on caughtUp, the events after the last checkpoint (or delivery) up to the end of the log are read
 *   here: those of the wanted types and the last one are delivered, then caughtUp turns true;
 * - afterwards, on each checkpoint, the last event at or before it (at most a window back) is
 *   delivered if it is newer than anything delivered. The server sends checkpoints in order with the
 *   events, so everything it matched before a checkpoint has been delivered by then.
 * Events the server sends again after such a read are dropped by position.
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
      let lastCheckpoint = after ?? 0n;
      let filling: AsyncIterator<RecordedEvent> | undefined;

      const deliver = (event: RecordedEvent): IteratorResult<RecordedEvent> => {
        lastDelivered = event.position;
        return { done: false, value: event };
      };
      const onMarker = (marker: Marker): void => {
        if (marker.marker === 'caughtUp') {
          if (!types) {
            head.signalled = true;
            return;
          }
          const from = lastCheckpoint > lastDelivered ? lastCheckpoint : lastDelivered;
          filling = fillFrom(client, from, undefined, types, prefix, () => (head.signalled = true))[Symbol.asyncIterator]();
          return;
        }
        const previous = lastCheckpoint;
        if (marker.position > lastCheckpoint) lastCheckpoint = marker.position;
        if (head.signalled && marker.position > lastDelivered) {
          const from = previous > lastDelivered ? previous : lastDelivered;
          filling = fillFrom(client, from, marker.position, new Set(), prefix, () => undefined)[Symbol.asyncIterator]();
        }
      };

      return {
        async next(): Promise<IteratorResult<RecordedEvent>> {
          for (;;) {
            if (filling) {
              const filled = await filling.next();
              if (!filled.done) {
                if (filled.value.position > lastDelivered) return deliver(filled.value);
                continue;
              }
              filling = undefined;
            }
            const item = await raw.next().catch((error: unknown) => {
              throw toPortError(error, { fromPosition: after });
            });
            if (item.done) return { done: true, value: undefined };
            if (isMarker(item.value)) {
              onMarker(item.value);
              continue;
            }
            const event = toRecorded(item.value, prefix);
            if (event && event.position > lastDelivered) return deliver(event);
          }
        },
        // Not raw.return(): it would wait behind a pending pull; cancelling the call ends that pull.
        async return(): Promise<IteratorResult<RecordedEvent>> {
          await filling?.return?.();
          await subscription.unsubscribe();
          subscription.destroy();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * Reads $all strictly after `from` (up to `upTo`, inclusive, when given) and yields the events of
 * `types`, then the last event read if it was not one of them; calls `onDone` once it has read all.
 */
async function* fillFrom(
  client: EventStoreDBClient,
  from: bigint,
  upTo: bigint | undefined,
  types: ReadonlySet<string>,
  prefix: string,
  onDone: () => void,
): AsyncGenerator<RecordedEvent> {
  let last: RecordedEvent | undefined;
  let lastYielded = from;
  const read = client.readAll({ direction: FORWARDS, fromPosition: from <= 0n ? START : { commit: from, prepare: from } });
  try {
    for await (const resolved of drain(read)) {
      const event = toRecorded(resolved, prefix);
      if (!event || event.position <= from) continue;
      if (upTo !== undefined && event.position > upTo) break;
      last = event;
      if (types.has(event.type)) {
        lastYielded = event.position;
        yield event;
      }
    }
  } catch (error) {
    throw toPortError(error, { fromPosition: from });
  }
  if (last && last.position > lastYielded) yield last;
  onDone();
}
