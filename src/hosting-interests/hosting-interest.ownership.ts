import { OwnershipDefinition } from '../scopes/ownership';
import { HOSTING_INTEREST_EVENT_TYPES } from './hosting-interest.events';
import { hostingInterestDecider, HostingInterestState } from './hosting-interest.decider';
import { streamIdOf } from '../shared/ids';

/** A school's hosting interest for a year is owned by the school (its id is `<schoolId>.<academicYearId>`). */
export const hostingInterestOwnership: OwnershipDefinition<HostingInterestState> = {
  type: 'hosting-interest',
  decider: hostingInterestDecider,
  stream: (id) => streamIdOf('hosting-interest', id),
  eventTypes: HOSTING_INTEREST_EVENT_TYPES,
  owners: (state) => (state.status === 'recorded' ? [state.schoolId] : null),
};
