import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES, Server } from 'node:http';
import type { Socket } from 'node:net';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { registerBearerHook } from '../auth/bearer-hook';
import { TOKEN_REGISTRY, TokenRegistry } from '../auth/token-registry';
import { RequestLimits } from '../config/limits';
import { ApiError } from './api-error';
import { sendApiError } from './error.filter';
import { registerJsonBodyParser } from './json-body';

/** The longest id (128) inside the longest path parameter (`audit/streams/<type>-<id>`). */
export const MAX_PARAM_LENGTH = 256;
/** A whole request, body included (imports of 200 MB need a while). */
export const REQUEST_TIMEOUT_MS = 120_000;
/** The request line and headers. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** A connection with nothing happening on it. */
export const CONNECTION_TIMEOUT_MS = 30_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Errors the router meets before any route runs (a bad percent-encoding, an over-long parameter), in the API's shape. */
function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? `Path parameters are at most ${MAX_PARAM_LENGTH} characters; ids at most 128.` : 'The path is not a valid URL.';
  sendApiError(reply, new ApiError(400, 'InvalidId', message));
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'RequestTimeout', `The request did not arrive within ${REQUEST_TIMEOUT_MS / 1000} s.`],
  HPE_HEADER_OVERFLOW: [431, 'HeadersTooLarge', 'The request headers are larger than the server accepts.'],
};

/** Requests Node's HTTP parser refuses (headers too large, timeouts, garbage) still get the API's error shape. */
function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'BadRequest', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ error: code, message, details: [] });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** Fastify's server options that bound each request and connection. */
export const serverLimits = {
  routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  requestTimeout: REQUEST_TIMEOUT_MS,
  connectionTimeout: CONNECTION_TIMEOUT_MS,
  keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
  frameworkErrors,
  clientErrorHandler,
};

// Path segments with control characters (raw or percent-encoded) are refused before routing.
const CONTROL_IN_PATH = /[\u0000-\u001f\u007f]|%(?:[01][0-9a-f]|7f)/i;

/**
 * Before any route runs: paths with control characters are 400, the token is checked before the
 * body is read, a per-token rate limit applies, and JSON bodies are checked for depth.
 */
export async function applyRequestLimits(app: NestFastifyApplication, limits: RequestLimits): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  (app.getHttpServer() as Server).headersTimeout = HEADERS_TIMEOUT_MS;
  registerJsonBodyParser(fastify);
  fastify.addHook('onRequest', async (request) => {
    const path = request.url.split('?', 1)[0];
    if (CONTROL_IN_PATH.test(path)) throw new ApiError(400, 'InvalidId', 'The path holds a control character.');
  });
  registerBearerHook(fastify, app.get<TokenRegistry>(TOKEN_REGISTRY));
  if (limits.rateLimitPerMinute > 0) {
    await app.register(rateLimit as never, {
      max: limits.rateLimitPerMinute,
      timeWindow: 60_000,
      hook: 'onRequest',
      allowList: (request: AuthenticatedRequest) => request.url.startsWith('/health'),
      keyGenerator: (request: AuthenticatedRequest) => (request.principal ? `token:${request.principal.name}` : `address:${request.ip}`),
      errorResponseBuilder: (_request: unknown, context: { ttl: number }) =>
        new ApiError(429, 'TooManyRequests', 'This token has sent too many requests; wait and retry.', [], {
          'Retry-After': String(Math.max(1, Math.ceil(context.ttl / 1000))),
        }),
    });
  }
}
