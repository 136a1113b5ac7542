import { Principal, seesEverything } from '../auth/token';
import { OrganisationScope } from '../scopes/organisation-scope';
import { Ownerships } from '../scopes/ownership';

/** Whether a token may see a stream (audit answers are limited to streams in scope; out of scope reads as not found). */
export async function streamInScope(ownerships: Ownerships, scope: OrganisationScope, principal: Principal, streamId: string): Promise<boolean> {
  if (seesEverything(principal)) return true;
  return scope.coversStream(principal, await ownerships.ownersOfStream(streamId));
}
