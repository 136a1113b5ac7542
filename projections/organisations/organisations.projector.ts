import type { OrganisationEvent } from '../../src/organisations/organisation.events';
import type { RecordedOf } from '../../src/shared/event';
import { ORGANISATION_EVENT_TYPES } from '../../src/organisations/organisation.events';
import type { ProjectionDefinition } from '../subscription/projection';
import { OrganisationContactEntry, organisationIndexes, ORGANISATIONS, OrganisationDocument } from './organisations.read-model';

export const organisationsProjection: ProjectionDefinition = {
  name: 'organisations',
  version: 2,
  collections: { [ORGANISATIONS]: organisationIndexes },
  handles: ORGANISATION_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<OrganisationEvent>;
    const organisations = context.collection<OrganisationDocument>(ORGANISATIONS);
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'OrganisationRegistered': {
        const d = event.data;
        await organisations.put(d.organisationId, {
          organisationId: d.organisationId,
          type: d.type,
          name: d.name,
          status: 'active',
          parentId: d.parentId ?? null,
          identifiers: d.identifiers ?? {},
          address: d.address ?? null,
          location: d.location ?? null,
          email: d.email ?? null,
          telephone: d.telephone ?? null,
          website: d.website ?? null,
          fundingRegion: d.fundingRegion ?? null,
          accredited: d.accredited ?? null,
          onboarded: { claims: false, placements: false },
          contacts: [],
          eligibleAcademicYearIds: [],
          grantConditionsAccepted: null,
          updatedAt: at,
        });
        return;
      }
      case 'OrganisationUpdated': {
        const { organisationId, ...changes } = event.data;
        await organisations.update(organisationId, (doc) => doc && { ...doc, ...changes, updatedAt: at });
        return;
      }
      case 'OrganisationClosed':
        await organisations.update(event.data.organisationId, (doc) => doc && { ...doc, status: 'closed', updatedAt: at });
        return;
      case 'OrganisationOnboarded':
      case 'OrganisationOffboarded': {
        const { organisationId, service } = event.data;
        const onboarded = event.type === 'OrganisationOnboarded';
        await organisations.update(organisationId, (doc) => doc && { ...doc, onboarded: { ...doc.onboarded, [service]: onboarded }, updatedAt: at });
        return;
      }
      case 'OrganisationContactAdded': {
        const { organisationId, contactId, givenName, familyName, email, telephone, role } = event.data;
        const contact: OrganisationContactEntry = { contactId, givenName, familyName, email, telephone: telephone ?? null, role: role ?? null };
        // Same contactId again replaces the contact in place, keeping its order.
        await organisations.update(organisationId, (doc) => {
          if (!doc) return null;
          const known = doc.contacts.some((c) => c.contactId === contactId);
          const contacts = known ? doc.contacts.map((c) => (c.contactId === contactId ? contact : c)) : [...doc.contacts, contact];
          return { ...doc, contacts, updatedAt: at };
        });
        return;
      }
      case 'OrganisationContactRemoved': {
        const { organisationId, contactId } = event.data;
        await organisations.update(organisationId, (doc) => doc && { ...doc, contacts: doc.contacts.filter((c) => c.contactId !== contactId), updatedAt: at });
        return;
      }
      case 'SchoolEligibilityGranted': {
        const { organisationId, academicYearId } = event.data;
        await organisations.update(organisationId, (doc) => {
          if (!doc || doc.eligibleAcademicYearIds.includes(academicYearId)) return doc;
          return { ...doc, eligibleAcademicYearIds: [...doc.eligibleAcademicYearIds, academicYearId], updatedAt: at };
        });
        return;
      }
      case 'GrantConditionsAccepted': {
        const { organisationId, acceptedBy, acceptedAt } = event.data;
        await organisations.update(organisationId, (doc) => doc && { ...doc, grantConditionsAccepted: { acceptedBy, acceptedAt }, updatedAt: at });
        return;
      }
    }
  },
};
