import { NewEvent, RecordedEvent } from '../shared/event';
import { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, SubscribeOptions, Subscription } from '../event-store/event-store.port';
import { EventPage, PagedEventReader, readGrowingPages, ReadPagesOptions } from '../event-store/event-pages';
import { BoxOpener, KEY_BYTES, SealedDataRequest } from './box-opener';
import { aadTextOf, isSealed, openFields, SEALED, sealFields } from './event-cipher';
import { ERASED_KEY, KeyRing } from './key-ring';
import { openedEach } from './opened-events';
import { PersonalDataCatalog } from './personal-data-catalog';

/** A personal field would be stored for a student whose key was destroyed: refused, never stored in clear. */
export class SubjectErasedError extends Error {
  constructor(readonly subjectId: string) {
    super(`The personal data of ${subjectId} has been erased; no new personal data is stored for it.`);
    this.name = 'SubjectErasedError';
  }
}

type Data = Record<string, unknown>;

/** Events in a first page read for a reader: about the page the worker opens while the reader waits. */
const FIRST_PAGE = 500;

/** How a box's key reads in stored JSON. */
const SEALED_KEY_TEXT = `${JSON.stringify(SEALED)}:`;

/**
 * The EventStore every reader and writer uses (EVENT_STORE): personal fields are sealed with the
 * subject's key on append and opened on every read (ERASED once the key is destroyed), so deciders,
 * projections, audit answers and exports all see the same decrypted events. Events without
 * personal fields pass through untouched. The adapter underneath stays available as RAW_EVENT_STORE.
 */
export class EncryptingEventStore implements EventStore, PagedEventReader {
  constructor(
    private readonly inner: EventStore,
    private readonly keys: KeyRing,
    private readonly catalog: PersonalDataCatalog,
    private readonly opener = new BoxOpener(),
  ) {}

  append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    // Most appends hold no personal field: handed on as they are, without waiting a turn per event.
    if (!events.some((event) => this.personalFieldsOf(streamId, event))) return this.inner.append(streamId, events, expectedRevision);
    return this.sealAndAppend(streamId, events, expectedRevision);
  }

  private async sealAndAppend(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await this.seal(streamId, event));
    return this.inner.append(streamId, sealed, expectedRevision);
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return openedEach(() => this.inner.readStream(streamId, options), this.openEventSync, this.openEvent);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return openedEach(() => this.inner.readAll(options), this.openEventSync, this.openEvent);
  }

  private readonly openEventSync = (event: RecordedEvent) => this.openSync(event);
  private readonly openEvent = (event: RecordedEvent) => this.open(event);

  /**
   * The adapter's pages with each event opened in place (a page's events are its reader's own, so
   * nothing is copied). The next page is read and handed to the opener before this one is yielded,
   * so a large page is decrypted on the opener's worker while the reader applies the one before.
   * Sealed events come from the adapter unparsed when it can: the worker parses, opens and puts
   * their fields back, and answers the page's opened data as one JSON text, parsed here once. The
   * first pages are short and grow, so the reader waits for little before the worker is ahead.
   */
  async *readPages(options: ReadPagesOptions): AsyncIterable<EventPage> {
    const pages = readGrowingPages(this.inner, { ...options, unparsed: this.maybeSealed }, FIRST_PAGE)[Symbol.asyncIterator]();
    try {
      let next = await pages.next();
      let opening = next.done ? null : this.openPage(next.value);
      while (opening) {
        next = await pages.next();
        const following = next.done ? null : this.openPage(next.value);
        // Its failure is thrown when it is awaited; until then (or if the reader stops first) it is not unhandled.
        following?.catch(() => undefined);
        yield await opening;
        opening = following;
      }
    } finally {
      await pages.return?.();
    }
  }

  /** Stored data that may hold a box: only a key can hold this text unescaped in JSON, so anything else is parsed as usual. */
  private readonly maybeSealed = (type: string, streamId: string, text: string): boolean =>
    this.catalog.fieldsOf(type) !== undefined && this.catalog.subjectOf(streamId) !== undefined && text.includes(SEALED_KEY_TEXT);

  private async openPage(page: EventPage): Promise<EventPage> {
    const { events, texts } = page;
    const opening: number[] = [];
    const request: SealedDataRequest = { sealedField: SEALED, texts: [], aads: [], keys: new Uint8Array(0) };
    const keys: Buffer[] = [];
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      let text = texts?.[i];
      if (text === undefined) {
        // Parsed by an adapter that cannot leave it as text: handed to the opener as text all the same.
        if (!this.catalog.fieldsOf(event.type) || !isSealed(event.data)) continue;
        text = JSON.stringify(event.data);
      }
      const subject = this.catalog.subjectOf(event.streamId);
      // Awaited only when the key is not cached. A sealed event whose key is gone reads as erased, like a destroyed one.
      const key = subject === undefined ? undefined : (this.keys.peek(subject) ?? ((await this.keys.find(subject)) || ERASED_KEY));
      if (key === undefined || key === ERASED_KEY) {
        const data = event.data === undefined ? (JSON.parse(text) as unknown) : event.data;
        event.data = key === ERASED_KEY && isSealed(data) ? openFields(data, key, event) : data;
        continue;
      }
      opening.push(i);
      keys.push(key);
      request.texts.push(text);
      request.aads.push(aadTextOf(event.streamId, event.eventId, event.type));
    }
    if (opening.length === 0) return page;
    request.keys = new Uint8Array(KEY_BYTES * keys.length);
    for (let k = 0; k < keys.length; k++) request.keys.set(keys[k], k * KEY_BYTES);
    const answer = await this.opener.open(request);
    if (answer.failures.length > 0) {
      const { index, error } = answer.failures[0];
      const event = events[opening[index]];
      throw new Error(`${event.type} at position ${event.position} did not open: ${error}`);
    }
    const opened = JSON.parse(answer.json) as unknown[];
    for (let k = 0; k < opening.length; k++) events[opening[k]].data = opened[k];
    return page;
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    return new OpeningSubscription(this.inner.subscribeToAll(options), this);
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  async close(): Promise<void> {
    await this.opener.close();
    await this.inner.close();
  }

  async seal(streamId: string, event: NewEvent): Promise<NewEvent> {
    const fields = this.personalFieldsOf(streamId, event);
    if (!fields) return event;
    const subject = this.catalog.subjectOf(streamId)!;
    const key = await this.keys.findOrCreate(subject);
    if (key === ERASED_KEY) throw new SubjectErasedError(subject);
    return { ...event, data: sealFields(event.data as Data, fields, key, { streamId, eventId: event.eventId, type: event.type }) };
  }

  /** The personal fields this event's type may hold, when the stream has a subject and the event holds at least one of them. */
  private personalFieldsOf(streamId: string, event: NewEvent): readonly string[] | undefined {
    const fields = this.catalog.fieldsOf(event.type);
    if (!fields || this.catalog.subjectOf(streamId) === undefined) return undefined;
    const data = event.data as Data;
    return fields.some((field) => field in data) ? fields : undefined;
  }

  /** The event itself when it cannot hold personal data, or opened with a cached key; undefined when the key must be fetched first. */
  openSync(event: RecordedEvent): RecordedEvent | undefined {
    if (!this.catalog.fieldsOf(event.type)) return event;
    const subject = this.catalog.subjectOf(event.streamId);
    if (subject === undefined) return event;
    const key = this.keys.peek(subject);
    return key === undefined ? undefined : this.opened(event, key);
  }

  async open(event: RecordedEvent): Promise<RecordedEvent> {
    const subject = this.catalog.subjectOf(event.streamId);
    // A sealed event whose key is gone from the store reads as erased, like a destroyed one.
    const key = (subject !== undefined && (await this.keys.find(subject))) || ERASED_KEY;
    return this.opened(event, key);
  }

  /**
   * The form an export holds: personal fields still sealed (an archive is no way around erasure),
   * except for an erased subject, whose fields read ERASED as everywhere else.
   */
  async exported(stored: RecordedEvent): Promise<RecordedEvent> {
    if (!this.catalog.fieldsOf(stored.type) || !isSealed(stored.data)) return stored;
    const subject = this.catalog.subjectOf(stored.streamId);
    const key = subject === undefined ? null : await this.keys.find(subject);
    return key === null || key === ERASED_KEY ? this.opened(stored, ERASED_KEY) : stored;
  }

  /**
   * The event with `data` opened when first read: most readers (a projection following the whole
   * log) never look at most events' data, and opening is the costly part. Every other property is
   * kept (metadata still parsed only when read; fields adapters add later are copied too).
   */
  private opened(event: RecordedEvent, key: Buffer | typeof ERASED_KEY): RecordedEvent {
    const copy = {} as Record<string, unknown>;
    for (const field in event) if (field !== 'data' && field !== 'metadata') copy[field] = (event as unknown as Record<string, unknown>)[field];
    let data: unknown;
    let done = false;
    Object.defineProperties(copy, {
      metadata: { enumerable: true, configurable: true, get: () => event.metadata, set: (value: unknown) => Object.defineProperty(copy, 'metadata', { value, enumerable: true, writable: true, configurable: true }) },
      data: {
        enumerable: true,
        configurable: true,
        get: () => {
          if (!done) {
            const stored = event.data;
            data = isSealed(stored) ? openFields(stored, key, event) : stored;
            done = true;
          }
          return data;
        },
        set: (value: unknown) => {
          data = value;
          done = true;
        },
      },
    });
    return copy as unknown as RecordedEvent;
  }
}

/** The adapter's subscription with each event opened, in order; read by pages when the adapter offers them. */
class OpeningSubscription implements Subscription {
  readonly pages?: () => AsyncIterable<RecordedEvent[]>;

  constructor(
    private readonly inner: Subscription,
    private readonly store: EncryptingEventStore,
  ) {
    if (inner.pages) {
      const pages = inner.pages.bind(inner);
      this.pages = () => this.openedPages(pages());
    }
  }

  get caughtUp(): boolean {
    return this.inner.caughtUp;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    for await (const event of this.inner) yield this.store.openSync(event) ?? (await this.store.open(event));
  }

  private async *openedPages(pages: AsyncIterable<RecordedEvent[]>): AsyncIterable<RecordedEvent[]> {
    for await (const page of pages) {
      const opened: RecordedEvent[] = new Array(page.length);
      for (let i = 0; i < page.length; i++) opened[i] = this.store.openSync(page[i]) ?? (await this.store.open(page[i]));
      yield opened;
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
