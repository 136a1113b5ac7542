import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { EncryptingEventStore } from '../../src/privacy/encrypting-event-store';
import { KeyRing } from '../../src/privacy/key-ring';
import { studentPersonalData } from '../../src/privacy/personal-data-catalog';
import { SqliteKeyStore } from '../../src/privacy/sqlite-key-store';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import {
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  ExpectedRevision,
  InvalidPositionError,
  Subscription,
  WrongExpectedRevisionError,
} from '../../src/event-store/event-store.port';
import { chainHashes } from '../../src/event-store/hash-chain';
import { EventMetadata, NewEvent, RecordedEvent } from '../../src/shared/event';

interface ContractOptions {
  /** The store starts empty (embedded); EventStoreDB is shared between runs, so positions are only compared relatively. */
  freshLog: boolean;
}

/**
 * A shared server (the compose EventStoreDB the service also reads) can take this suite: its events
 * have types no projection handles, and its streams a prefix of their own per run.
 */
const RUN = randomUUID().slice(0, 8);
export const CONTRACT_TYPES = { registered: 'ContractProbeRegistered', renamed: 'ContractProbeRenamed', admitted: 'ContractProbeAdmitted' };

const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  occurredAt: '2025-03-14T09:26:53.589Z',
  actor: { type: 'token', id: 'sis-sync', actingUserId: 'user-Zoë' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  command: 'ContractProbe',
  schemaVersion: 1,
  ...overrides,
});

// Event ids are UUIDs: EventStoreDB accepts nothing else.
const newEvent = (data: unknown = { n: 1 }, type = CONTRACT_TYPES.registered): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: metadata(),
});
const newEvents = (count: number): NewEvent[] => Array.from({ length: count }, (_, n) => newEvent({ n }));
const streamId = (name = 'probe'): string => `contract_${RUN}_${name}-${randomUUID()}`;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function eventually(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Pulls a subscription in the background, as a projector does, keeping the events of the given streams. */
function consume(subscription: Subscription, streams: Set<string>, onEvent?: (event: RecordedEvent) => void) {
  const seen: RecordedEvent[] = [];
  const done = (async () => {
    for await (const event of subscription) {
      if (streams.has(event.streamId)) seen.push(event);
      onEvent?.(event);
    }
  })();
  return { seen, done };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject');
}

export function eventStoreContract(openStore: () => Promise<EventStore>, { freshLog }: ContractOptions): void {
  // Listed as skipped (with the reason) where the log is shared, never silently absent.
  const onFreshLog = (name: string, test: () => Promise<void>) =>
    freshLog ? it(name, test) : it.skip(`${name} (skipped: needs an empty log; this one is shared)`, test);
  let store: EventStore;
  const subscriptions: Subscription[] = [];
  const subscribe = (after?: bigint): Subscription => {
    const subscription = store.subscribeToAll(after === undefined ? {} : { after });
    subscriptions.push(subscription);
    return subscription;
  };
  const ownEvents = async (after: bigint, streams: string[]): Promise<RecordedEvent[]> =>
    (await collect(store.readAll({ after }))).filter((e) => streams.includes(e.streamId));

  beforeEach(async () => {
    store = await openStore();
  });
  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((s) => s.close()));
    await store.close();
  });

  describe('append', () => {
    it('appends to a new stream at revision 0 and returns the global position of the event', async () => {
      const stream = streamId();
      const event = newEvent({ name: 'Zoë' });

      const result = await store.append(stream, [event], 'no_stream');

      expect(result.nextRevision).toBe(0n);
      expect(typeof result.position).toBe('bigint');
      expect(result.position).toBeGreaterThan(0n);
      const [stored] = await collect(store.readStream(stream));
      expect(stored).toEqual({ ...event, streamId: stream, revision: 0n, position: result.position, hash: chainHashes(null, [event])[0] });
    });

    it('returns the revision and position of the last event of a batch', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(2), 'no_stream');

      const result = await store.append(stream, newEvents(3), 1n);

      const stored = await collect(store.readStream(stream));
      expect(stored.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(result).toEqual({ nextRevision: 4n, position: stored[4].position });
    });

    const conflicts: Array<[string, number, ExpectedRevision, bigint | null]> = [
      ['no_stream on a stream that exists', 2, 'no_stream', 1n],
      ['stream_exists on a stream that does not', 0, 'stream_exists', null],
      ['an exact revision below the actual one', 2, 0n, 1n],
      ['an exact revision above the actual one', 2, 5n, 1n],
      ['an exact revision on a stream that does not exist', 0, 0n, null],
    ];
    it.each(conflicts)('refuses %s, reporting the actual revision', async (_case, existing, expected, actual) => {
      const stream = streamId();
      if (existing > 0) await store.append(stream, newEvents(existing), 'no_stream');

      const error = await rejection(store.append(stream, newEvents(1), expected));

      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: stream, expected, actual });
      expect(await collect(store.readStream(stream))).toHaveLength(existing);
    });

    it('appends with stream_exists and with the exact revision when they hold', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(1), 'no_stream');

      expect((await store.append(stream, newEvents(1), 'stream_exists')).nextRevision).toBe(1n);
      expect((await store.append(stream, newEvents(2), 1n)).nextRevision).toBe(3n);
    });

    it('appends with any whether the stream exists or not', async () => {
      const stream = streamId();

      expect((await store.append(stream, newEvents(1), 'any')).nextRevision).toBe(0n);
      expect((await store.append(stream, newEvents(2), 'any')).nextRevision).toBe(2n);
    });

    it.each<[string, ExpectedRevision, number]>([
      ['the same exact revision', 0n, 1],
      ['no_stream', 'no_stream', 0],
    ])('lets exactly one of two concurrent appends with %s win, every time', async (_case, expected, existing) => {
      for (let round = 0; round < 20; round++) {
        const stream = streamId();
        if (existing > 0) await store.append(stream, newEvents(existing), 'no_stream');

        const outcomes = await Promise.allSettled([
          store.append(stream, newEvents(1), expected),
          store.append(stream, newEvents(1), expected),
        ]);

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const [lost] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(lost.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(lost.reason).toMatchObject({ actual: BigInt(existing) });
        expect(await collect(store.readStream(stream))).toHaveLength(existing + 1);
      }
    });

    it('refuses an append holding the same event id twice, and appends none of it', async () => {
      const stream = streamId();
      const event = newEvent();

      const error = await rejection(store.append(stream, [event, newEvent(), { ...event }], 'any'));

      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ streamId: stream, eventId: event.eventId });
      expect(await collect(store.readStream(stream))).toEqual([]);
    });

    it.each<[string, () => NewEvent[]]>([
      ['data that cannot be serialised', () => [newEvent({ tooBig: 1n })]],
      ['the same event id twice', () => { const event = newEvent(); return [event, { ...event }]; }],
    ])('does not fail an append made at the same time as one with %s', async (_case, badEvents) => {
      const good = streamId();
      const [, goodResult] = await Promise.allSettled([
        store.append(streamId(), badEvents(), 'any'),
        store.append(good, newEvents(2), 'no_stream'),
      ]);

      expect(goodResult).toMatchObject({ status: 'fulfilled', value: { nextRevision: 1n } });
      expect(await collect(store.readStream(good))).toHaveLength(2);
    });
  });

  describe('idempotent appends', () => {
    it.each<[string, number, (existing: number) => ExpectedRevision]>([
      ['no_stream', 0, () => 'no_stream'],
      ['an exact revision', 3, (existing) => BigInt(existing - 1)],
    ])('answers a repeat at %s with the first result and appends nothing', async (_case, existing, expectedFor) => {
      const stream = streamId();
      if (existing > 0) await store.append(stream, newEvents(existing), 'no_stream');
      const before = await store.headPosition();
      const events = newEvents(2);

      const first = await store.append(stream, events, expectedFor(existing));
      const repeat = await store.append(stream, events.map((e) => ({ ...e })), expectedFor(existing));

      expect(repeat).toEqual(first);
      expect(await collect(store.readStream(stream))).toHaveLength(existing + 2);
      expect((await ownEvents(before, [stream])).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    });

    it('treats the same ids at another expected revision as a conflict, not a repeat', async () => {
      const stream = streamId();
      const events = newEvents(2);
      await store.append(stream, events, 'no_stream');

      const error = await rejection(store.append(stream, events, 5n));

      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: stream, expected: 5n, actual: 1n });
    });
  });

  describe('hash chain', () => {
    it("gives every event a hash chained to its stream's previous one, across appends, batches and concurrent writers", async () => {
      const stream = streamId();
      await store.append(stream, newEvents(2), 'no_stream');
      await Promise.allSettled([store.append(stream, [newEvent({ n: 'a' })], 'any'), store.append(stream, [newEvent({ n: 'b' })], 'any')]);
      await store.append(stream, newEvents(3), 'stream_exists');

      const events = await collect(store.readStream(stream));
      const expected = chainHashes(null, events);

      expect(events.length).toBeGreaterThanOrEqual(6);
      expect(events.map((e) => e.hash)).toEqual(expected);
    });
  });

  describe('readStream', () => {
    let stream: string;
    beforeEach(async () => {
      stream = streamId();
      await store.append(stream, newEvents(10), 'no_stream');
    });
    const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
      (await collect(store.readStream(stream, options))).map((e) => e.revision);

    it('reads forwards from a revision, inclusive, up to maxCount', async () => {
      expect(await revisions({ fromRevision: 3n, maxCount: 4 })).toEqual([3n, 4n, 5n, 6n]);
      expect(await revisions({})).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
      expect(await revisions({ fromRevision: 8n })).toEqual([8n, 9n]);
      expect(await revisions({ fromRevision: 10n })).toEqual([]);
    });

    it('reads backwards from a revision, inclusive, or from the end', async () => {
      expect(await revisions({ direction: 'backwards', fromRevision: 7n, maxCount: 3 })).toEqual([7n, 6n, 5n]);
      expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([9n, 8n]);
      expect(await revisions({ direction: 'backwards', fromRevision: 1n })).toEqual([1n, 0n]);
    });

    it('reads a stream that does not exist as empty, in both directions', async () => {
      expect(await collect(store.readStream(streamId()))).toEqual([]);
      expect(await collect(store.readStream(streamId(), { direction: 'backwards', maxCount: 1 }))).toEqual([]);
    });
  });

  describe('global order', () => {
    it('gives appends across streams strictly increasing positions, and readAll returns them in that order', async () => {
      const before = await store.headPosition();
      const [a, b, c] = [streamId(), streamId(), streamId()];
      const results: AppendResult[] = [];
      for (const [stream, expected] of [[a, 'no_stream'], [b, 'no_stream'], [a, 0n], [c, 'any'], [b, 0n]] as const) {
        results.push(await store.append(stream, newEvents(1), expected));
      }

      const positions = results.map((r) => r.position);
      expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
      expect(new Set(positions).size).toBe(5);
      const read = await ownEvents(before, [a, b, c]);
      expect(read.map((e) => [e.streamId, e.revision, e.position])).toEqual([
        [a, 0n, positions[0]],
        [b, 0n, positions[1]],
        [a, 1n, positions[2]],
        [c, 0n, positions[3]],
        [b, 1n, positions[4]],
      ]);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(positions[4]);
    });

    it('reads strictly after `after`, up to maxCount', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(5), 'no_stream');
      const positions = (await collect(store.readStream(stream))).map((e) => e.position);

      const after = await collect(store.readAll({ after: positions[1] }));
      expect(after[0].position).toBeGreaterThan(positions[1]);
      expect(after.filter((e) => e.streamId === stream).map((e) => e.position)).toEqual(positions.slice(2));
      const page = await collect(store.readAll({ after: positions[1], maxCount: 2 }));
      expect(page).toHaveLength(2);
      expect(page).toEqual(after.slice(0, 2));
      expect(await collect(store.readAll({ after: await store.headPosition() }))).toEqual([]);
    });

    onFreshLog('starts empty: head 0, nothing to read', async () => {
      expect(await store.headPosition()).toBe(0n);
      expect(await collect(store.readAll())).toEqual([]);
    });

    it('refuses positions from 2^63 up (int64 on every backend) with InvalidPosition, for reads and subscriptions', async () => {
      const tooLarge = 2n ** 63n;
      await expect(collect(store.readAll({ after: tooLarge }))).rejects.toBeInstanceOf(InvalidPositionError);
      await expect(collect(store.readAll({ after: -1n }))).rejects.toBeInstanceOf(InvalidPositionError);
      expect(() => store.subscribeToAll({ after: tooLarge })).toThrow(InvalidPositionError);
      expect(await collect(store.readAll({ after: tooLarge - 1n }))).toEqual([]);
    });
  });

  describe('subscribeToAll', () => {
    it('delivers every later event once, in order, including those appended while it catches up, then turns caughtUp', async () => {
      const [a, b] = [streamId(), streamId()];
      const appended: bigint[] = [];
      const appendTo = async (stream: string, count: number) => {
        for (let i = 0; i < count; i++) appended.push((await store.append(stream, newEvents(1), 'any')).position);
      };
      await appendTo(a, 3);
      await appendTo(b, 2);
      const from = appended[0];

      const subscription = subscribe(from);
      const { seen, done } = consume(subscription, new Set([a, b]));
      await appendTo(b, 3);
      await appendTo(a, 2);
      await eventually(() => subscription.caughtUp, 'the subscription is caught up');
      await appendTo(a, 4);
      // Nothing may arrive twice or late: a last event, once it is seen, shows everything before it was delivered.
      await appendTo(b, 1);
      await eventually(() => seen.some((e) => e.position === appended[appended.length - 1]), 'the last event arrived');

      expect(seen.map((e) => e.position)).toEqual(appended.slice(1));
      expect(subscription.caughtUp).toBe(true);
      await subscription.close();
      await done;
    });

    it('is not caughtUp while it delivers events that were in the log when it started', async () => {
      const stream = streamId();
      const before = await store.headPosition();
      await store.append(stream, newEvents(4), 'no_stream');
      const headAtStart = await store.headPosition();
      const caughtUpBeforeHead: bigint[] = [];

      const subscription = subscribe(before);
      const { seen, done } = consume(subscription, new Set([stream]), (event) => {
        if (event.position < headAtStart && subscription.caughtUp) caughtUpBeforeHead.push(event.position);
      });
      await eventually(() => seen.length === 4 && subscription.caughtUp, 'every event arrived and it is caught up');

      expect(caughtUpBeforeHead).toEqual([]);
      await subscription.close();
      await done;
    });

    it('with a types hint, delivers every event of those types once, in order, and reaches the head of the log', async () => {
      const stream = streamId();
      const before = await store.headPosition();
      const { registered, renamed } = CONTRACT_TYPES;
      const types = [registered, renamed, registered, renamed, renamed];
      const positions: bigint[] = [];
      for (const type of types) positions.push((await store.append(stream, [newEvent({ type }, type)], 'any')).position);
      const wanted = positions.filter((_, i) => types[i] === registered);

      const subscription = store.subscribeToAll({ after: before, types: new Set([registered]) });
      subscriptions.push(subscription);
      const { seen, done } = consume(subscription, new Set([stream]));
      await eventually(() => subscription.caughtUp && seen.some((e) => e.position === positions[positions.length - 1]), 'the head of the log arrived');

      expect(seen.filter((e) => e.type === registered).map((e) => e.position)).toEqual(wanted);
      expect(new Set(seen.map((e) => e.position)).size).toBe(seen.length);
      const delivered = seen.map((e) => e.position);
      expect([...delivered].sort((a, b) => (a < b ? -1 : 1))).toEqual(delivered);
      await subscription.close();
      await done;
    });

    it('turns caughtUp without delivering anything up to the head when it starts there, then delivers what follows', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(2), 'no_stream');
      const head = await store.headPosition();
      const delivered: RecordedEvent[] = [];
      const subscription = subscribe(head);
      const { seen, done } = consume(subscription, new Set([stream]), (event) => delivered.push(event));

      await eventually(() => subscription.caughtUp, 'the subscription is caught up');
      const next = await store.append(stream, newEvents(1), 1n);
      await eventually(() => seen.length === 1, 'the next event arrived');

      // On a shared log others may append meanwhile; nothing at or before the head may come.
      expect(delivered.filter((e) => e.position <= head)).toEqual([]);
      expect(seen.map((e) => e.position)).toEqual([next.position]);
      if (freshLog) expect(delivered).toEqual(seen);
      await subscription.close();
      await done;
    });

    it('ends iteration when closed, while waiting for events and mid-stream', async () => {
      const stream = streamId();
      const before = await store.headPosition();
      const waiting = subscribe(before);
      const { seen, done } = consume(waiting, new Set([stream]));
      await eventually(() => waiting.caughtUp, 'the subscription is caught up');

      await waiting.close();
      await done;
      await store.append(stream, newEvents(3), 'no_stream');
      expect(seen).toEqual([]);

      const reading = subscribe(before);
      const received: RecordedEvent[] = [];
      for await (const event of reading) {
        if (event.streamId !== stream) continue;
        received.push(event);
        await reading.close();
      }
      expect(received.map((e) => e.revision)).toEqual([0n]);
    });

    onFreshLog('delivers the whole log when subscribed without a position', async () => {
      const stream = streamId();
      await store.append(stream, newEvents(3), 'no_stream');

      const subscription = subscribe();
      const { seen, done } = consume(subscription, new Set([stream]));
      await eventually(() => seen.length === 3, 'every event arrived');

      expect(seen.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      await subscription.close();
      await done;
    });
  });

  describe('volume and exactness', () => {
    it('reads back 10,000 events over 100 streams intact', async () => {
      const before = await store.headPosition();
      const streams = Array.from({ length: 100 }, (_, s) => streamId(`probe${s}`));
      const written = new Map<string, { stream: string; revision: bigint; event: NewEvent }>();
      for (let batch = 0; batch < 4; batch++) {
        await Promise.all(
          streams.map((stream, s) => {
            const events = Array.from({ length: 25 }, (_, i) => {
              const n = batch * 25 + i;
              const event: NewEvent = {
                eventId: randomUUID(),
                type: n % 2 ? CONTRACT_TYPES.admitted : CONTRACT_TYPES.registered,
                data: {
                  student: { names: ['Zoë', 'Ångström', '学生', '🎓'], seq: n, school: { id: `s-${s}`, tags: [] } },
                  grades: [{ term: 1, score: 9.5 }, { term: 2, score: null }],
                  note: 'line\nbreak "quoted" \\ back\u0000slash',
                },
                metadata: metadata({
                  actor: { type: 'token', id: `token-${s}`, actingUserId: 'Łukasz-ß-🙂' },
                  idempotencyKey: `ключ-${s}-${n}`,
                  schemaVersion: 2,
                }),
              };
              written.set(event.eventId, { stream, revision: BigInt(n), event });
              return event;
            });
            return store.append(stream, events, batch === 0 ? 'no_stream' : BigInt(batch * 25 - 1));
          }),
        );
      }

      const read = await ownEvents(before, streams);

      expect(read).toHaveLength(10_000);
      const lastRevision = new Map<string, bigint>();
      let lastPosition = before;
      for (const event of read) {
        const expected = written.get(event.eventId);
        expect(expected).toBeDefined();
        expect(event).toEqual({ ...expected!.event, streamId: expected!.stream, revision: expected!.revision, position: event.position, hash: expect.any(String) });
        expect(event.position).toBeGreaterThan(lastPosition);
        expect(event.revision).toBe((lastRevision.get(event.streamId) ?? -1n) + 1n);
        lastPosition = event.position;
        lastRevision.set(event.streamId, event.revision);
      }
      const sample = streams[37];
      expect(await collect(store.readStream(sample))).toEqual(read.filter((e) => e.streamId === sample));
    }, 180_000);

    it('keeps revisions and positions as exact bigints everywhere', async () => {
      const stream = streamId();
      const result = await store.append(stream, newEvents(2), 'no_stream');
      const error = await rejection(store.append(stream, newEvents(1), 'no_stream'));
      const stored = await collect(store.readStream(stream));
      const subscription = subscribe(stored[0].position);
      const { seen, done } = consume(subscription, new Set([stream]));
      await eventually(() => seen.length === 1, 'the subscription delivered');

      const values = [
        result.nextRevision,
        result.position,
        (error as WrongExpectedRevisionError).actual,
        await store.headPosition(),
        ...stored.flatMap((e) => [e.revision, e.position]),
        ...(await collect(store.readAll({ after: stored[0].position }))).flatMap((e) => [e.revision, e.position]),
        ...seen.flatMap((e) => [e.revision, e.position]),
      ];
      expect(values.map((v) => typeof v)).toEqual(values.map(() => 'bigint'));
      expect(seen[0].position).toBe(stored[1].position);
      // Positions travel as strings in the HTTP API and must come back exact.
      const fromString = BigInt(String(stored[0].position));
      const [next] = (await collect(store.readAll({ after: fromString }))).filter((e) => e.streamId === stream);
      expect(next.position).toBe(result.position);
      await subscription.close();
      await done;
    });
  });
}

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
/** A new folder per store, removed after the file's suites. */
function freshFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-event-store-'));
  folders.push(folder);
  return folder;
}

describe('EventStore contract: embedded SQLite adapter', () => {
  eventStoreContract(async () => SqliteEventStore.open({ file: join(freshFolder(), 'events.sqlite') }), { freshLog: true });
});

describe('EventStore contract: the encrypting decorator (src/privacy) over the embedded adapter', () => {
  eventStoreContract(
    async () => {
      const folder = freshFolder();
      const keys = await KeyRing.open(SqliteKeyStore.open(join(folder, 'keys.sqlite')), randomBytes(32), { origin: 'test' });
      return new EncryptingEventStore(SqliteEventStore.open({ file: join(folder, 'events.sqlite') }), keys, studentPersonalData);
    },
    { freshLog: true },
  );
});

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
(connectionString ? describe : describe.skip)(
  connectionString
    ? 'EventStore contract: EventStoreDB adapter'
    : 'EventStoreDB adapter (skipped: EVENTSTORE_CONNECTION_STRING not set)',
  () => {
    eventStoreContract(async () => EsdbEventStore.connect(connectionString ?? ''), { freshLog: false });
  },
);
