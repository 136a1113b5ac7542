import { OwnershipDefinition } from '../scopes/ownership';
import { PARTNERSHIP_EVENT_TYPES } from './partnership.events';
import { partnershipDecider, PartnershipState } from './partnership.decider';
import { streamIdOf } from '../shared/ids';

/** A partnership is owned by its school and its provider (its id is `<schoolId>.<providerId>`). */
export const partnershipOwnership: OwnershipDefinition<PartnershipState> = {
  type: 'partnership',
  decider: partnershipDecider,
  stream: (id) => streamIdOf('partnership', id),
  eventTypes: PARTNERSHIP_EVENT_TYPES,
  owners: (state) => (state.status === 'none' ? null : [state.schoolId, state.providerId]),
};
