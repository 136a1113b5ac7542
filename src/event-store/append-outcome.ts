import { NewEvent, RecordedEvent } from '../shared/event';
import {
  AppendOutcomeUnknownError,
  AppendResult,
  EventStore,
  ExpectedRevision,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from './event-store.port';

/** What reading the stream after an append of unknown outcome found. */
export type AppendOutcome =
  | { kind: 'appended'; result: AppendResult }
  /** Nothing is where the events would be: they were not appended. */
  | { kind: 'absent' }
  /** Other events hold the place (another command won): these can never be appended there. */
  | { kind: 'taken'; actual: bigint }
  /** The stream could not be read (or the expectation does not name a place). */
  | { kind: 'unknown'; cause: unknown };

export interface OutcomeCheckOptions {
  /** Pauses before reading the stream again when a read fails; one read per entry plus the first. */
  retryDelaysMs: readonly number[];
}

export const DEFAULT_OUTCOME_CHECKS: OutcomeCheckOptions = { retryDelaysMs: [100, 400] };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Finds out whether an append whose outcome is unknown happened: reads the stream where its first
 * event would be (the revision after the expected one) and compares event ids. Only an exact
 * revision or `no_stream` names that place; `any` and `stream_exists` give `unknown`.
 */
export async function findAppendOutcome(
  store: EventStore,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  options: OutcomeCheckOptions = DEFAULT_OUTCOME_CHECKS,
): Promise<AppendOutcome> {
  if (events.length === 0) return { kind: 'unknown', cause: new Error('An empty append has no event to look for') };
  const fromRevision = expected === 'no_stream' ? 0n : typeof expected === 'bigint' ? expected + 1n : null;
  if (fromRevision === null) return { kind: 'unknown', cause: new Error(`An append expecting "${expected}" names no place in the stream`) };

  let cause: unknown;
  for (let attempt = 0; attempt <= options.retryDelaysMs.length; attempt++) {
    if (attempt > 0) await pause(options.retryDelaysMs[attempt - 1]);
    try {
      const found: RecordedEvent[] = [];
      for await (const event of store.readStream(streamId, { fromRevision, maxCount: events.length })) found.push(event);
      return compare(found, events);
    } catch (error) {
      cause = error;
    }
  }
  return { kind: 'unknown', cause };
}

function compare(found: RecordedEvent[], events: readonly NewEvent[]): AppendOutcome {
  if (found.length === 0) return { kind: 'absent' };
  if (found[0].eventId !== events[0].eventId) return { kind: 'taken', actual: found[found.length - 1].revision };
  // Appends are atomic: the first event there means all of them, unless the log says otherwise.
  const whole = found.length === events.length && found.every((event, i) => event.eventId === events[i].eventId);
  if (!whole) return { kind: 'unknown', cause: new Error('Only some of the appended events are where they should be') };
  const last = found[found.length - 1];
  return { kind: 'appended', result: { nextRevision: last.revision, position: last.position } };
}

/**
 * `store.append`, with an unknown outcome found out. Resolves when the events are in the log (also
 * when the store's answer was lost). Throws, when they are not: `StoreUnavailableError` (nothing
 * there), `WrongExpectedRevisionError` (another command's events are there), or the store's own
 * definite error; and `AppendOutcomeUnknownError` when it cannot tell: then the caller must keep
 * everything that depends on the append (it may be in the log) and let the takeover of abandoned
 * holds free it later.
 */
export async function appendFindingOutcome(
  store: EventStore,
  streamId: string,
  events: NewEvent[],
  expected: ExpectedRevision,
  options: OutcomeCheckOptions = DEFAULT_OUTCOME_CHECKS,
): Promise<AppendResult> {
  try {
    return await store.append(streamId, events, expected);
  } catch (error) {
    if (!(error instanceof AppendOutcomeUnknownError)) throw error;
    const outcome = await findAppendOutcome(store, streamId, events, expected, options);
    switch (outcome.kind) {
      case 'appended':
        return outcome.result;
      case 'absent':
        throw new StoreUnavailableError(`The append to ${streamId} did not happen: ${error.message}`, error);
      case 'taken':
        throw new WrongExpectedRevisionError(streamId, expected, outcome.actual);
      case 'unknown':
        throw new AppendOutcomeUnknownError(
          streamId,
          `Whether the append to ${streamId} happened is unknown (${error.message}); reading the stream failed too: ${describe(outcome.cause)}`,
          error,
        );
    }
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
