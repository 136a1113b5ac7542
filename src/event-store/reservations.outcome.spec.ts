import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultyEventStore } from '../../test/support/faults/event-store-faults';
import { TEST_METADATA as BASE_METADATA } from '../../test/support/event-builders';
import { FixedClock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import { SqliteEventStore } from './embedded/sqlite-event-store';
import { AppendOutcomeUnknownError, StoreUnavailableError } from './event-store.port';
import { ReservationKey, ReservationOwner, Reservations, reservationStreamId } from './reservations';

const key: ReservationKey = { kind: 'username', scope: 'd-1', value: 'ada', conflictCode: 'UsernameTaken', conflictMessage: 'taken' };
const owner = (id: string): ReservationOwner => ({ streamId: `student-${id}`, revision: 0n, eventId: `00000000-0000-4000-8000-00000000000${id}` });
const reservationOnly = /^reservation-/;
/** Claims are dated by their metadata: now, on the test's clock. */
const TEST_METADATA = { ...BASE_METADATA, occurredAt: '2026-01-01T00:00:00.000Z' };

const SECRET = Buffer.alloc(32, 7);

/** Claims and releases of a unique value when the reservation stream's append answers "outcome unknown". */
describe('Reservations: appends whose outcome is unknown', () => {
  let dir: string;
  let inner: SqliteEventStore;
  let store: FaultyEventStore;
  let clock: FixedClock;
  let reservations: Reservations;

  const typesOf = async () => {
    const types = [];
    for await (const event of inner.readStream(reservationStreamId(key, SECRET))) types.push(event.type);
    return types;
  };
  const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (error: unknown) => error);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-reservation-outcome-'));
    inner = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    store = new FaultyEventStore(inner);
    clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
    reservations = new Reservations(store, clock, SECRET, { retryDelaysMs: [] });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a claim committed with its answer lost is held: the claimer goes on, anyone else is refused', async () => {
    store.failAppends({ at: 'after-commit', times: 1, streams: reservationOnly });

    await reservations.claim(key, owner('1'), TEST_METADATA);

    expect(store.injected).toHaveLength(1);
    expect(await typesOf()).toEqual(['ReservationClaimed']);
    expect(((await rejection(reservations.claim(key, owner('2'), TEST_METADATA))) as DomainError).code).toBe('UsernameTaken');
  });

  it('a claim that did not happen is reported as StoreUnavailable and holds nothing', async () => {
    store.failAppends({ at: 'before', times: 1, streams: reservationOnly });

    const error = await rejection(reservations.claim(key, owner('1'), TEST_METADATA));

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).not.toBeInstanceOf(AppendOutcomeUnknownError);
    expect(await typesOf()).toEqual([]);
    await expect(reservations.claim(key, owner('2'), TEST_METADATA)).resolves.toBeUndefined();
  });

  it('a claim whose outcome cannot be told is reported as unknown; if made, it is taken over once abandoned', async () => {
    store.failAppends({ at: 'after-commit', times: 1, streams: reservationOnly, onHit: () => store.unavailable() });

    expect(await rejection(reservations.claim(key, owner('1'), TEST_METADATA))).toBeInstanceOf(AppendOutcomeUnknownError);
    store.available();
    expect(((await rejection(reservations.claim(key, owner('2'), TEST_METADATA))) as DomainError).code).toBe('UsernameTaken');
    await expect(reservations.claim(key, owner('1'), TEST_METADATA)).resolves.toBeUndefined();

    clock.set('2026-01-01T00:00:31Z');
    await expect(reservations.claim(key, owner('2'), TEST_METADATA)).resolves.toBeUndefined();
  });

  it('a retry by the same owner points the claim at its new attempt, so once appended the claim is not taken as abandoned', async () => {
    store.failAppends({ at: 'after-commit', times: 1, streams: reservationOnly, onHit: () => store.unavailable() });
    await rejection(reservations.claim(key, owner('1'), TEST_METADATA));
    store.available();
    const retry: ReservationOwner = { ...owner('1'), eventId: '00000000-0000-4000-8000-0000000000aa' };

    await reservations.claim(key, retry, TEST_METADATA);
    await inner.append('student-1', [{ eventId: retry.eventId, type: 'StudentRegistered', data: {}, metadata: TEST_METADATA }], 'no_stream');

    expect(await typesOf()).toEqual(['ReservationClaimed', 'ReservationClaimed']);
    clock.set('2026-01-01T00:05:00Z');
    expect(((await rejection(reservations.claim(key, owner('2'), TEST_METADATA))) as DomainError).code).toBe('UsernameTaken');
    // The owner's own claim for an event it has is kept as it is.
    await reservations.claim(key, { ...retry, revision: 1n, eventId: '00000000-0000-4000-8000-0000000000bb' }, TEST_METADATA);
    expect(await typesOf()).toHaveLength(2);
  });

  it('a release committed with its answer lost counts as released', async () => {
    await reservations.claim(key, owner('1'), TEST_METADATA);
    store.failAppends({ at: 'after-commit', times: 1, streams: reservationOnly });

    await reservations.release(key, 'student-1', TEST_METADATA);

    expect(await typesOf()).toEqual(['ReservationClaimed', 'ReservationReleased']);
    await expect(reservations.claim(key, owner('2'), TEST_METADATA)).resolves.toBeUndefined();
  });

  it('claimAll: when a later claim did not happen, the earlier ones are released and the error passes on', async () => {
    const other: ReservationKey = { ...key, kind: 'email', value: 'ada@example.org' };
    store.failAppends({ at: 'before', times: 1, streams: (id) => id === reservationStreamId(other, SECRET) });

    expect(await rejection(reservations.claimAll([key, other], owner('1'), TEST_METADATA))).toBeInstanceOf(StoreUnavailableError);
    expect(await typesOf()).toEqual(['ReservationClaimed', 'ReservationReleased']);

    await expect(reservations.claim(key, owner('2'), TEST_METADATA)).resolves.toBeUndefined();
  });
});
