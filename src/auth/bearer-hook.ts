import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';
import { AuthenticatedRequest } from './auth.decorators';
import { TokenRegistry } from './token-registry';

const CARRIES_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const bearerOf = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1] : null;
};

/**
 * Authenticates on arrival, before Fastify reads a body: a request that may carry one is refused
 * here without a known token; any other request gets its principal (the rate limit's key). The
 * guard still decides roles and public routes.
 */
export function registerBearerHook(fastify: FastifyInstance, tokens: TokenRegistry): void {
  fastify.addHook('onRequest', async (request: AuthenticatedRequest) => {
    const secret = bearerOf(request);
    const principal = secret === null ? null : tokens.authenticate(secret);
    if (principal) request.principal = principal;
    else if (CARRIES_BODY.has(request.method)) {
      throw new ApiError(401, 'Unauthenticated', secret === null ? 'Send an API token as "Authorization: Bearer <token>".' : 'The API token is not recognised.');
    }
  });
}
