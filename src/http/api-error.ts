import { DomainError, DomainErrorKind } from '../shared/domain-error';

/** The one error shape of the API: `{ error, message, details }`. */
export interface ApiErrorBody {
  error: string;
  message: string;
  details: unknown[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ApiErrorBody {
    return { error: this.code, message: this.message, details: this.details };
  }
}

const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 412,
  rule: 422,
};

export const fromDomainError = (error: DomainError): ApiError =>
  new ApiError(STATUS_OF[error.kind], error.code, error.message, error.details);

export const validationFailed = (details: { field: string; message: string }[]): ApiError =>
  new ApiError(400, 'ValidationFailed', `The request has ${details.length} invalid field${details.length === 1 ? '' : 's'}; see details.`, details);
