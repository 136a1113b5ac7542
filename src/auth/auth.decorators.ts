import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Principal, Role } from './token';

export const REQUIRED_ROLES = 'requiredRoles';
export const PUBLIC_ROUTE = 'publicRoute';

/** The route needs one of these roles (admin always passes). */
export const RequireRole = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);
/** No token needed (health checks only). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('No principal on an authenticated route');
  return principal;
});
