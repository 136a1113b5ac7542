import { Injectable } from '@nestjs/common';
import { hasRole, Principal, seesEverything } from '../auth/token';
import { ApiError } from '../http/api-error';
import { ANY_TOKEN, CommandScope, ScopeTarget } from './command-scope';
import { OrganisationScope } from './organisation-scope';
import { Ownerships } from './ownership';

const outOfScope = () => new ApiError(403, 'Forbidden', "This command touches an organisation outside this token's organisations.");

/** The one place a command's organisations are checked against its token, before it is decided. */
@Injectable()
export class CommandScopeCheck {
  constructor(
    private readonly ownerships: Ownerships,
    private readonly scope: OrganisationScope,
  ) {}

  async check<D>(rule: CommandScope<D>, dto: D, principal: Principal): Promise<void> {
    if ('adminOnlyWhen' in rule && rule.adminOnlyWhen?.(dto) && !hasRole(principal, 'admin')) {
      throw new ApiError(403, 'Forbidden', 'Only an admin token may do this (e.g. grant the support role).');
    }
    if (seesEverything(principal)) return;
    if ('national' in rule) throw outOfScope();
    for (const target of rule.targets(dto)) {
      if ('aggregate' in target && target.id !== undefined && (await this.scope.coversForGood(principal, target.aggregate, target.id))) continue;
      const owners = await this.ownersOf(target);
      if (owners === ANY_TOKEN) continue;
      if (!(await this.scope.covers(principal, owners))) throw outOfScope();
    }
  }

  private async ownersOf(target: ScopeTarget): Promise<(string | undefined)[] | typeof ANY_TOKEN | null> {
    if ('organisations' in target) return target.organisations;
    if (target.id === undefined) return target.whenNew ?? null;
    const existing = target.whenNew ? await this.ownerships.ownersIfExists(target.aggregate, target.id) : await this.ownerships.ownersOf(target.aggregate, target.id);
    return existing ?? target.whenNew ?? null;
  }
}
