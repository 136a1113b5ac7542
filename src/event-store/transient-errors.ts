import { StoreUnavailableError } from './event-store.port';

/** SQLite result codes that say "not now" rather than "never" (another writer, a full or failing disk). */
const SQLITE_TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)/;
/** The MongoDB driver's error classes for a lost or unreachable server. */
const MONGO_TRANSIENT_NAMES = new Set([
  'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoNotConnectedError',
  'MongoTopologyClosedError', 'MongoPoolClearedError', 'MongoOperationTimeoutError', 'MongoWaitQueueTimeoutError',
]);
/** Server labels the driver itself retries on. */
const MONGO_TRANSIENT_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'RetryableError', 'SystemOverloadedError', 'ResetPool'];
/** The driver's retryable codes (host unreachable, stepped down, shutting down, time limit …). */
const MONGO_TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436, 262, 50]);

/**
 * Whether an error says a store is unavailable, busy or too slow for now, so that trying the same
 * work again later can succeed. Anything else (a refused document, a bug) fails the same way again.
 * Read by shape, not by class, so no store driver is loaded here; causes are followed.
 */
export function isTransient(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth += 1) {
    if (current instanceof StoreUnavailableError) return true;
    const { name, code, errorLabels } = current as { name?: unknown; code?: unknown; errorLabels?: unknown };
    if (typeof code === 'string' && SQLITE_TRANSIENT.test(code)) return true;
    if (typeof name === 'string' && (MONGO_TRANSIENT_NAMES.has(name) || name === 'TimeoutError')) return true;
    if (typeof name === 'string' && name.startsWith('Mongo') && typeof code === 'number' && MONGO_TRANSIENT_CODES.has(code)) return true;
    const labels = errorLabels instanceof Set ? [...errorLabels] : Array.isArray(errorLabels) ? errorLabels : [];
    if (labels.some((label) => MONGO_TRANSIENT_LABELS.includes(label as string))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
