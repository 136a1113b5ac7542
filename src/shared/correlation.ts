import { newId } from './ids';

/**
 * Correlation ids the service issues (a request sent without `X-Correlation-Id`, an import) start
 * with this prefix, and a client may not send one that does: following a service-issued id in the
 * audit feed gives exactly that request's or that import's events, never events a caller tagged.
 */
export const ISSUED_CORRELATION_PREFIX = 'ledger:';

export const issuedCorrelationId = (): string => `${ISSUED_CORRELATION_PREFIX}${newId()}`;

/** Printable ASCII, so a correlation id can neither break a log line nor hide characters. */
const CLIENT_CORRELATION_ID = /^[\x20-\x7e]{1,200}$/;

/** Why a client's `X-Correlation-Id` is refused, or null when it may be used as given. */
export function correlationIdProblem(value: string): string | null {
  if (!CLIENT_CORRELATION_ID.test(value)) return 'must be 1–200 printable ASCII characters';
  if (value.toLowerCase().startsWith(ISSUED_CORRELATION_PREFIX)) {
    return `must not start with "${ISSUED_CORRELATION_PREFIX}": such ids are issued by the service (send none and one is generated)`;
  }
  return null;
}
