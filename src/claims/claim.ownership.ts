import { OwnershipDefinition } from '../scopes/ownership';
import { CLAIM_EVENT_TYPES } from './claim.events';
import { claimDecider, ClaimState } from './claim.decider';
import { claimStream } from './claim.stream';

/** A claim is owned by its school and its provider. */
export const claimOwnership: OwnershipDefinition<ClaimState> = {
  type: 'claim',
  decider: claimDecider,
  stream: claimStream,
  eventTypes: CLAIM_EVENT_TYPES,
  owners: (state) => (state.status === 'none' ? null : [state.content.schoolId, state.content.providerId]),
};
