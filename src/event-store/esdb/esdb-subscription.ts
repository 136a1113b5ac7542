import { EventStoreDBClient, START, excludeSystemEvents } from '@eventstore/db-client';
import { RecordedEvent } from '../../shared/event';
import { Subscription } from '../event-store.port';
import { ResilientSubscription } from '../resilient-subscription';
import { isFatalForSubscription, toPortError } from './esdb-errors';
import { toRecorded } from './esdb-events';

export interface EsdbSubscriptionOptions {
  after?: bigint;
  /** The last non-system position, read when a subscription opens: the head it has to reach. */
  headPosition: () => Promise<bigint>;
  onDrop?: (error: unknown, attempt: number, retryInMs: number) => void;
  onEnd?: () => void;
}

interface HeadTracking {
  target?: bigint;
  signalled: boolean;
}

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
      return openOnce(client, after, head);
    },
    caughtUpProbe: (lastDelivered) =>
      head.signalled || (head.target !== undefined && (lastDelivered ?? options.after ?? 0n) >= head.target),
    isFatal: isFatalForSubscription,
    onDrop: options.onDrop,
    onEnd: options.onEnd,
  });
}

function openOnce(client: EventStoreDBClient, after: bigint | undefined, head: HeadTracking): AsyncIterable<RecordedEvent> {
  return {
    [Symbol.asyncIterator]: (): AsyncIterator<RecordedEvent> => {
      const subscription = client.subscribeToAll({
        // Our positions are commit positions, and for events appended over gRPC commit = prepare.
        fromPosition: after === undefined || after <= 0n ? START : { commit: after, prepare: after },
        filter: excludeSystemEvents(),
      });
      // The client emits caughtUp while events before it may still sit in its buffer: count those down first.
      let bufferedBeforeSignal: number | undefined;
      subscription.on('caughtUp', () => {
        bufferedBeforeSignal = subscription.readableLength;
        if (bufferedBeforeSignal === 0) head.signalled = true;
      });
      const raw = subscription[Symbol.asyncIterator]();
      return {
        async next(): Promise<IteratorResult<RecordedEvent>> {
          for (;;) {
            const item = await raw.next().catch((error: unknown) => {
              throw toPortError(error);
            });
            if (item.done) return { done: true, value: undefined };
            if (bufferedBeforeSignal !== undefined && --bufferedBeforeSignal <= 0) head.signalled = true;
            const event = toRecorded(item.value);
            if (event) return { done: false, value: event };
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
