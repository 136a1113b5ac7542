import type { RecordedEvent } from '../shared/event';
import type { EventStore } from './event-store.port';

export interface ReadPagesOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start. */
  after?: bigint;
  /** Only events of these types are delivered (and each page's last event, whatever its type). Omitted: every event. */
  types?: ReadonlySet<string>;
  /** How many events of the log one page covers (delivered or skipped). */
  pageSize: number;
  /**
   * Events this picks (by type, stream and stored JSON text) may come with their data left unparsed,
   * as that text in `EventPage.texts`: for a reader that parses it elsewhere (the decrypting store,
   * on its worker). Only an adapter that reads the text itself does so; the others parse as always.
   */
  unparsed?: (type: string, streamId: string, text: string) => boolean;
}

/**
 * A stretch of the log, read in one go: the events of the asked types, in order, followed by the
 * stretch's last event whatever its type, so a reader's position moves to the end of what was read
 * even when nothing in it was for him. `covered` counts every event of the stretch, skipped or not.
 * The events belong to the reader: fresh objects, never handed to anyone else, so they may be
 * changed in place (the decrypting store opens their data there).
 */
export interface EventPage {
  events: RecordedEvent[];
  covered: number;
  /** Where `unparsed` picked an event: its data's stored JSON text, at the event's index; that event's `data` is undefined until the reader sets it. */
  texts?: (string | undefined)[];
}

/** An adapter (or a layer over one) that reads the log a page at a time, skipping unwanted types before making events of them. */
export interface PagedEventReader {
  readPages(options: ReadPagesOptions): AsyncIterable<EventPage>;
}

const readsPages = (store: EventStore): store is EventStore & PagedEventReader =>
  typeof (store as Partial<PagedEventReader>).readPages === 'function';

/**
 * The log after a position in pages: the store's own paged read when it has one (the embedded log
 * skips other types in SQL), else its `readAll` grouped into pages and filtered here.
 */
export function readPages(store: EventStore, options: ReadPagesOptions): AsyncIterable<EventPage> {
  return readsPages(store) ? store.readPages(options) : pagesOf(store.readAll({ after: options.after }), options);
}

async function* pagesOf(source: AsyncIterable<RecordedEvent>, { types, pageSize }: ReadPagesOptions): AsyncIterable<EventPage> {
  let events: RecordedEvent[] = [];
  let covered = 0;
  let last: RecordedEvent | undefined;
  for await (const event of source) {
    covered += 1;
    last = event;
    const wanted = types === undefined || types.has(event.type);
    if (wanted) events.push(event);
    if (covered === pageSize) {
      if (!wanted) events.push(event);
      yield { events, covered };
      events = [];
      covered = 0;
      last = undefined;
    }
  }
  if (last !== undefined) {
    if (events[events.length - 1] !== last) events.push(last);
    yield { events, covered };
  }
}

/**
 * `readPages`, with the first page covering `first` events and each next one twice the one before,
 * up to `pageSize`: a reader that hands each page to other work before using it (the decrypting
 * store's worker) waits for a short first page only, and that work keeps ahead from then on.
 */
export async function* readGrowingPages(store: EventStore, options: ReadPagesOptions, first: number): AsyncIterable<EventPage> {
  let after = options.after;
  for (let size = Math.min(first, options.pageSize); size < options.pageSize; size = Math.min(2 * size, options.pageSize)) {
    let page: EventPage | undefined;
    for await (const read of readPages(store, { ...options, after, pageSize: size })) {
      page = read;
      break;
    }
    if (page === undefined) return;
    yield page;
    if (page.covered < size) return;
    after = page.events[page.events.length - 1].position;
  }
  yield* readPages(store, { ...options, after });
}
