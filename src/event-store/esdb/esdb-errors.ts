import { ErrorType, convertToCommandError, isCommandError } from '@eventstore/db-client';
import { AppendOutcomeUnknownError, ExpectedRevision, StoreUnavailableError, WrongExpectedRevisionError } from '../event-store.port';

// Errors a retry later may cure: the node is down, unreachable, not the leader, or too slow.
const UNAVAILABLE = new Set<ErrorType>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

/**
 * On an append these say nothing about whether the server committed it: a deadline can expire, a
 * call be cancelled or a connection drop after the request was sent (the server answers
 * CommitTimeout for events it already wrote). NOT_LEADER is a refusal: nothing was written.
 */
const OUTCOME_UNKNOWN = new Set<ErrorType>([ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.CANCELLED]);

export function isAppendOutcomeUnknown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const converted = convertToCommandError(error);
  return isCommandError(converted) && OUTCOME_UNKNOWN.has(converted.type);
}

export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Some calls (an append before the channel is up) reject with the raw gRPC error.
  const converted = convertToCommandError(error);
  if (isCommandError(converted)) return UNAVAILABLE.has(converted.type);
  // Cluster discovery gives up with a plain Error.
  return error.message.startsWith('Failed to discover');
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND;
}

/** Errors a resubscription cannot cure. */
export function isFatalForSubscription(error: unknown): boolean {
  return (
    error instanceof Error &&
    isCommandError(error) &&
    (error.type === ErrorType.ACCESS_DENIED || error.type === ErrorType.INVALID_ARGUMENT)
  );
}

/** The client's error in the port's terms; anything unrecognised passes through unchanged. */
export function toPortError(error: unknown, append?: { streamId: string; expected: ExpectedRevision }): unknown {
  const converted = error instanceof Error ? convertToCommandError(error) : error;
  if (append && converted instanceof Error && isCommandError(converted) && converted.type === ErrorType.WRONG_EXPECTED_VERSION) {
    const actual = converted.actualVersion === 'no_stream' ? null : converted.actualVersion;
    return new WrongExpectedRevisionError(append.streamId, append.expected, actual);
  }
  if (append && isAppendOutcomeUnknown(error)) {
    return new AppendOutcomeUnknownError(append.streamId, `EventStoreDB did not say whether the append happened: ${(error as Error).message}`, error);
  }
  if (isUnavailable(error)) {
    return new StoreUnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`, error);
  }
  return error;
}
