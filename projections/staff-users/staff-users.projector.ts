import { composeProjection } from '../subscription/compose';
import { staffUserMembershipsPart } from './staff-user.memberships';
import { organisationNamesPart } from './staff-user.organisation-names';
import { staffUserCollections } from './staff-users.read-model';

/** Staff users with every membership, each labelled with the organisation's name and type. */
export const staffUsersProjection = composeProjection('staff-users', 1, staffUserCollections, [organisationNamesPart, staffUserMembershipsPart]);
