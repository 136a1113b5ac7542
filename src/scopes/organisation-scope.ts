import { Injectable } from '@nestjs/common';
import { Principal, seesEverything } from '../auth/token';
import { OrganisationAncestry } from '../organisations/organisation.ancestry';
import { Ownerships, StreamOwners } from './ownership';

/** Whether a token's organisations cover a resource: an owner, or an ancestor of one (a district covers its schools). */
@Injectable()
export class OrganisationScope {
  constructor(
    private readonly ancestry: OrganisationAncestry,
    private readonly ownerships: Ownerships,
  ) {}

  async covers(principal: Principal, owners: readonly (string | undefined)[] | null): Promise<boolean> {
    if (seesEverything(principal)) return true;
    if (!owners) return false;
    const allowed = new Set(principal.organisations);
    for (const owner of owners) {
      if (owner === undefined) continue;
      if (allowed.has(owner)) return true;
      if ((await this.ancestry.ancestorsOf(owner)).some((id) => allowed.has(id))) return true;
    }
    return false;
  }

  /** True when an aggregate's remembered permanent owners (a student's district) are in scope: that settles it without a load; false settles nothing. */
  async coversForGood(principal: Principal, type: string, id: string): Promise<boolean> {
    const permanent = this.ownerships.permanentOwnersOf(type, id);
    return permanent !== undefined && (await this.covers(principal, permanent));
  }

  /** A directory's stream is in scope for every token; another stream as its owners say. */
  async coversStream(principal: Principal, owners: StreamOwners): Promise<boolean> {
    return owners === 'directory' || this.covers(principal, owners);
  }
}
