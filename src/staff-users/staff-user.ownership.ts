import { OwnershipDefinition } from '../scopes/ownership';
import { STAFF_USER_EVENT_TYPES } from './staff-user.events';
import { staffUserDecider, StaffUserState } from './staff-user.decider';
import { staffUserStream } from './staff-user.stream';

/** A staff user is owned by the organisations of their memberships. */
export const staffUserOwnership: OwnershipDefinition<StaffUserState> = {
  type: 'user',
  decider: staffUserDecider,
  stream: staffUserStream,
  eventTypes: STAFF_USER_EVENT_TYPES,
  owners: (state) => (state.status === 'none' ? null : state.memberships.map((m) => m.organisationId)),
};
