import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_METADATA } from '../../test/support/event-builders';
import { DocumentStore } from '../read-store/document-store.port';
import { SqliteDocumentStore } from '../read-store/embedded/sqlite-document-store';
import { systemClock } from '../shared/clock';
import { Decider } from '../shared/decider';
import { DomainEvent, NewEvent } from '../shared/event';
import { newId } from '../shared/ids';
import { StudentWorkRecorded } from '../students/student-work.events';
import { studentDecider, StudentState } from '../students/student.decider';
import { studentSnapshot } from '../students/student.snapshot';
import { AggregateLoader, LoadedAggregate } from './aggregate-loader';
import { CommandHandling } from './command-handling';
import { SqliteEventStore } from './embedded/sqlite-event-store';
import { Reservations } from './reservations';
import { keyedAppendId, SnapshotCodec, SnapshotDocument, SNAPSHOTS } from './snapshots';

type Added = DomainEvent<'Added', { n: number }>;
interface Tally {
  count: number;
  total: number;
  last: number[];
}
const tallyDecider: Decider<Tally, { add: number }, Added> = {
  initialState: { count: 0, total: 0, last: [] },
  evolve: (state, event) => ({ count: state.count + 1, total: state.total + event.data.n, last: [...state.last, event.data.n].slice(-3) }),
  decide: (command) => [{ type: 'Added', data: { n: command.add } }],
};
const tallyCodec: SnapshotCodec<Tally> = {
  version: 1,
  encode: (state) => [state.count, state.total, state.last],
  decode: (json) => {
    const [count, total, last] = json as [number, number, number[]];
    return { count, total, last };
  },
};

const EVERY = 10;
const STREAM = 'tally-1';

describe('AggregateLoader snapshots (embedded stores)', () => {
  let dir: string;
  let events: SqliteEventStore;
  let documents: SqliteDocumentStore;

  /** A loader as a fresh process has it: nothing cached. */
  const coldLoader = (store: DocumentStore | null = documents) => {
    const loader = new AggregateLoader(events, store && { documents: store, every: EVERY });
    loader.useSnapshots(tallyDecider, tallyCodec);
    loader.useSnapshots(studentDecider, studentSnapshot);
    return loader;
  };
  /** The full fold, without snapshots. */
  const folded = <S>(decider: Decider<S, any, any, any>, streamId: string) => new AggregateLoader(events).load(decider, streamId);
  const added = (n: number, idempotencyKey?: string): NewEvent => ({
    eventId: newId(),
    type: 'Added',
    data: { n },
    metadata: { ...TEST_METADATA, ...(idempotencyKey ? { idempotencyKey, idempotencyScope: 'sis', requestHash: `hash-${idempotencyKey}` } : {}) },
  });
  const appendAdded = async (from: number, count: number, idempotencyKey?: string) => {
    const expected = from === 0 ? 'no_stream' : BigInt(from - 1);
    await events.append(STREAM, Array.from({ length: count }, (_, i) => added(from + i, idempotencyKey)), expected);
  };
  const snapshotDoc = (streamId = STREAM) => documents.collection<SnapshotDocument>(SNAPSHOTS).get(streamId);
  const plain = <S>(loaded: LoadedAggregate<S>) => ({ ...loaded, keyedAppends: [...loaded.keyedAppends] });
  /** The revisions the loader started reading the stream from. */
  const readsFrom = (loader: AggregateLoader) => {
    const spy = jest.spyOn(events, 'readStream');
    return async (load: () => Promise<unknown>) => {
      spy.mockClear();
      await load();
      await loader.flush();
      return spy.mock.calls.map(([, options]) => options?.fromRevision);
    };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-snapshots-'));
    events = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    documents = SqliteDocumentStore.open({ file: join(dir, 'read-models.sqlite') });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await events.close();
    await documents.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a cold load without a snapshot equals the full fold (and writes no snapshot below the threshold)', async () => {
    await appendAdded(0, EVERY - 1);
    const loader = coldLoader();
    expect(plain(await loader.load(tallyDecider, STREAM))).toEqual(plain(await folded(tallyDecider, STREAM)));
    await loader.flush();
    expect(await snapshotDoc()).toBeNull();
    expect(plain(await coldLoader(null).load(tallyDecider, STREAM))).toEqual(plain(await folded(tallyDecider, STREAM)));
  });

  it('writes a snapshot once the stream has grown past the threshold, and a cold load from it reads only the tail', async () => {
    await appendAdded(0, 12);
    const writer = coldLoader();
    await writer.load(tallyDecider, STREAM);
    await writer.flush();
    expect(await snapshotDoc()).toEqual({ streamId: STREAM, revision: '11', position: expect.any(String), version: 1, state: [12, 66, [9, 10, 11]], keyedAppends: [] });

    await appendAdded(12, 3);
    const cold = coldLoader();
    const from = readsFrom(cold);
    let loaded: LoadedAggregate<Tally> | undefined;
    // Read from the snapshot's own revision (checked to be where the snapshot says), then the tail.
    expect(await from(async () => (loaded = await cold.load(tallyDecider, STREAM)))).toEqual([11n]);
    expect(loaded?.state).toEqual({ count: 15, total: 105, last: [12, 13, 14] });
    expect(plain(loaded as LoadedAggregate<Tally>)).toEqual(plain(await folded(tallyDecider, STREAM)));
    // Only 3 events since the snapshot: none written; the warm load reads nothing new.
    expect((await snapshotDoc())?.revision).toBe('11');
    expect(await from(() => cold.load(tallyDecider, STREAM))).toEqual([15n]);
  });

  it('a cold load from a snapshot with no tail equals the full fold', async () => {
    await appendAdded(0, 20);
    const writer = coldLoader();
    await writer.load(tallyDecider, STREAM);
    await writer.flush();
    const cold = coldLoader();
    expect(plain(await cold.load(tallyDecider, STREAM))).toEqual(plain(await folded(tallyDecider, STREAM)));
  });

  it('writes the next snapshot after commands have grown the stream by the threshold again', async () => {
    await appendAdded(0, 12);
    const loader = coldLoader();
    const commands = new CommandHandling(events, loader, new Reservations(events, systemClock, Buffer.alloc(32, 7)), systemClock);
    const send = (add: number) =>
      commands.handle({ decider: tallyDecider, aggregateId: '1', streamId: STREAM, command: { add }, envelope: { commandName: 'Add', commandId: newId(), correlationId: newId(), actor: { type: 'system', id: 'test' } } });
    await send(100);
    await loader.flush();
    expect((await snapshotDoc())?.revision).toBe('11');
    for (let i = 0; i < EVERY - 2; i++) await send(i);
    await loader.flush();
    expect((await snapshotDoc())?.revision).toBe('11');
    await send(1000);
    await loader.flush();
    expect((await snapshotDoc())?.revision).toBe('21');
    expect(plain(await coldLoader().load(tallyDecider, STREAM))).toEqual(plain(await folded(tallyDecider, STREAM)));
  });

  it('ignores a snapshot of another codec version', async () => {
    await appendAdded(0, 5);
    const stale = { streamId: STREAM, revision: '4', position: '5', version: 0, state: [999, 999, []], keyedAppends: [] };
    await documents.collection(SNAPSHOTS).put(STREAM, stale);
    expect(plain(await coldLoader().load(tallyDecider, STREAM))).toEqual(plain(await folded(tallyDecider, STREAM)));
  });

  it('ignores a snapshot its stream does not match (a revision the stream does not reach, or another position)', async () => {
    await appendAdded(0, 5);
    const fold = plain(await folded(tallyDecider, STREAM));
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await documents.collection(SNAPSHOTS).put(STREAM, { streamId: STREAM, revision: '40', position: '41', version: 1, state: [999, 999, []], keyedAppends: [] });
    expect(plain(await coldLoader().load(tallyDecider, STREAM))).toEqual(fold);
    await documents.collection(SNAPSHOTS).put(STREAM, { streamId: STREAM, revision: '2', position: '999', version: 1, state: [999, 999, []], keyedAppends: [] });
    expect(plain(await coldLoader().load(tallyDecider, STREAM))).toEqual(fold);
    expect(warned).toHaveBeenCalledTimes(2);
  });

  it('keeps the keyed appends (idempotency recovery) from before the snapshot and after it', async () => {
    await appendAdded(0, 2, 'key-a');
    await appendAdded(2, 1, 'key-b');
    await appendAdded(3, 12);
    const writer = coldLoader();
    await writer.load(tallyDecider, STREAM);
    await writer.flush();
    expect((await snapshotDoc())?.keyedAppends.map(([key, , , , hash]) => [key, hash])).toEqual([[keyedAppendId('sis', 'key-a'), 'hash-key-a'], [keyedAppendId('sis', 'key-b'), 'hash-key-b']]);
    await appendAdded(15, 2, 'key-c');

    const loaded = await coldLoader().load(tallyDecider, STREAM);
    expect(plain(loaded)).toEqual(plain(await folded(tallyDecider, STREAM)));
    expect(loaded.keyedAppends.get(keyedAppendId('other-token', 'key-a'))).toBeUndefined();
    expect(loaded.keyedAppends.get(keyedAppendId('sis', 'key-a'))).toMatchObject({ revision: 1n, requestHash: 'hash-key-a', events: [{ type: 'Added', revision: 0n }, { type: 'Added', revision: 1n }] });
    expect(loaded.keyedAppends.get(keyedAppendId('sis', 'key-c'))).toMatchObject({ revision: 16n, events: [{ type: 'Added', revision: 15n }, { type: 'Added', revision: 16n }] });
  });

  it('keeps only the last 64 keyed appends in a snapshot', async () => {
    for (let i = 0; i < 70; i++) await appendAdded(i, 1, `key-${i}`);
    const writer = coldLoader();
    await writer.load(tallyDecider, STREAM);
    await writer.flush();
    const keys = (await snapshotDoc())?.keyedAppends.map(([key]) => key);
    expect(keys).toHaveLength(64);
    expect(keys?.[0]).toBe(keyedAppendId('sis', 'key-6'));
    expect(plain(await coldLoader().load(tallyDecider, STREAM))).toEqual(plain(await folded(tallyDecider, STREAM)));
  });

  it('never fails a load when the snapshot cannot be read or written', async () => {
    await appendAdded(0, 12);
    const broken = {
      collection: () => ({
        get: () => Promise.reject(new Error('read store down')),
        put: () => Promise.reject(new Error('read store down')),
      }),
    } as unknown as DocumentStore;
    const loader = coldLoader(broken);
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    expect(plain(await loader.load(tallyDecider, STREAM))).toEqual(plain(await folded(tallyDecider, STREAM)));
    await loader.flush();
    expect(logged).toHaveBeenCalledTimes(2);
  });

  it('loads a Student with a long work history from its snapshot as the full fold has it', async () => {
    const streamId = 'student-st-1';
    const register: NewEvent = { eventId: newId(), type: 'StudentRegistered', data: { studentId: 'st-1', districtId: 'd-1', username: 'jo', givenName: 'Jo', familyName: 'Smith' }, metadata: TEST_METADATA };
    const workEvent = (i: number): NewEvent => {
      const data: StudentWorkRecorded['data'] = { studentId: 'st-1', workId: `w-${i}`, completedAt: new Date(Date.UTC(2025, 8, 1, 0, i)).toISOString(), activity: `a-${i % 5}`, minutes: i % 30 };
      return { eventId: newId(), type: 'StudentWorkRecorded', data, metadata: TEST_METADATA };
    };
    await events.append(streamId, [register, ...Array.from({ length: 30 }, (_, i) => workEvent(i))], 'no_stream');
    await events.append(streamId, [{ eventId: newId(), type: 'StudentWorkAttributed', data: { studentId: 'st-1', workId: 'w-3', classroomId: 'c-1', reason: 'club' }, metadata: TEST_METADATA }], 30n);
    const writer = coldLoader();
    await writer.load(studentDecider, streamId);
    await writer.flush();
    expect((await snapshotDoc(streamId))?.revision).toBe('31');
    await events.append(streamId, [workEvent(100), workEvent(101)], 31n);

    const comparable = ({ state, ...rest }: LoadedAggregate<StudentState>) => ({
      ...plain(rest as LoadedAggregate<StudentState>),
      state: state.status === 'none' ? state : { ...state, work: [...state.work.entries()] },
    });
    expect(comparable(await coldLoader().load(studentDecider, streamId))).toEqual(comparable(await folded(studentDecider, streamId)));
  });
});

describe('AggregateLoader cache bounds (security.md "Smaller")', () => {
  const loaded = (revision: bigint): LoadedAggregate<Tally> => ({ state: tallyDecider.initialState, revision, position: revision, keyedAppends: new Map() });
  const unusedStore = {} as SqliteEventStore;

  it('holds at most the events folded it is given, dropping the oldest streams first', () => {
    const loader = new AggregateLoader(unusedStore, null, 100, 10);
    loader.remember('s-1', tallyDecider, loaded(4n));
    loader.remember('s-2', tallyDecider, loaded(4n));
    expect(loader.cached()).toEqual({ streams: 2, events: 10 });
    loader.remember('s-3', tallyDecider, loaded(2n));
    expect(loader.cached()).toEqual({ streams: 2, events: 8 });
    // A stream that grows is counted once, at its new size: 5 + 6 is over the bound, so s-2 goes.
    loader.remember('s-3', tallyDecider, loaded(5n));
    expect(loader.cached()).toEqual({ streams: 1, events: 6 });
  });

  it('keeps the state just stored even when it alone is over the bound, and forgets exactly', () => {
    const loader = new AggregateLoader(unusedStore, null, 100, 10);
    loader.remember('s-1', tallyDecider, loaded(3n));
    loader.remember('big', tallyDecider, loaded(50n));
    expect(loader.cached()).toEqual({ streams: 1, events: 51 });
    loader.forget('big');
    expect(loader.cached()).toEqual({ streams: 0, events: 0 });
  });
});
