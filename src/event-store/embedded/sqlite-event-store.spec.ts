import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent, RecordedEvent } from '../../shared/event';
import { ExpectedRevision, WrongExpectedRevisionError } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

const event = (eventId = randomUUID()): NewEvent => ({
  eventId,
  type: 'ProbeRecorded',
  data: { n: 1 },
  metadata: { occurredAt: '2025-03-14T09:26:53.589Z', actor: { type: 'token', id: 't' }, correlationId: 'c', causationId: 'c', command: 'Probe', schemaVersion: 1 },
});

async function collect(items: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('SqliteEventStore: event ids already stored in another stream', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-sqlite-store-'));
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open({ file: join(folder, `${randomUUID()}.sqlite`) });
  });
  afterEach(() => store.close());
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each<[string, (stored: NewEvent) => NewEvent[], ExpectedRevision]>([
    ['as the first event, expecting no stream', (stored) => [stored], 'no_stream'],
    ['after a new event, expecting no stream', (stored) => [event(), stored], 'no_stream'],
    ['after a new event, expecting the exact revision', (stored) => [event(), stored], 0n],
  ])('%s: refused as a conflict, nothing of it stored, the appends committed with it kept', async (_case, eventsFor, expected) => {
    const stored = event();
    await store.append('a', [stored], 'no_stream');
    if (expected === 0n) await store.append('b', [event()], 'no_stream');

    const [refused, kept] = await Promise.allSettled([store.append('b', eventsFor(stored), expected), store.append('c', [event()], 'no_stream')]);

    expect(refused.status === 'rejected' && refused.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(kept.status).toBe('fulfilled');
    expect((await collect(store.readStream('b'))).length).toBe(expected === 0n ? 1 : 0);
    expect((await collect(store.readAll())).map((e) => e.streamId)).toEqual(expected === 0n ? ['a', 'b', 'c'] : ['a', 'c']);
  });
});
