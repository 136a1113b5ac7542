import { ErrorType, convertToCommandError, isCommandError } from '@eventstore/db-client';
import { ExpectedRevision, StoreUnavailableError, WrongExpectedRevisionError } from '../event-store.port';

// Errors a retry later may cure: the node is down, unreachable, not the leader, or too slow.
const UNAVAILABLE = new Set<ErrorType>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

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
  if (isUnavailable(error)) {
    return new StoreUnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`, error);
  }
  return error;
}
