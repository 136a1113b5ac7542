import { FakeEsdbClient } from '../../../test/support/fake-esdb-client';
import { RecordedEvent } from '../../shared/event';
import { Subscription } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';
import { SEARCH_WINDOW, typesRegex } from './esdb-subscription';

async function eventually(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('EventStoreDB subscription with a types hint (the server filters, the head is still delivered)', () => {
  let fake: FakeEsdbClient;
  let store: EsdbEventStore;
  let subscription: Subscription | undefined;
  const seen: RecordedEvent[] = [];
  let done: Promise<void> = Promise.resolve();
  const subscribe = (after?: bigint) => {
    subscription = store.subscribeToAll({ after, types: new Set(['Wanted']) });
    const source = subscription;
    done = (async () => {
      for await (const event of source) seen.push(event);
    })();
    return source;
  };
  const positions = () => seen.map((e) => e.position);
  beforeEach(() => {
    fake = new FakeEsdbClient();
    store = EsdbEventStore.withClient(fake.asClient());
    seen.length = 0;
  });
  afterEach(async () => {
    await subscription?.close();
    await done;
    await store.close();
  });

  it('asks the server for the types only, with checkpoints', async () => {
    fake.add('s-1', 'Wanted');
    subscribe();
    await eventually(() => fake.subscribeCalls.length === 1, 'it subscribed');

    const { filter } = fake.subscribeCalls[0];
    expect(filter).toMatchObject({ regex: '^(?:Wanted)$', maxSearchWindow: SEARCH_WINDOW, checkpointInterval: 1 });
    expect(filter?.checkpointReached).toBeInstanceOf(Function);
    expect(typesRegex(new Set(['B.x', 'A$']))).toBe('^(?:A\\$|B\\.x)$');
  });

  it('delivers the wanted events in order, then the head of the log, then turns caughtUp', async () => {
    const wanted = [fake.add('s-1', 'Wanted'), fake.add('s-2', 'Other'), fake.add('s-1', 'Wanted')];
    for (let i = 0; i < 70; i++) fake.add(`s-${i}`, 'Other');
    fake.add('$ce-s', '$>');
    const headEvent = fake.log.filter((e) => e.type === 'Other').at(-1)!;

    const source = subscribe();
    await eventually(() => source.caughtUp, 'it is caught up');

    expect(positions()).toEqual([wanted[0].position, wanted[2].position, headEvent.position]);
    expect(seen.map((e) => e.type)).toEqual(['Wanted', 'Wanted', 'Other']);
  });

  it('keeps delivering in order afterwards, and the checkpoints keep its position within a window of the head', async () => {
    const source = subscribe();
    await eventually(() => source.caughtUp, 'it is caught up');
    const later = fake.add('s-1', 'Wanted');
    await eventually(() => positions().includes(later.position), 'the live event arrived');

    // The server examined `later`, then these: its second checkpoint falls on the last of them.
    for (let i = 0; i < SEARCH_WINDOW * 2 - 1; i++) fake.add(`s-${i}`, 'Other');
    const afterWindows = fake.log.at(-1)!;
    await eventually(() => positions().at(-1) === afterWindows.position, 'the position reached the last checkpoint');
    const last = fake.add('s-1', 'Wanted');
    await eventually(() => positions().at(-1) === last.position, 'the next wanted event arrived');

    const delivered = positions();
    expect([...delivered].sort((a, b) => (a < b ? -1 : 1))).toEqual(delivered);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(seen.filter((e) => e.type === 'Wanted').map((e) => e.position)).toEqual([later.position, last.position]);
  });

  it('starts strictly after its position and does not repeat what it delivered while filling up to the head', async () => {
    const first = fake.add('s-1', 'Wanted');
    const second = fake.add('s-1', 'Wanted');
    fake.add('s-2', 'Other');
    const source = subscribe(first.position);
    await eventually(() => source.caughtUp, 'it is caught up');

    expect(positions()).toEqual([second.position, fake.log.at(-1)!.position]);
  });
});

describe('EventStoreDB store with a stream prefix (tests sharing one server)', () => {
  it('writes under its prefix and sees only its own streams, without the prefix', async () => {
    const fake = new FakeEsdbClient();
    const store = EsdbEventStore.withClient(fake.asClient(), { streamPrefix: 'run1_' });
    fake.add('run2_student-1', 'Wanted');
    const result = await store.append('student-1', [
      {
        eventId: '00000000-0000-4000-8000-000000000001',
        type: 'Wanted',
        data: {},
        metadata: { occurredAt: '2025-01-01T00:00:00.000Z', actor: { type: 'system', id: 't' }, correlationId: 'c', causationId: 'c', command: 'C', schemaVersion: 1 },
      },
    ], 'any');
    fake.add('run2_student-1', 'Wanted');

    expect(fake.log.map((e) => e.streamId)).toEqual(['run2_student-1', 'run1_student-1', 'run2_student-1']);
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    expect(all.map((e) => [e.streamId, e.position])).toEqual([['student-1', result.position]]);
    expect(await store.headPosition()).toBe(result.position);

    const subscription = store.subscribeToAll({ types: new Set(['Wanted']) });
    const seen: RecordedEvent[] = [];
    const done = (async () => {
      for await (const event of subscription) seen.push(event);
    })();
    await eventually(() => subscription.caughtUp, 'it is caught up');
    expect(seen.map((e) => e.streamId)).toEqual(['student-1']);
    await subscription.close();
    await done;
    await store.close();
  });
});
