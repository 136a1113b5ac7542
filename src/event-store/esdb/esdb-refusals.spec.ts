import { randomUUID } from 'node:crypto';
import { AccessDeniedError, MaxAppendSizeExceededError, StreamDeletedError as ClientStreamDeletedError, UnknownError } from '@eventstore/db-client';
import { FakeEsdbClient } from '../../../test/support/fake-esdb-client';
import { toApiError } from '../../http/error.filter';
import { NewEvent, RecordedEvent } from '../../shared/event';
import {
  AppendTooLargeError,
  DuplicateEventIdError,
  InvalidPositionError,
  StoreAccessDeniedError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { isFatalForSubscription, toPortError } from './esdb-errors';
import { EsdbEventStore } from './esdb-event-store';
import { toRecorded } from './esdb-events';

// The server's answer to a read of $all from a position that is not a record boundary, as the client hands it over.
const invalidPosition = (): Error =>
  Object.assign(new UnknownError(undefined, '3 INVALID_ARGUMENT: Trying to read from an invalid position.'), { code: 3 });

const newEvent = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'ContractProbe',
  data: { n: 1 },
  metadata: {
    occurredAt: '2025-01-01T00:00:00.000Z',
    actor: { type: 'system', id: 'test' },
    correlationId: 'c',
    causationId: 'c',
    command: 'Probe',
    schemaVersion: 1,
  },
});

async function drain(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('EventStoreDB adapter: definite refusals become the port errors (never a 500)', () => {
  let fake: FakeEsdbClient;
  let store: EsdbEventStore;
  beforeEach(() => {
    fake = new FakeEsdbClient();
    store = EsdbEventStore.withClient(fake.asClient());
  });
  afterEach(() => store.close());

  it('checks result.success: a conflict answered without throwing (throwOnAppendFailure=false) is a conflict', async () => {
    fake.appendAnswer = () => ({ success: false, nextExpectedRevision: 3n, position: undefined });
    await expect(store.append('s-1', [newEvent()], 1n)).rejects.toEqual(new WrongExpectedRevisionError('s-1', 1n, 3n));
    fake.appendAnswer = () => ({ success: false, nextExpectedRevision: -1n, position: undefined });
    await expect(store.append('s-2', [newEvent()], 0n)).rejects.toMatchObject({ actual: null });
  });

  it('refuses an append holding the same event id twice before it reaches the server, as the embedded store does', async () => {
    const event = newEvent();
    let called = false;
    fake.appendAnswer = () => (called = true);
    await expect(store.append('s-1', [event, { ...event }], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(called).toBe(false);
  });

  it.each<[string, Error, unknown, [number, string]]>([
    ['MaxAppendSizeExceeded', MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), AppendTooLargeError, [413, 'PayloadTooLarge']],
    ['StreamDeleted', ClientStreamDeletedError.fromStreamName('s-1'), StreamDeletedError, [409, 'StreamDeleted']],
    ['AccessDenied', new AccessDeniedError(), StoreAccessDeniedError, [503, 'StoreUnavailable']],
  ])('maps %s on an append to a clear error and a clear answer', async (_name, clientError, portError, [status, code]) => {
    fake.appendAnswer = () => {
      throw clientError;
    };
    const error = await store.append('s-1', [newEvent()], 'any').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(portError);
    expect(toApiError(error)).toMatchObject({ status, code });
  });

  it('reads of a deleted stream say so', async () => {
    expect(toPortError(ClientStreamDeletedError.fromStreamName('s-9'), { streamId: 's-9' })).toEqual(new StreamDeletedError('s-9'));
  });

  it('refuses positions from 2^63 up before asking the server: InvalidPosition, answered 400', async () => {
    const tooLarge = 2n ** 63n;
    const error = await drain(store.readAll({ after: tooLarge })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPositionError);
    expect(toApiError(error)).toMatchObject({ status: 400, code: 'InvalidPosition' });
    expect(() => store.subscribeToAll({ after: tooLarge })).toThrow(InvalidPositionError);
    expect(fake.readAllCalls).toBe(0);
    await expect(drain(store.readAll({ after: 2n ** 63n - 1n }))).resolves.toEqual([]);
  });

  it('turns the server\'s answer to a position that is not a record boundary into InvalidPosition, 400', async () => {
    fake.failReadAll = invalidPosition();
    const error = await drain(store.readAll({ after: 123n })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPositionError);
    expect((error as InvalidPositionError).position).toBe(123n);
    expect(toApiError(error)).toMatchObject({ status: 400, code: 'InvalidPosition' });
  });

  it('ends a subscription started at such a position with InvalidPosition instead of resubscribing forever', async () => {
    const drops: unknown[] = [];
    store = EsdbEventStore.withClient(fake.asClient(), { onSubscriptionDrop: (error) => drops.push(error) });
    fake.failSubscribe = invalidPosition();
    const subscription = store.subscribeToAll({ after: 123n });

    await expect(drain(subscription)).rejects.toThrow(/Position 123 is invalid/);
    expect(drops).toEqual([]);
    expect(isFatalForSubscription(toPortError(invalidPosition()))).toBe(true);
  });

  it('detects at start-up that $all may not be read, naming the ACL to grant', async () => {
    fake.failReadAll = new AccessDeniedError();
    const error = await store.verifyAccess().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreAccessDeniedError);
    expect((error as Error).message).toMatch(/reading \$all.*\$admins.*"\$\$\$all".*\$acl.*\$r/);
    expect(isFatalForSubscription(error)).toBe(true);
    fake.failReadAll = undefined;
    await expect(store.verifyAccess()).resolves.toBeUndefined();
  });
});

describe('EventStoreDB event positions', () => {
  const stored = (commit: bigint) => ({
    streamId: 'student-1',
    id: randomUUID(),
    isJson: true as const,
    revision: 7n,
    type: 'ContractProbe',
    created: new Date(),
    data: { n: 1 },
    metadata: {},
    position: { commit, prepare: commit },
  });
  const unknown = 2n ** 64n - 1n; // ulong.MaxValue: the server had no position to give

  it('never passes on an unknown position: takes the one the read carries, else says why it has none', () => {
    expect(toRecorded({ event: stored(unknown), commitPosition: 500n })).toMatchObject({ position: 500n });
    expect(() => toRecorded({ event: stored(unknown) })).toThrow(/without a position/);
    expect(toRecorded({ event: stored(2n ** 63n - 1n) })).toMatchObject({ position: 2n ** 63n - 1n });
  });
});
