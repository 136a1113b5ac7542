import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, Observable, of, switchMap } from 'rxjs';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { Principal, seesEverything } from '../auth/token';
import { ApiError } from '../http/api-error';
import { isValidId } from '../shared/ids';
import { OrganisationScope } from './organisation-scope';
import { Ownerships } from './ownership';
import { ORGANISATION_TREE, OrganisationTree, SCOPE_RULE, ScopedRequest, ScopeRule } from '../auth/read-scope';

const notFound = () => new ApiError(404, 'NotFound', 'No such resource.');

/** Applies each read route's scope rule; runs inside the read-consistency interceptor, so out-of-scope answers carry `X-Position` too. */
@Injectable()
export class ScopeInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly ownerships: Ownerships,
    private readonly scope: OrganisationScope,
    @Inject(ORGANISATION_TREE) private readonly tree: OrganisationTree,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rule = this.reflector.get<ScopeRule | undefined>(SCOPE_RULE, context.getHandler());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & ScopedRequest>();
    const principal = request.principal;
    if (!rule || !principal) return next.handle();
    return from(this.apply(rule, principal, request)).pipe(
      switchMap((inScope) => {
        if (inScope) return next.handle();
        context.switchToHttp().getResponse<FastifyReply>().header('X-Total-Count', '0');
        return of({ items: [] });
      }),
    );
  }

  /** False: answer an empty list. Throws 404 for a single resource out of scope. */
  private async apply(rule: ScopeRule, principal: Principal, request: ScopedRequest): Promise<boolean> {
    const everything = seesEverything(principal);
    const param = (name: string) => (request.params as Record<string, string>)[name];
    switch (rule.kind) {
      case 'unscoped':
      case 'command':
      case 'streams':
        return true;
      case 'national':
        if (!everything) throw request.method === 'GET' ? notFound() : new ApiError(403, 'Forbidden', 'Only a token with every organisation (*) may do this.');
        return true;
      case 'resource':
        // A malformed id is left to the route's ValidId pipe (400), as for any token.
        if (!isValidId(param(rule.param))) return true;
        if (everything && !rule.unknownIs404) return true;
        if (await this.scope.coversForGood(principal, rule.type, param(rule.param))) return true;
        {
          const owners = await this.ownerships.ownersOf(rule.type, param(rule.param));
          if (owners === null && rule.unknownIs404) throw notFound();
          if (!(await this.scope.covers(principal, owners))) throw notFound();
        }
        return true;
      case 'organisation':
        return everything || this.scope.covers(principal, [param(rule.param)]);
      case 'filtered':
        request.readScope = {
          organisations: everything ? null : [...new Set([...principal.organisations, ...(await this.tree.descendantsOf(principal.organisations))])],
        };
        return true;
    }
  }
}
