import type { RecordedOf } from '../../src/shared/event';
import type { StaffUserEvent } from '../../src/staff-users/staff-user.events';
import { STAFF_USER_EVENT_TYPES } from '../../src/staff-users/staff-user.events';
import type { ProjectionPart } from '../subscription/compose';
import { MembershipEntry, STAFF_USER_ORGANISATIONS, STAFF_USERS, StaffUserDocument, StaffUserOrganisationDocument } from './staff-users.read-model';

const organisationIdsOf = (memberships: MembershipEntry[]) => [...new Set(memberships.map((m) => m.organisationId))];

/** The user, their memberships (labelled with the organisation as it was known then) and the selected organisation. */
export const staffUserMembershipsPart: ProjectionPart = {
  handles: STAFF_USER_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<StaffUserEvent>;
    const users = context.collection<StaffUserDocument>(STAFF_USERS);
    const updatedAt = event.metadata.occurredAt;
    switch (event.type) {
      case 'UserRegistered': {
        const d = event.data;
        await users.put(d.userId, {
          userId: d.userId,
          email: d.email,
          givenName: d.givenName,
          familyName: d.familyName,
          service: d.service,
          status: 'active',
          memberships: [],
          membershipOrganisationIds: [],
          selectedOrganisationId: null,
          updatedAt,
        });
        return;
      }
      case 'MembershipGranted': {
        const { userId, organisationId, role } = event.data;
        const organisation = await context.collection<StaffUserOrganisationDocument>(STAFF_USER_ORGANISATIONS).get(organisationId);
        await users.update(userId, (doc) => {
          if (!doc || doc.memberships.some((m) => m.organisationId === organisationId && m.role === role)) return doc;
          const memberships = [...doc.memberships, { organisationId, organisationName: organisation?.name ?? null, organisationType: organisation?.type ?? null, role }];
          return { ...doc, memberships, membershipOrganisationIds: organisationIdsOf(memberships), updatedAt };
        });
        return;
      }
      case 'MembershipRevoked': {
        const { userId, organisationId, role } = event.data;
        await users.update(userId, (doc) => {
          if (!doc) return null;
          const memberships = doc.memberships.filter((m) => !(m.organisationId === organisationId && m.role === role));
          const membershipOrganisationIds = organisationIdsOf(memberships);
          // As in the aggregate: with no role left there, the organisation is no longer selected.
          const selectedOrganisationId = doc.selectedOrganisationId && membershipOrganisationIds.includes(doc.selectedOrganisationId) ? doc.selectedOrganisationId : null;
          return { ...doc, memberships, membershipOrganisationIds, selectedOrganisationId, updatedAt };
        });
        return;
      }
      case 'OrganisationSelected':
        await users.update(event.data.userId, (doc) => doc && { ...doc, selectedOrganisationId: event.data.organisationId, updatedAt });
        return;
      case 'UserDeactivated':
        await users.update(event.data.userId, (doc) => doc && { ...doc, status: 'deactivated', updatedAt });
        return;
    }
  },
};
