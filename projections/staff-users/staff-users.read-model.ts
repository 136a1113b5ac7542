import type { IndexSpec } from '../../src/read-store/document-store.port';
import type { OrganisationType } from '../../src/organisations/organisation.events';
import type { MembershipRole, StaffService } from '../../src/staff-users/staff-user.events';

/** `staff_users`: one document per staff user (id = userId) with every membership. */
export const STAFF_USERS = 'staff_users';
/** `staff_user_organisations`: the name and type of each organisation (id = organisationId), to label memberships. */
export const STAFF_USER_ORGANISATIONS = 'staff_user_organisations';

export interface MembershipEntry {
  organisationId: string;
  organisationName: string | null;
  organisationType: OrganisationType | null;
  role: MembershipRole;
}

export interface StaffUserDocument extends Record<string, unknown> {
  userId: string;
  email: string;
  givenName: string;
  familyName: string;
  service: StaffService;
  status: 'active' | 'deactivated';
  memberships: MembershipEntry[];
  /** Every organisation the user holds a role at: what an organisation's rename looks users up by. */
  membershipOrganisationIds: string[];
  selectedOrganisationId: string | null;
  updatedAt: string;
}

export interface StaffUserOrganisationDocument extends Record<string, unknown> {
  organisationId: string;
  name: string;
  type: OrganisationType;
}

export const staffUserCollections: Record<string, IndexSpec[]> = {
  [STAFF_USERS]: [{ fields: [['membershipOrganisationIds', 1]] }],
  [STAFF_USER_ORGANISATIONS]: [],
};
