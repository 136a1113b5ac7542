import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * Every route declares how the token's organisations limit it (a test walks the route table and
 * fails for a route without one). What each rule answers out of scope:
 */
export type ScopeRule =
  /** No organisation's data: published directories, operations; any token with the route's role. */
  | { kind: 'unscoped'; why: string }
  /** Data no single organisation owns (e.g. a claim window's national totals): tokens with `*`, else 404 (403 for a POST). */
  | { kind: 'national' }
  /**
   * One resource by a path id, owned as its aggregate says: 404 out of scope, the same as missing.
   * `unknownIs404`: a route whose query would answer an empty result for an unknown id answers 404
   * for it (for every token), so out of scope and unknown stay one answer.
   */
  | { kind: 'resource'; type: string; param: string; unknownIs404?: boolean }
  /** A list of one organisation's things: an empty list out of scope, the same as for an unknown organisation. */
  | { kind: 'organisation'; param: string }
  /** A list its query filters by the token's organisations (and their descendants), given as `@CurrentReadScope()`. */
  | { kind: 'filtered' }
  /** Commands: each command's own rule (`CommandRoute.scope`), checked in the command pipeline. */
  | { kind: 'command' }
  /** Audit answers: only events of streams in scope. */
  | { kind: 'streams' };

export const SCOPE_RULE = 'scopeRule';

export const Scope = (rule: ScopeRule) => SetMetadata(SCOPE_RULE, rule);
export const Unscoped = (why: string) => Scope({ kind: 'unscoped', why });
export const ScopedResource = (type: string, param = 'id', options: { unknownIs404?: boolean } = {}) => Scope({ kind: 'resource', type, param, ...options });
export const ScopedOrganisation = (param = 'id') => Scope({ kind: 'organisation', param });
export const ScopeFiltered = () => Scope({ kind: 'filtered' });
export const National = () => Scope({ kind: 'national' });

/** The organisations a filtered list may show: null for every organisation, else ids (the token's and their descendants). */
export type ReadScope = { organisations: string[] | null };

export type ScopedRequest = FastifyRequest & { readScope?: ReadScope };

export const CurrentReadScope = createParamDecorator((_: unknown, context: ExecutionContext): ReadScope => {
  const scope = context.switchToHttp().getRequest<ScopedRequest>().readScope;
  if (!scope) throw new Error('No read scope on a route not marked ScopeFiltered');
  return scope;
});

/** Organisation ids below the given ones (a district's schools), from the organisations read model. */
export interface OrganisationTree {
  descendantsOf(organisationIds: string[]): Promise<string[]>;
}

export const ORGANISATION_TREE = Symbol('OrganisationTree');
