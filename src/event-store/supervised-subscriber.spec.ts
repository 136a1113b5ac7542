import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_METADATA } from '../../test/support/event-builders';
import type { RecordedEvent } from '../shared/event';
import { newId } from '../shared/ids';
import { SqliteEventStore } from './embedded/sqlite-event-store';
import { EventStore, InvalidPositionError, StoreUnavailableError, SubscribeOptions, Subscription } from './event-store.port';
import { SupervisedSubscriber } from './supervised-subscriber';
import { isTransient } from './transient-errors';

/** Subscriptions that throw `error` once `dropAfter` events have been pulled, while `drops` lasts. */
function dropping(inner: EventStore, plan: { drops: number; dropAfter: number; error: () => Error }): EventStore {
  return Object.assign(Object.create(inner) as EventStore, {
    subscribeToAll(options?: SubscribeOptions): Subscription {
      const source = inner.subscribeToAll(options);
      return {
        get caughtUp() {
          return source.caughtUp;
        },
        close: () => source.close(),
        async *[Symbol.asyncIterator]() {
          let pulled = 0;
          for await (const event of source) {
            if (plan.drops > 0 && pulled === plan.dropAfter) {
              plan.drops -= 1;
              throw plan.error();
            }
            pulled += 1;
            yield event;
          }
        },
      };
    },
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('SupervisedSubscriber', () => {
  let dir: string;
  let log: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-supervisor-'));
    log = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    for (let i = 0; i < 20; i++) await log.append(`s-${i}`, [{ eventId: newId(), type: 'Counted', data: {}, metadata: TEST_METADATA }], 'no_stream');
  });
  afterEach(async () => {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A subscriber that remembers what it handled and resumes after the last one. */
  const recorder = () => {
    const seen: bigint[] = [];
    return { seen, handler: { resumeAfter: () => seen.at(-1) ?? 0n, handle: async (batch: RecordedEvent[]) => void seen.push(...batch.map((e) => e.position)) } };
  };

  it('a dropped subscription is reopened after the last handled event: every event once, in order', async () => {
    const { seen, handler } = recorder();
    const statuses = new Set<string>();
    const events = dropping(log, { drops: 3, dropAfter: 4, error: () => new StoreUnavailableError('The subscription was dropped') });
    const subscriber = new SupervisedSubscriber(events, handler, { maxBatch: 3, backoff: { initialMs: 5, maxMs: 20 }, onRetry: () => statuses.add(subscriber.status) });
    subscriber.start();
    await until(() => seen.length === 20, 'all 20 events');
    await subscriber.stop();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i + 1)));
    expect(statuses).toEqual(new Set(['retrying']));
    expect(subscriber.lastError).toBe('The subscription was dropped');
    expect(subscriber.failure).toBeNull();
  });

  it('an error of the log that no retry cures (an invalid position) fails the subscriber, naming no event', async () => {
    const { handler } = recorder();
    const events = dropping(log, { drops: Infinity, dropAfter: 0, error: () => new InvalidPositionError(7n) });
    const subscriber = new SupervisedSubscriber(events, handler, { backoff: { initialMs: 5, maxMs: 20 }, attemptsPerEvent: 3 });
    subscriber.start();
    await until(() => subscriber.status === 'failed', 'the subscriber to fail');
    expect(subscriber.failure).toEqual({ position: 0n, eventType: null, error: 'Position 7 is invalid: it is not a position of this log' });
    expect(subscriber.running).toBe(false);
  });
});

describe('isTransient', () => {
  it.each([
    ['the port’s StoreUnavailableError', new StoreUnavailableError('down')],
    ['SQLite busy', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
    ['a MongoDB network error', Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' })],
    ['a MongoDB server error the driver labels retryable', Object.assign(new Error('stepping down'), { name: 'MongoServerError', code: 1, errorLabels: ['RetryableWriteError'] })],
    ['a MongoDB primary that stepped down', Object.assign(new Error('not primary'), { name: 'MongoServerError', code: 10107 })],
    ['a wrapped cause', new Error('batch failed', { cause: new StoreUnavailableError('down') })],
  ])('%s is transient', (_, error) => expect(isTransient(error)).toBe(true));

  it.each([
    ['a refused document', Object.assign(new Error('key must not contain null bytes'), { name: 'MongoServerError', code: 2 })],
    ['a bug in a projector', new TypeError('Cannot read properties of undefined')],
    ['an invalid position', new InvalidPositionError(7n)],
    ['SQLite malformed JSON', Object.assign(new Error('malformed JSON'), { code: 'SQLITE_ERROR' })],
  ])('%s is not', (_, error) => expect(isTransient(error)).toBe(false));
});
