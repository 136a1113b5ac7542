import { Injectable } from '@nestjs/common';
import { Principal, seesEverything } from '../auth/token';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { StreamOwners } from './ownership';

/** Whether a token's organisations cover a resource: an owner, or an ancestor of one (a district covers its schools). */
@Injectable()
export class OrganisationScope {
  constructor(private readonly organisations: OrganisationLookup) {}

  async covers(principal: Principal, owners: readonly (string | undefined)[] | null): Promise<boolean> {
    if (seesEverything(principal)) return true;
    if (!owners) return false;
    const allowed = new Set(principal.organisations);
    for (const owner of owners) {
      if (owner === undefined) continue;
      if (allowed.has(owner)) return true;
      const { ancestorIds } = await this.organisations.parent(owner);
      if (ancestorIds.some((id) => allowed.has(id))) return true;
    }
    return false;
  }

  /** A stream is in scope when every reading of its name is (a directory always is). */
  async coversStream(principal: Principal, readings: StreamOwners[]): Promise<boolean> {
    if (seesEverything(principal)) return true;
    for (const reading of readings) {
      if (reading === 'directory') continue;
      if (!(await this.covers(principal, reading))) return false;
    }
    return true;
  }
}
