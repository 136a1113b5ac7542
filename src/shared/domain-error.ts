/**
 * A rule said no. `code` is the API error code; the HTTP status follows from the kind:
 * conflict (409), rule (422), not_found (404), forbidden (403), invalid (400), precondition (412).
 */
export type DomainErrorKind = 'conflict' | 'rule' | 'not_found' | 'forbidden' | 'invalid' | 'precondition';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const conflict = (code: string, message: string, details: unknown[] = []) =>
  new DomainError(code, message, 'conflict', details);
export const ruleBroken = (code: string, message: string, details: unknown[] = []) =>
  new DomainError(code, message, 'rule', details);
export const notFound = (code: string, message: string, details: unknown[] = []) =>
  new DomainError(code, message, 'not_found', details);
export const forbidden = (code: string, message: string, details: unknown[] = []) =>
  new DomainError(code, message, 'forbidden', details);
export const invalid = (message: string, details: { field: string; message: string }[]) =>
  new DomainError('ValidationFailed', message, 'invalid', details);
