import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent } from '../shared/event';
import { newId } from '../shared/ids';
import { SqliteEventStore } from './embedded/sqlite-event-store';
import { EventPage, readGrowingPages, readPages, ReadPagesOptions } from './event-pages';
import { EventStore } from './event-store.port';
import { upcast } from './upcasting';
import { TEST_METADATA as metadata } from '../../test/support/event-builders';

const event = (type: string, n: number): NewEvent => ({ eventId: newId(), type, data: { n }, metadata });

/** The same store seen without its own paged read: what readPages does over any other adapter. */
const withoutPages = (store: EventStore): EventStore => ({
  append: (...args) => store.append(...args),
  readStream: (...args) => store.readStream(...args),
  readAll: (...args) => store.readAll(...args),
  subscribeToAll: (...args) => store.subscribeToAll(...args),
  headPosition: () => store.headPosition(),
  close: () => store.close(),
});

async function pagesOf(store: EventStore, options: ReadPagesOptions): Promise<{ events: [string, bigint, unknown][]; covered: number }[]> {
  const pages: EventPage[] = [];
  for await (const page of readPages(store, options)) pages.push(page);
  return pages.map((page) => ({ events: page.events.map((e) => [e.type, e.position, e.data]), covered: page.covered }));
}

describe('readPages', () => {
  let folder: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-pages-'));
    store = SqliteEventStore.open({ file: join(folder, 'events.sqlite') });
    // Positions 1…7: A B B A B B B
    await store.append('s-1', [event('A', 1), event('B', 2), event('B', 3)], 'no_stream');
    await store.append('s-2', [event('A', 4), event('B', 5), event('B', 6), event('B', 7)], 'no_stream');
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it.each([
    ['the embedded log (types skipped in SQL)', (s: EventStore) => s],
    ['any other adapter (readAll, filtered in memory)', withoutPages],
  ])('over %s: the wanted types, each page closed by its last event, covered counting the skipped ones', async (_, view) => {
    const source = view(store);
    expect(await pagesOf(source, { types: new Set(['A']), pageSize: 3 })).toEqual([
      { events: [['A', 1n, { n: 1 }], ['B', 3n, { n: 3 }]], covered: 3 },
      { events: [['A', 4n, { n: 4 }], ['B', 6n, { n: 6 }]], covered: 3 },
      { events: [['B', 7n, { n: 7 }]], covered: 1 },
    ]);
    expect(await pagesOf(source, { after: 4n, pageSize: 2 })).toEqual([
      { events: [['B', 5n, { n: 5 }], ['B', 6n, { n: 6 }]], covered: 2 },
      { events: [['B', 7n, { n: 7 }]], covered: 1 },
    ]);
    expect(await pagesOf(source, { after: 7n, types: new Set(['A']), pageSize: 3 })).toEqual([]);
  });

  it.each([
    ['the embedded log', (s: EventStore) => s],
    ['any other adapter', withoutPages],
  ])('over %s: growing pages start at `first` events and double up to pageSize, delivering what readPages delivers', async (_, view) => {
    const source = view(store);
    const grown = async (options: ReadPagesOptions, first: number) => {
      const pages: { events: [string, bigint][]; covered: number }[] = [];
      for await (const page of readGrowingPages(source, options, first)) pages.push({ events: page.events.map((e) => [e.type, e.position]), covered: page.covered });
      return pages;
    };
    expect(await grown({ pageSize: 5 }, 1)).toEqual([
      { events: [['A', 1n]], covered: 1 },
      { events: [['B', 2n], ['B', 3n]], covered: 2 },
      { events: [['A', 4n], ['B', 5n], ['B', 6n], ['B', 7n]], covered: 4 },
    ]);
    expect(await grown({ types: new Set(['A']), pageSize: 4 }, 2)).toEqual([
      { events: [['A', 1n], ['B', 2n]], covered: 2 },
      { events: [['A', 4n], ['B', 6n]], covered: 4 },
      { events: [['B', 7n]], covered: 1 },
    ]);
    expect(await grown({ after: 5n, pageSize: 8 }, 4)).toEqual([{ events: [['B', 6n], ['B', 7n]], covered: 2 }]);
    expect(await grown({ after: 7n, pageSize: 8 }, 4)).toEqual([]);
  });

  it('events of a page keep their metadata through upcasting, and may be changed in place', async () => {
    for await (const { events } of readPages(store, { pageSize: 7 })) {
      const [first] = events;
      expect(upcast(first).metadata).toEqual(metadata);
      expect({ eventId: first.eventId, streamId: first.streamId, revision: first.revision }).toMatchObject({ streamId: 's-1', revision: 0n });
      first.data = { changed: true };
      expect(first.data).toEqual({ changed: true });
      expect(first.metadata).toEqual(metadata);
    }
  });
});

describe('readPages with `unparsed`', () => {
  let folder: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-pages-'));
    store = SqliteEventStore.open({ file: join(folder, 'events.sqlite') });
    await store.append('s-1', [event('A', 1), event('B', 2)], 'no_stream');
    await store.append('s-2', [event('A', 3)], 'no_stream');
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const picked = (type: string, streamId: string, text: string) => type === 'A' && streamId === 's-2' && text.includes('3');

  it('the embedded log leaves the picked events unparsed, their stored text at their index; the others are parsed as usual', async () => {
    const pages: EventPage[] = [];
    for await (const page of readPages(store, { pageSize: 5, unparsed: picked })) pages.push(page);
    expect(pages).toHaveLength(1);
    const [{ events, texts }] = pages;
    expect(events.map((e) => [e.type, e.position, e.data])).toEqual([['A', 1n, { n: 1 }], ['B', 2n, { n: 2 }], ['A', 3n, undefined]]);
    expect(texts?.[0]).toBeUndefined();
    expect(texts?.[1]).toBeUndefined();
    expect(JSON.parse(texts?.[2] ?? 'null')).toEqual({ n: 3 });
    expect(events[2].metadata).toEqual(metadata);
  });

  it('any other adapter ignores it: every event is parsed', async () => {
    const pages: EventPage[] = [];
    for await (const page of readPages(withoutPages(store), { pageSize: 5, unparsed: picked })) pages.push(page);
    expect(pages.flatMap((page) => page.events.map((e) => e.data))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(pages.every((page) => page.texts === undefined)).toBe(true);
  });
});
