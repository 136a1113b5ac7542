import { randomUUID } from 'node:crypto';
import { AccessDeniedError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { NewEvent, RecordedEvent } from '../../shared/event';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../event-store.port';
import { isFatalForSubscription, toPortError } from './esdb-errors';
import { EsdbEventStore } from './esdb-event-store';
import { toRecorded } from './esdb-events';

// No server runs here: these pin what the adapter does on its own. The contract suite covers the rest against a server.
const NOBODY_LISTENING = 'esdb://127.0.0.1:1?tls=false';

const newEvent = (data: unknown = { n: 1 }): NewEvent => ({
  eventId: randomUUID(),
  type: 'StudentRegistered',
  data,
  metadata: {
    occurredAt: '2025-01-01T00:00:00.000Z',
    actor: { type: 'system', id: 'test' },
    correlationId: 'c',
    causationId: 'c',
    command: 'RegisterStudent',
    schemaVersion: 1,
  },
});

async function drain(events: AsyncIterable<RecordedEvent>): Promise<void> {
  for await (const _event of events) void _event;
}

describe('EsdbEventStore without a reachable server', () => {
  let store: EsdbEventStore;
  const drops: unknown[] = [];
  const attempts: [number, number][] = [];
  beforeEach(() => {
    drops.length = 0;
    attempts.length = 0;
    store = EsdbEventStore.connect(NOBODY_LISTENING, {
      onSubscriptionDrop: (error, attempt, retryInMs) => {
        drops.push(error);
        attempts.push([attempt, retryInMs]);
      },
    });
  });
  afterEach(() => store.close());

  it('reports every operation as StoreUnavailable', async () => {
    await expect(store.append(`student-${randomUUID()}`, [newEvent()], 'any')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(drain(store.readStream('student-1'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(drain(store.readAll({ after: 42n }))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('keeps resubscribing with a growing delay, and closing ends the iteration', async () => {
    const subscription = store.subscribeToAll({ after: 100n });
    const consumed = (async () => {
      for await (const _event of subscription) void _event;
    })();
    const deadline = Date.now() + 10_000;
    while (drops.length < 3) {
      if (Date.now() > deadline) throw new Error(`Only ${drops.length} drops reported in 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    expect(drops[0]).toBeInstanceOf(StoreUnavailableError);
    expect(attempts.slice(0, 3).map(([attempt]) => attempt)).toEqual([1, 2, 3]);
    const delays = attempts.slice(0, 3).map(([, retryInMs]) => retryInMs);
    expect(delays[1]).toBeGreaterThan(delays[0]);
    expect(delays[2]).toBeGreaterThan(delays[1]);
    expect(subscription.caughtUp).toBe(false);
    await subscription.close();
    await consumed;
  });

  it('ends open subscriptions when closed, and refuses work afterwards', async () => {
    const subscription = store.subscribeToAll();
    const consumed = (async () => {
      for await (const _event of subscription) void _event;
    })();

    await store.close();
    await consumed;
    await expect(store.append('student-1', [newEvent()], 'any')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(() => store.subscribeToAll()).toThrow(StoreUnavailableError);
  });

  it('refuses events it cannot store faithfully before they reach the client', async () => {
    await expect(store.append('student-1', [{ ...newEvent(), eventId: 'not-a-uuid' }], 'any')).rejects.toThrow('UUID');
    await expect(store.append('student-1', [newEvent({ tooBig: 1n })], 'any')).rejects.toThrow('not JSON');
  });
});

describe('EventStoreDB error mapping', () => {
  it('turns a wrong expected version into the port error with the actual revision, null for no stream', () => {
    const onMissing = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 'no_stream' });
    const onExisting = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 'no_stream', current: 3n });

    expect(toPortError(onMissing, { streamId: 's', expected: 0n })).toEqual(new WrongExpectedRevisionError('s', 0n, null));
    expect(toPortError(onExisting, { streamId: 's', expected: 'no_stream' })).toMatchObject({ actual: 3n, expected: 'no_stream' });
  });

  it('treats unavailability as retryable and access denial as fatal for subscriptions', () => {
    expect(toPortError(new UnavailableError())).toBeInstanceOf(StoreUnavailableError);
    expect(isFatalForSubscription(new AccessDeniedError())).toBe(true);
    expect(isFatalForSubscription(new StoreUnavailableError('down'))).toBe(false);
  });
});

describe('EventStoreDB event conversion', () => {
  const stored = (streamId: string, type: string) => ({
    streamId,
    id: randomUUID(),
    isJson: true as const,
    revision: 7n,
    type,
    created: new Date(),
    data: { n: 1 },
    metadata: { schemaVersion: 1 },
    position: { commit: 1234n, prepare: 1234n },
  });

  it('keeps our events with their commit position and drops system events and $-streams', () => {
    expect(toRecorded({ event: stored('student-1', 'StudentRegistered') })).toMatchObject({ revision: 7n, position: 1234n });
    expect(toRecorded({ event: stored('$ce-student', '$>') })).toBeUndefined();
    expect(toRecorded({ event: stored('$stats-127.0.0.1:2113', 'StatsCollected') })).toBeUndefined();
    expect(toRecorded({ event: stored('student-1', '$metadata') })).toBeUndefined();
    expect(toRecorded({})).toBeUndefined();
  });
});
