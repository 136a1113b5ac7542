import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../http/api-error';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { bearerOf } from './bearer-hook';
import { hasRole, Role } from './token';
import { TOKEN_REGISTRY, TokenRegistry } from './token-registry';

/** Bearer tokens on every route but the public ones; the route's role is checked here. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_REGISTRY) private readonly tokens: TokenRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const secret = bearerOf(request);
    if (secret === null) throw new ApiError(401, 'Unauthenticated', 'Send an API token as "Authorization: Bearer <token>".');
    const principal = this.tokens.authenticate(secret);
    if (!principal) throw new ApiError(401, 'Unauthenticated', 'The API token is not recognised.');
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? ['admin'];
    if (!roles.some((role) => hasRole(principal, role))) {
      throw new ApiError(403, 'Forbidden', `This token lacks the role this endpoint needs (${roles.join(' or ')}).`);
    }
    return true;
  }
}
