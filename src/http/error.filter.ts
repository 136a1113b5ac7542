import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../shared/domain-error';
import {
  AppendTooLargeError,
  InvalidPositionError,
  StoreAccessDeniedError,
  StoreUnavailableError,
  StreamDeletedError,
} from '../event-store/event-store.port';
import { ApiError, fromDomainError } from './api-error';

const FASTIFY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UnsupportedMediaType', 'Send the body as application/json.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PayloadTooLarge', 'The body is larger than 1 MB.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'MalformedJson', 'The body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MalformedJson', 'The body is not valid JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'MalformedJson', 'The Content-Length does not match the body.'],
};

const HTTP_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
};

/** Maps anything thrown to the API's error body; never a stack trace, never a 500 for bad input. */
export function toApiError(error: unknown, logger?: Logger): ApiError {
  if (error instanceof ApiError) return error;
  // Nest wraps Fastify's own errors (body parsing, size) in an HttpException with the original as cause.
  if (error instanceof HttpException && error.cause && typeof (error.cause as { code?: unknown }).code === 'string') {
    return toApiError(error.cause, logger);
  }
  if (error instanceof DomainError) return fromDomainError(error);
  if (error instanceof StoreUnavailableError) {
    logger?.error(`Store unavailable: ${error.message}`);
    return new ApiError(503, 'StoreUnavailable', 'A store is unavailable; retry shortly.', [], { 'Retry-After': '1' });
  }
  const storeRefusal = fromStoreRefusal(error, logger);
  if (storeRefusal) return storeRefusal;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && FASTIFY_ERRORS[code]) {
    const [status, name, message] = FASTIFY_ERRORS[code];
    return new ApiError(status, name, message);
  }
  if (error instanceof SyntaxError) return new ApiError(400, 'MalformedJson', 'The body is not valid JSON.');
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return new ApiError(404, 'NotFound', 'No such endpoint.');
    if (status < 500) return new ApiError(status, HTTP_CODES[status] ?? 'BadRequest', error.message);
  }
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new ApiError(statusCode, HTTP_CODES[statusCode] ?? 'BadRequest', 'The request could not be read.');
  }
  logger?.error(error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error));
  return new ApiError(500, 'InternalError', 'Something went wrong on our side; the error has been logged.');
}

/** The event store's definite refusals: each has its own answer (never a 500). */
function fromStoreRefusal(error: unknown, logger?: Logger): ApiError | undefined {
  if (error instanceof InvalidPositionError) {
    return new ApiError(400, 'InvalidPosition', 'The position is not a position of the log; use one returned by the API.');
  }
  if (error instanceof AppendTooLargeError) {
    return new ApiError(413, 'PayloadTooLarge', 'The events of this command are larger than the event store accepts.');
  }
  if (error instanceof StreamDeletedError) {
    return new ApiError(409, 'StreamDeleted', 'This record was deleted in the event store and can no longer change.');
  }
  if (error instanceof StoreAccessDeniedError) {
    // A configuration error: the operator needs the message (it names the right to grant), the client a retry later.
    logger?.error(`Store access denied: ${error.message}`);
    return new ApiError(503, 'StoreUnavailable', 'A store is unavailable; retry shortly.', [], { 'Retry-After': '1' });
  }
  return undefined;
}

export function sendApiError(reply: FastifyReply, error: ApiError): void {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  void reply.status(error.status).type('application/json').send(error.body());
}

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    sendApiError(host.switchToHttp().getResponse<FastifyReply>(), toApiError(exception, this.logger));
  }
}
