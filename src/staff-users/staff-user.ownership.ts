import { OwnershipDefinition } from '../scopes/ownership';
import { staffUserDecider, StaffUserState } from './staff-user.decider';
import { staffUserStream } from './staff-user.stream';

/** A staff user is owned by the organisations of their memberships. */
export const staffUserOwnership: OwnershipDefinition<StaffUserState> = {
  type: 'user',
  decider: staffUserDecider,
  stream: staffUserStream,
  owners: (state) => (state.status === 'none' ? null : state.memberships.map((m) => m.organisationId)),
};
