import { ErrorType, convertToCommandError, isCommandError } from '@eventstore/db-client';
import {
  AppendOutcomeUnknownError,
  AppendTooLargeError,
  ExpectedRevision,
  InvalidPositionError,
  StoreAccessDeniedError,
  StoreUnavailableError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '../event-store.port';

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
  if (error instanceof InvalidPositionError || error instanceof StoreAccessDeniedError) return true;
  return (
    error instanceof Error &&
    isCommandError(error) &&
    (error.type === ErrorType.ACCESS_DENIED || error.type === ErrorType.INVALID_ARGUMENT)
  );
}

/** What a read or subscription of $all needs when the server's ACLs refuse it (README, "Running on EventStoreDB"). */
export const ALL_STREAM_ACL_HINT =
  'reading $all needs the read right on it: put the connection\'s user in $admins, or grant it in the $all ACL ' +
  '(metadata of the stream "$$$all": {"$acl": {"$r": ["$admins", "<user>"]}})';

/**
 * The server answers a read of $all from a position that is not a record boundary with gRPC
 * INVALID_ARGUMENT "Trying to read from an invalid position." (RpcExceptions.InvalidPositionException),
 * without the "exception" metadata: the client turns it into an UnknownError.
 */
const GRPC_INVALID_ARGUMENT = 3;

function isInvalidPosition(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return code === GRPC_INVALID_ARGUMENT && /invalid position/i.test(message);
}

/** Context of the call that failed, for errors that name what was refused. */
export interface CallContext {
  append?: { streamId: string; expected: ExpectedRevision };
  /** A stream read. */
  streamId?: string;
  /** A read or subscription of $all from this position. */
  fromPosition?: bigint;
}

/** The client's error in the port's terms; anything unrecognised passes through unchanged. */
export function toPortError(error: unknown, context: CallContext | CallContext['append'] = {}): unknown {
  const call: CallContext = context && 'expected' in context ? { append: context } : (context ?? {});
  const { append } = call;
  const converted = error instanceof Error ? convertToCommandError(error) : error;
  if (append && converted instanceof Error && isCommandError(converted) && converted.type === ErrorType.WRONG_EXPECTED_VERSION) {
    const actual = converted.actualVersion === 'no_stream' ? null : converted.actualVersion;
    return new WrongExpectedRevisionError(append.streamId, append.expected, actual);
  }
  if (append && isAppendOutcomeUnknown(error)) {
    return new AppendOutcomeUnknownError(append.streamId, `EventStoreDB did not say whether the append happened: ${(error as Error).message}`, error);
  }
  const definite = toDefiniteError(converted, call);
  if (definite) return definite;
  if (isUnavailable(error)) {
    return new StoreUnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`, error);
  }
  return error;
}

/** Refusals that no retry cures: each becomes the port's error for it (never a bare 500). */
function toDefiniteError(converted: unknown, call: CallContext): Error | undefined {
  if (!(converted instanceof Error)) return undefined;
  if (isInvalidPosition(converted)) {
    return new InvalidPositionError(call.fromPosition ?? -1n, 'it is not the position of an event in EventStoreDB\'s log');
  }
  if (!isCommandError(converted)) return undefined;
  const streamId = call.append?.streamId ?? call.streamId ?? '$all';
  switch (converted.type) {
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
      return new AppendTooLargeError(streamId, converted.maxAppendSize, converted);
    case ErrorType.STREAM_DELETED:
      return new StreamDeletedError(converted.streamName || streamId, converted);
    case ErrorType.ACCESS_DENIED: {
      const what = call.append ? `appending to ${streamId}` : streamId === '$all' ? 'reading $all' : `reading ${streamId}`;
      const hint = streamId === '$all' && !call.append ? `: ${ALL_STREAM_ACL_HINT}` : '';
      return new StoreAccessDeniedError(`EventStoreDB denied ${what}${hint}`, converted);
    }
    default:
      return undefined;
  }
}
