import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultyEventStore } from '../../test/support/faults/event-store-faults';
import { FixedClock } from '../shared/clock';
import { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { DomainEvent } from '../shared/event';
import { newId } from '../shared/ids';
import { AggregateLoader } from './aggregate-loader';
import { CommandEnvelope } from './command-envelope';
import { CommandHandling, SurroundingAppends } from './command-handling';
import { SqliteEventStore } from './embedded/sqlite-event-store';
import { AppendOutcomeUnknownError, StoreUnavailableError } from './event-store.port';
import { ReservationKey, Reservations, reservationStreamId } from './reservations';

type Joined = DomainEvent<'MemberJoined', { memberId: string; name: string }>;
type MemberState = { joined: false } | { joined: true; name: string };
const memberDecider: Decider<MemberState, { type: 'Join'; memberId: string; name: string }, Joined> = {
  initialState: { joined: false },
  evolve: (_state, event) => ({ joined: true, name: event.data.name }),
  decide: (command, state) => (state.joined ? [] : [{ type: 'MemberJoined', data: { memberId: command.memberId, name: command.name } }]),
};
const nameKey = (name: string): ReservationKey => ({ kind: 'member-name', scope: 'club', value: name, conflictCode: 'NameTaken', conflictMessage: 'taken' });

const SECRET = Buffer.alloc(32, 7);

/** CommandHandling when the aggregate's append answers "outcome unknown": each way the check can come out. */
describe('CommandHandling: an append whose outcome is unknown', () => {
  let dir: string;
  let inner: SqliteEventStore;
  let store: FaultyEventStore;
  let clock: FixedClock;
  let commands: CommandHandling;
  let surroundings: { undone: number; after: number };

  const envelope = (idempotencyKey?: string): CommandEnvelope => ({
    commandName: 'Join', commandId: newId(), correlationId: newId(), actor: { type: 'token', id: 'test' }, ...(idempotencyKey ? { idempotencyKey } : {}),
  });
  const join_ = (memberId: string, name: string, idempotencyKey?: string) =>
    commands.handle({
      decider: memberDecider,
      aggregateId: memberId,
      streamId: `member-${memberId}`,
      command: { type: 'Join', memberId, name },
      envelope: envelope(idempotencyKey),
      reservations: (events) => ({ claim: events.map((e) => nameKey(e.data.name)), release: [] }),
      surround: (): SurroundingAppends => ({ undo: async () => void surroundings.undone++, after: async () => void surroundings.after++ }),
    });
  const eventsOf = async (streamId: string) => {
    const events = [];
    for await (const event of inner.readStream(streamId)) events.push(event);
    return events;
  };
  const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (error: unknown) => error);
  const aggregateOnly = /^member-/;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-outcome-'));
    inner = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    store = new FaultyEventStore(inner);
    clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
    const checks = { retryDelaysMs: [] };
    commands = new CommandHandling(store, new AggregateLoader(store), new Reservations(store, clock, SECRET, checks), clock, checks);
    surroundings = { undone: 0, after: 0 };
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appended (committed, answer lost): the command succeeded, its holds stay and `after` runs', async () => {
    store.failAppends({ at: 'after-commit', times: 1, streams: aggregateOnly });

    const result = await join_('m-1', 'ada');

    expect(store.injected).toHaveLength(1);
    expect(result).toMatchObject({ streamId: 'member-m-1', revision: 0n, events: [{ type: 'MemberJoined', revision: 0n }] });
    expect(result.position).toBe((await eventsOf('member-m-1'))[0].position);
    expect(surroundings).toEqual({ undone: 0, after: 1 });
    expect(((await rejection(join_('m-2', 'ada'))) as DomainError).code).toBe('NameTaken');
  });

  it('not appended (nothing in the stream): the holds are released, undo runs, and the caller hears StoreUnavailable', async () => {
    store.failAppends({ at: 'before', times: 1, streams: aggregateOnly });

    const error = await rejection(join_('m-1', 'ada'));

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).not.toBeInstanceOf(AppendOutcomeUnknownError);
    expect(await eventsOf('member-m-1')).toHaveLength(0);
    expect(surroundings).toEqual({ undone: 1, after: 0 });
    const reservation = await eventsOf(reservationStreamId(nameKey('ada'), SECRET));
    expect(reservation.map((e) => e.type)).toEqual(['ReservationClaimed', 'ReservationReleased']);
    await expect(join_('m-2', 'ada')).resolves.toMatchObject({ revision: 0n });
  });

  it('not appended (another command took the place): the lost race is retried like any other', async () => {
    store.failAppends({
      at: 'before',
      times: 1,
      streams: aggregateOnly,
      // Another process registers the same member meanwhile (without a name claim): our events can never land there.
      onHit: async () => void await inner.append('member-m-1', [{ eventId: newId(), type: 'MemberJoined', data: { memberId: 'm-1', name: 'bob' }, metadata: envelopeMetadata() }], 'no_stream'),
    });

    const result = await join_('m-1', 'ada');

    expect(result.events).toEqual([]);
    expect((await eventsOf('member-m-1')).map((e) => (e.data as { name: string }).name)).toEqual(['bob']);
    expect(surroundings.undone).toBe(1);
  });

  it('cannot tell (the stream cannot be read either): every hold stays, the caller hears the outcome is unknown', async () => {
    store.failAppends({ at: 'after-commit', times: 1, streams: aggregateOnly, onHit: () => store.unavailable() });

    const error = await rejection(join_('m-1', 'ada', 'key-1'));

    expect(error).toBeInstanceOf(AppendOutcomeUnknownError);
    expect(surroundings).toEqual({ undone: 0, after: 0 });
    store.available();
    const reservation = await eventsOf(reservationStreamId(nameKey('ada'), SECRET));
    expect(reservation.map((e) => e.type)).toEqual(['ReservationClaimed']);
    expect(((await rejection(join_('m-2', 'ada'))) as DomainError).code).toBe('NameTaken');
  });

  it('cannot tell, and it was appended: a retry with the same Idempotency-Key answers the original result and appends nothing', async () => {
    store.failAppends({ at: 'after-commit', times: 1, streams: aggregateOnly, onHit: () => store.unavailable() });
    await rejection(join_('m-1', 'ada', 'key-1'));
    store.available();
    const logged = await eventsOf('member-m-1');

    const retried = await join_('m-1', 'ada', 'key-1');

    expect(retried).toMatchObject({ revision: 0n, position: logged[0].position, events: [{ type: 'MemberJoined', revision: 0n }] });
    expect(await eventsOf('member-m-1')).toHaveLength(1);
  });

  it('cannot tell, and it was not appended: the retry finds the name still held for it and goes ahead', async () => {
    store.failAppends({ at: 'before', times: 1, streams: aggregateOnly, onHit: () => store.unavailable() });
    expect(await rejection(join_('m-1', 'ada', 'key-1'))).toBeInstanceOf(AppendOutcomeUnknownError);
    store.available();

    await expect(join_('m-1', 'ada', 'key-1')).resolves.toMatchObject({ revision: 0n });
    expect(await eventsOf('member-m-1')).toHaveLength(1);
  });

  it('cannot tell, never appended: the name is taken over by someone else once the claim is abandoned (30 s)', async () => {
    store.failAppends({ at: 'before', times: 1, streams: aggregateOnly, onHit: () => store.unavailable() });
    await rejection(join_('m-1', 'ada'));
    store.available();
    expect(((await rejection(join_('m-2', 'ada'))) as DomainError).code).toBe('NameTaken');

    clock.set('2026-01-01T00:00:31Z');
    await expect(join_('m-2', 'ada')).resolves.toMatchObject({ revision: 0n });
  });

  it('a definite failure of the append (nothing written) releases as before and passes the error on', async () => {
    store.failAppends({ at: 'before', times: 1, streams: aggregateOnly, error: () => new StoreUnavailableError('refused') });

    expect(await rejection(join_('m-1', 'ada'))).toMatchObject({ message: 'refused' });
    expect(surroundings.undone).toBe(1);
    await expect(join_('m-2', 'ada')).resolves.toMatchObject({ revision: 0n });
  });
});

function envelopeMetadata() {
  return { occurredAt: '2026-01-01T00:00:00.000Z', actor: { type: 'system' as const, id: 'other' }, correlationId: 'c', causationId: 'c', command: 'Join', schemaVersion: 1 };
}
