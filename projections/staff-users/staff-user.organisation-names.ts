import type { OrganisationRegistered, OrganisationUpdated } from '../../src/organisations/organisation.events';
import type { RecordedOf } from '../../src/shared/event';
import type { ProjectionPart } from '../subscription/compose';
import { STAFF_USER_ORGANISATIONS, STAFF_USERS, StaffUserDocument, StaffUserOrganisationDocument } from './staff-users.read-model';

/** Organisation names and types for labelling memberships; a rename relabels the memberships already held. */
export const organisationNamesPart: ProjectionPart = {
  handles: new Set(['OrganisationRegistered', 'OrganisationUpdated']),
  async apply(recorded, context) {
    const event = recorded as RecordedOf<OrganisationRegistered | OrganisationUpdated>;
    const organisations = context.collection<StaffUserOrganisationDocument>(STAFF_USER_ORGANISATIONS);
    switch (event.type) {
      case 'OrganisationRegistered': {
        const { organisationId, name, type } = event.data;
        await organisations.put(organisationId, { organisationId, name, type });
        return;
      }
      case 'OrganisationUpdated': {
        const { organisationId, name } = event.data;
        if (name === undefined) return;
        await organisations.update(organisationId, (doc) => doc && { ...doc, name });
        const users = context.collection<StaffUserDocument>(STAFF_USERS);
        for (const user of await users.find({ membershipOrganisationIds: { $contains: organisationId } })) {
          await users.update(user.userId, (doc) =>
            doc && { ...doc, memberships: doc.memberships.map((m) => (m.organisationId === organisationId ? { ...m, organisationName: name } : m)) },
          );
        }
        return;
      }
    }
  },
};
