import { NewEvent, RecordedEvent } from '../shared/event';

/**
 * What the stream must look like for an append to go ahead (EventStoreDB semantics):
 * `no_stream` (it has no events), `stream_exists`, `any`, or the exact revision of its last event.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

export interface AppendResult {
  /** Revision of the last event now in the stream (0-based). */
  nextRevision: bigint;
  /** Global position of the last appended event. */
  position: bigint;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; forwards defaults to 0, backwards to the end. */
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start. Not a position of the log: InvalidPositionError. */
  after?: bigint;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events strictly after this position. Omitted: from the start. */
  after?: bigint;
  /**
   * A hint: the subscriber only needs events of these types. An adapter may then skip others, but
   * still delivers every event that was the head of the log when it read, so a subscriber's position
   * keeps up with the log even while nothing it handles is appended. Adapters may ignore the hint.
   */
  types?: ReadonlySet<string>;
}

/** A catch-up subscription: pull events with `for await`; `caughtUp` turns true once it has reached the head. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  readonly caughtUp: boolean;
  close(): Promise<void>;
  /**
   * Offered by adapters that read the log in pages: the same events, a page at a time (one await per
   * page instead of one per event). A subscription is read one way only: by `for await` or by pages.
   */
  pages?(): AsyncIterable<RecordedEvent[]>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or `null` when it has no events. */
    readonly actual: bigint | null,
  ) {
    super(
      `Stream ${streamId}: expected ${String(expected)}, actual ${actual === null ? 'no stream' : String(actual)}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * The store could not do what was asked; retrying later may work. From `append` it is a definite
 * failure: nothing was appended. (Its subclass `AppendOutcomeUnknownError` is the exception.)
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** Log positions are unsigned 63-bit integers on every adapter (EventStoreDB and MongoDB store them as int64). */
export const MAX_POSITION = 2n ** 63n - 1n;

/** A position that no event of this log can have: negative, too large, or (on EventStoreDB) not a record boundary. */
export class InvalidPositionError extends Error {
  constructor(
    readonly position: bigint,
    reason = 'it is not a position of this log',
  ) {
    super(`Position ${position} is invalid: ${reason}`);
    this.name = 'InvalidPositionError';
  }
}

/** Throws InvalidPositionError unless `position` is within 0 … 2^63 - 1. */
export function checkPositionRange(position: bigint): bigint {
  if (position < 0n || position > MAX_POSITION) throw new InvalidPositionError(position, 'it must be between 0 and 2^63 - 1');
  return position;
}

/** An append that holds the same event id twice: refused whole, on every adapter. */
export class DuplicateEventIdError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`An append to ${streamId} holds the event id ${eventId} twice`);
    this.name = 'DuplicateEventIdError';
  }
}

/** Throws DuplicateEventIdError when two events of one append share an id. */
export function checkDistinctEventIds(streamId: string, events: readonly NewEvent[]): void {
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId)) throw new DuplicateEventIdError(streamId, eventId);
    seen.add(eventId);
  }
}

/** The store refused the append for good: it is larger than the store accepts. Retrying cannot help. */
export class AppendTooLargeError extends Error {
  constructor(
    readonly streamId: string,
    readonly maxBytes: number | undefined,
    override readonly cause?: unknown,
  ) {
    super(`The append to ${streamId} is larger than the event store accepts${maxBytes ? ` (${maxBytes} bytes)` : ''}`);
    this.name = 'AppendTooLargeError';
  }
}

/** The stream was deleted (tombstoned) in the store: it can be neither read nor appended to. */
export class StreamDeletedError extends Error {
  constructor(
    readonly streamId: string,
    override readonly cause?: unknown,
  ) {
    super(`Stream ${streamId} has been deleted in the event store`);
    this.name = 'StreamDeletedError';
  }
}

/** The store's credentials lack a right the service needs (the message names it). A configuration error. */
export class StoreAccessDeniedError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'StoreAccessDeniedError';
  }
}

/**
 * An append whose outcome is unknown: the request may have been committed before the failure
 * (a timeout, a cancelled call, a connection lost after sending). Whether the events are in the log
 * can only be found out by reading the stream (see `append-outcome.ts`). Adapters that always know
 * (the embedded store) never raise it.
 */
export class AppendOutcomeUnknownError extends StoreUnavailableError {
  constructor(readonly streamId: string, message: string, cause?: unknown) {
    super(message, cause);
    this.name = 'AppendOutcomeUnknownError';
  }
}

/**
 * The event log. Event ids are kept: appending events whose ids are already the stream's events
 * at that place is a no-op that returns the original result. That holds on every adapter for
 * `no_stream` and exact revisions (what the command pipeline and reservations use); with `any` or
 * `stream_exists` EventStoreDB recognises a repeat only while the ids are in its bounded cache, so
 * do not rely on it there. An append holding one event id twice is refused whole (DuplicateEventIdError).
 *
 * `append` fails definitely (nothing appended) with `WrongExpectedRevisionError`,
 * `StoreUnavailableError` or an error about the events themselves; with `AppendOutcomeUnknownError`
 * the events may or may not be in the log.
 */
export interface EventStore {
  append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the last event in the log, or 0n when empty. */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}

/** The event log as every reader and writer uses it: personal fields sealed on append, opened on read (src/privacy). */
export const EVENT_STORE = Symbol('EventStore');
/** The adapter as it stores events (personal fields sealed): for hash verification and migration only. */
export const RAW_EVENT_STORE = Symbol('RawEventStore');
