import Database from 'better-sqlite3';
import { NewEvent, RecordedEvent } from '../../shared/event';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoreUnavailableError,
  checkDistinctEventIds,
  checkPositionRange,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { canonicalJson } from '../canonical-json';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { StoredEvent, StoredEventReader, StreamHead } from '../stored-events';
import { createEventLogSchema, EventRow } from './event-log.schema';
import { EventPage, PagedEventReader, ReadPagesOptions } from '../event-pages';
import { LoggedEvent, LoggedEventRow } from './logged-event';
import { SqliteSubscription } from './sqlite-subscription';
import { AppendWaiters } from './append-waiters';
import { LimitedStatements } from '../../shared/sqlite/limited-statements';

const safeIntegers = (statement: Database.Statement) => statement.safeIntegers(true);

export interface SqliteEventStoreOptions {
  file: string;
  /** `normal` survives a process crash; `full` also survives power loss (an fsync per commit). */
  synchronous?: 'normal' | 'full';
  /** false writes events without hashes: only for the bench row that measures what the chain costs. */
  hashChain?: boolean;
}

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  /** data and metadata as canonical JSON, made before the transaction so a bad payload fails only its own append. */
  serialised: [data: string, metadata: string][];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: Error): void;
}

const READ_PAGE = 1000;
/** The columns a LoggedEvent is made of, in its row's order. */
const PAGE_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata';

const typesJsonCache = new WeakMap<ReadonlySet<string>, string>();
/** A projection asks with the same set every page: its JSON (the SQL parameter) is made once. */
function typesJsonOf(types: ReadonlySet<string>): string {
  let json = typesJsonCache.get(types);
  if (json === undefined) {
    json = JSON.stringify([...types]);
    typesJsonCache.set(types, json);
  }
  return json;
}

/** A page of rows as LoggedEvents; those `unparsed` picks keep their data as text in `texts`. */
function pageOf(rows: LoggedEventRow[], covered: number, unparsed: ReadPagesOptions['unparsed']): EventPage {
  if (unparsed === undefined) return { events: rows.map((row) => new LoggedEvent(row)), covered };
  const texts: (string | undefined)[] = new Array(rows.length);
  const events = rows.map((row, i) => {
    if (!unparsed(row[4], row[1], row[5])) return new LoggedEvent(row);
    texts[i] = row[5];
    return new LoggedEvent(row, false);
  });
  return { events, covered, texts };
}

/**
 * The embedded event log in one SQLite file (WAL). Appends that arrive together are committed in
 * one transaction (group commit); each is still checked against its own expected revision.
 */
export class SqliteEventStore implements EventStore, StoredEventReader, PagedEventReader {
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  readonly waiters = new AppendWaiters();
  private readonly stmt;

  private constructor(
    private readonly db: Database.Database,
    private readonly hashChain = true,
  ) {
    createEventLogSchema(db);
    this.appendOne = db.transaction((request: PendingAppend) => this.appendInTransaction(request));
    this.stmt = {
      streamRevision: db.prepare('SELECT revision, hash FROM streams WHERE stream_id = ?').safeIntegers(true),
      eventById: db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?').safeIntegers(true),
      insert: db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertNewStream: db.prepare('INSERT INTO streams (stream_id, revision, hash) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO NOTHING'),
      upsertStream: db.prepare(
        'INSERT INTO streams (stream_id, revision, hash) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash',
      ),
      // Queries run for every command or poll take their limit as a literal (LimitedStatements says why).
      forwards: new LimitedStatements(db, 'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?', safeIntegers),
      backwards: new LimitedStatements(db, 'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?', safeIntegers),
      all: new LimitedStatements(db, 'SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?', safeIntegers),
      typed: new LimitedStatements(
        db,
        `SELECT ${PAGE_COLUMNS} FROM events WHERE position > ? AND position <= ? AND (type IN (SELECT value FROM json_each(?)) OR position = ?) ORDER BY position ASC LIMIT ?`,
        (statement) => statement.raw(true).safeIntegers(true),
      ),
      head: db.prepare('SELECT MAX(position) AS head FROM events').safeIntegers(true),
      // Pages read for projections: no hash column (only verification reads it), rows as arrays.
      pageEnd: db
        .prepare('SELECT COUNT(*) AS covered, MAX(position) AS last FROM (SELECT position FROM events WHERE position > ? ORDER BY position ASC LIMIT ?)')
        .safeIntegers(true),
      page: db
        .prepare(`SELECT ${PAGE_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`)
        .raw(true)
        .safeIntegers(true),
      typedPage: db
        .prepare(
          `SELECT ${PAGE_COLUMNS} FROM events WHERE position > ? AND position <= ? AND (type IN (SELECT value FROM json_each(?)) OR position = ?) ORDER BY position ASC`,
        )
        .raw(true)
        .safeIntegers(true),
      streamHeads: db.prepare('SELECT stream_id, revision, hash FROM streams').safeIntegers(true),
      hashChainFrom: db.prepare(`SELECT value FROM log_meta WHERE key = 'hash_chain_from'`),
    };
    this.stmt.insert.safeIntegers(true);
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = new Database(options.file);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    // Checkpoint the WAL less often (about 32 MB): each checkpoint costs an fsync, and many streams scatter writes across pages.
    db.pragma('wal_autocheckpoint = 8000');
    db.pragma('journal_size_limit = 67108864');
    return new SqliteEventStore(db, options.hashChain ?? true);
  }

  append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('The event store is closed'));
    let serialised: [string, string][];
    try {
      checkDistinctEventIds(streamId, events);
      serialised = events.map((e) => [canonicalJson(e.data), canonicalJson(e.metadata)]);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, serialised, expected: expectedRevision, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    const outcomes: (AppendResult | Error)[] = [];
    try {
      this.db.transaction(() => {
        for (const request of batch) {
          // A nested transaction is a savepoint: an unexpected failure undoes only this append.
          try {
            outcomes.push(this.appendOne(request));
          } catch (error) {
            // Kept as thrown: a SQLite error's class may come from another copy of the driver, its code still says what happened.
            outcomes.push(typeof error === 'object' && error !== null ? (error as Error) : new Error(String(error)));
          }
        }
      })();
    } catch (error) {
      const failure = new StoreUnavailableError('The event log could not be written', error);
      for (const request of batch) request.reject(failure);
      return;
    }
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) request.reject(outcome);
      else request.resolve(outcome);
    });
    this.waiters.wakeAll();
  }

  /**
   * Checks and writes one append in a savepoint; returns the error instead of throwing so the rest of the batch commits.
   * Made once in the constructor: `db.transaction()` builds new wrapper functions on every call.
   */
  private readonly appendOne: (request: PendingAppend) => AppendResult | Error;

  private appendInTransaction({ streamId, events, serialised, expected }: PendingAppend): AppendResult | Error {
    if (expected === 'no_stream' && events.length > 0) {
      // A new aggregate's stream, the common case: its row goes in first, with no lookup before; a row already there means the stream exists.
      const hashes = this.hashesAfter(GENESIS_HASH, events, serialised);
      const last = events.length - 1;
      if (this.stmt.insertNewStream.run(streamId, BigInt(last), hashes[last]).changes === 1) {
        const position = this.insertEvents(streamId, 0n, events, serialised, hashes, () => new WrongExpectedRevisionError(streamId, expected, null));
        return { nextRevision: BigInt(last), position };
      }
    }

    const row = this.stmt.streamRevision.get(streamId) as { revision: bigint; hash: string | null } | undefined;
    const current = row ? row.revision : null;

    // An exact expectation that is met means these events are not in this stream (it would be past
    // them): no replay to look for. Their ids stored elsewhere are found by the insert's unique index.
    const exactlyMet = (expected === 'no_stream' && current === null) || (typeof expected === 'bigint' && current === expected);
    if (!exactlyMet) {
      const replay = this.previousAppendOf(streamId, events, expected, current);
      if (replay) return replay;
      const mismatch =
        (expected === 'no_stream' && current !== null) ||
        (expected === 'stream_exists' && current === null) ||
        (typeof expected === 'bigint' && current !== expected);
      if (mismatch) return new WrongExpectedRevisionError(streamId, expected, current);
    }
    if (events.length === 0) {
      return { nextRevision: current ?? -1n, position: this.headPositionSync() };
    }

    // Chained to the stored tail inside the transaction, so concurrent appends to one stream cannot fork the chain.
    const hashes = this.hashesAfter(row?.hash ?? GENESIS_HASH, events, serialised);
    const first = (current ?? -1n) + 1n;
    const position = this.insertEvents(streamId, first, events, serialised, hashes, () =>
      exactlyMet ? new WrongExpectedRevisionError(streamId, expected, current) : null,
    );
    const nextRevision = first + BigInt(events.length - 1);
    this.stmt.upsertStream.run(streamId, nextRevision, hashes[events.length - 1]);
    return { nextRevision, position };
  }

  /** Each event's hash, chained from `tail` (all null when the bench has switched the chain off). */
  private hashesAfter(tail: string, events: NewEvent[], serialised: [string, string][]): (string | null)[] {
    const hashes: (string | null)[] = [];
    let previous = tail;
    for (let i = 0; i < events.length; i++) {
      hashes.push(this.hashChain ? (previous = chainHash(previous, events[i].type, serialised[i][0], serialised[i][1])) : null);
    }
    return hashes;
  }

  /**
   * Inserts the events from revision `first`; answers the last one's position. An event id already
   * stored elsewhere throws `duplicate()` when it names the answer (thrown, so the savepoint undoes
   * this append's earlier rows), else the driver's error.
   */
  private insertEvents(
    streamId: string,
    first: bigint,
    events: NewEvent[],
    serialised: [string, string][],
    hashes: (string | null)[],
    duplicate: () => Error | null,
  ): bigint {
    let position = 0n;
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      let info: Database.RunResult;
      try {
        info = this.stmt.insert.run(streamId, first + BigInt(i), event.eventId, event.type, serialised[i][0], serialised[i][1], hashes[i]);
      } catch (error) {
        throw (isDuplicateEventId(error) && duplicate()) || error;
      }
      position = BigInt(info.lastInsertRowid);
    }
    return position;
  }

  /**
   * A re-append of events already stored in this stream, in the same order, with an expectation the
   * original append met (or `any`), is answered with the original result (EventStoreDB semantics).
   */
  private previousAppendOf(streamId: string, events: NewEvent[], expected: ExpectedRevision, current: bigint | null): AppendResult | Error | null {
    if (events.length === 0) return null;
    const first = this.stmt.eventById.get(events[0].eventId) as
      | { stream_id: string; revision: bigint; position: bigint }
      | undefined;
    if (!first) return null;
    let last = first;
    for (let i = 0; i < events.length; i++) {
      const found =
        i === 0
          ? first
          : (this.stmt.eventById.get(events[i].eventId) as typeof first | undefined);
      if (!found || found.stream_id !== streamId || found.revision !== first.revision + BigInt(i)) {
        return new WrongExpectedRevisionError(streamId, expected, current);
      }
      last = found;
    }
    const metOriginally =
      expected === 'any' ||
      (expected === 'no_stream' && first.revision === 0n) ||
      (expected === 'stream_exists' && first.revision > 0n) ||
      (typeof expected === 'bigint' && expected === first.revision - 1n);
    if (!metOriginally) return new WrongExpectedRevisionError(streamId, expected, current);
    return { nextRevision: last.revision, position: last.position };
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let from = options.fromRevision ?? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    while (remaining > 0) {
      const page = Math.min(remaining, READ_PAGE);
      const rows = (backwards ? this.stmt.backwards : this.stmt.forwards).all(page, streamId, from) as EventRow[];
      for (const row of rows) yield toRecorded(row);
      if (rows.length < page) return;
      remaining -= rows.length;
      from = rows[rows.length - 1].revision + (backwards ? -1n : 1n);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = checkPositionRange(options.after ?? 0n);
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      const rows = this.readAllPage(after, Math.min(remaining, READ_PAGE));
      for (const event of rows) yield event;
      if (rows.length < Math.min(remaining, READ_PAGE)) return;
      remaining -= rows.length;
      after = rows[rows.length - 1].position;
    }
  }

  /** One page of the global log after a position: the subscription's and the rebuild's fast path. */
  readAllPage(after: bigint, maxCount: number): RecordedEvent[] {
    return (this.stmt.all.all(maxCount, after) as EventRow[]).map(toRecorded);
  }

  /** Events of these types after `after` up to `head`, and the head event itself whatever its type. */
  readTypedPage(after: bigint, head: bigint, typesJson: string, maxCount: number): RecordedEvent[] {
    // Events a subscriber handles: their data is read, so it is parsed at once (LoggedEvent).
    return (this.stmt.typed.all(maxCount, after, head, typesJson, head) as LoggedEventRow[]).map((row) => new LoggedEvent(row));
  }

  /**
   * The log in pages of `pageSize` events; with `types`, the other events are skipped in SQL (only
   * each page's last one is made, to carry the reader's position). Rows become LoggedEvents.
   */
  async *readPages(options: ReadPagesOptions): AsyncIterable<EventPage> {
    let after = checkPositionRange(options.after ?? 0n);
    const typesJson = options.types === undefined ? undefined : typesJsonOf(options.types);
    for (;;) {
      const page = this.readPageSync(after, options.pageSize, typesJson, options.unparsed);
      if (page.covered === 0) return;
      yield page;
      if (page.covered < options.pageSize) return;
      after = page.events[page.events.length - 1].position;
    }
  }

  private readPageSync(after: bigint, pageSize: number, typesJson: string | undefined, unparsed: ReadPagesOptions['unparsed']): EventPage {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
    if (typesJson === undefined) {
      const rows = this.stmt.page.all(after, pageSize) as LoggedEventRow[];
      return pageOf(rows, rows.length, unparsed);
    }
    const end = this.stmt.pageEnd.get(after, pageSize) as { covered: bigint; last: bigint | null };
    if (end.last === null) return { events: [], covered: 0 };
    const rows = this.stmt.typedPage.all(after, end.last, typesJson, end.last) as LoggedEventRow[];
    return pageOf(rows, Number(end.covered), unparsed);
  }

  /** The stored rows as written: canonical JSON text and hash, for verifying the chain without parsing. */
  async *readStoredAll(): AsyncIterable<StoredEvent> {
    let after = 0n;
    for (;;) {
      const rows = this.stmt.all.all(READ_PAGE, after) as EventRow[];
      for (const row of rows) yield toStored(row);
      if (rows.length < READ_PAGE) return;
      after = rows[rows.length - 1].position;
    }
  }

  async *readStoredStream(streamId: string, fromRevision = 0n, maxCount = Number.MAX_SAFE_INTEGER): AsyncIterable<StoredEvent> {
    let from = fromRevision;
    let remaining = maxCount;
    while (remaining > 0) {
      const page = Math.min(remaining, READ_PAGE);
      const rows = this.stmt.forwards.all(page, streamId, from) as EventRow[];
      for (const row of rows) yield toStored(row);
      if (rows.length < page) return;
      remaining -= rows.length;
      from = rows[rows.length - 1].revision + 1n;
    }
  }

  async *streamHeads(): AsyncIterable<StreamHead> {
    // all(), not iterate(): an open cursor would keep the connection busy for appends between two yields.
    for (const row of this.stmt.streamHeads.all() as { stream_id: string; revision: bigint; hash: string | null }[]) {
      yield { streamId: row.stream_id, revision: row.revision, hash: row.hash };
    }
  }

  async hashChainFrom(): Promise<bigint> {
    const row = this.stmt.hashChainFrom.get() as { value: string } | undefined;
    return BigInt(row?.value ?? '0');
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return new SqliteSubscription(this, checkPositionRange(options.after ?? 0n), options.types);
  }

  async headPosition(): Promise<bigint> {
    return this.headPositionSync();
  }

  headPositionSync(): bigint {
    const row = this.stmt.head.get() as { head: bigint | null };
    return row.head ?? 0n;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.queue.length > 0 || this.flushScheduled) await new Promise((r) => setImmediate(r));
    this.closed = true;
    this.waiters.wakeAll();
    this.db.close();
  }
}

const isDuplicateEventId = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE' && String((error as Error).message).includes('events.event_id');

/**
 * data and metadata are parsed when first read: each projection reads the whole log but handles a
 * few event types, and parsing the others' JSON was most of what following the log cost.
 */
function toRecorded(row: EventRow): RecordedEvent {
  const event = { eventId: row.event_id, streamId: row.stream_id, type: row.type, revision: row.revision, position: row.position } as RecordedEvent;
  if (row.hash !== null) event.hash = row.hash;
  lazyJson(event, 'data', row.data);
  lazyJson(event, 'metadata', row.metadata);
  return event;
}

function lazyJson(target: object, key: 'data' | 'metadata', json: string): void {
  let parsed: unknown;
  let done = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) {
        parsed = JSON.parse(json);
        done = true;
      }
      return parsed;
    },
    set: (value: unknown) => {
      parsed = value;
      done = true;
    },
  });
}

function toStored(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    type: row.type,
    revision: row.revision,
    position: row.position,
    dataJson: row.data,
    metadataJson: row.metadata,
    hash: row.hash,
  };
}
