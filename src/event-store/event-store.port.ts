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
  /** Exclusive: events strictly after this position (0 or a position of the log, else `InvalidPositionError`). Omitted: from the start. */
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

/** A position given to read from that is not a position of the log (or is ≥ 2^63). */
export class InvalidPositionError extends Error {
  constructor(readonly position: bigint, reason: string) {
    super(`${position} is not a position of the event log: ${reason}`);
    this.name = 'InvalidPositionError';
  }
}

/** Positions are unsigned 64-bit on EventStoreDB and signed 64-bit rowids on the embedded log: below 2^63 on both. */
export const MAX_POSITION = 2n ** 63n - 1n;

/**
 * The event log. Event ids are kept: appending events whose ids are already the stream's events
 * at that place is a no-op that returns the original result.
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

export const EVENT_STORE = Symbol('EventStore');
