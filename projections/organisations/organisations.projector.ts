import type { OrganisationEvent } from '../../src/organisations/organisation.events';
import type { RecordedOf } from '../../src/shared/event';
import { ORGANISATION_EVENT_TYPES } from '../../src/organisations/organisation.events';
import type { ProjectionDefinition } from '../subscription/projection';
import { organisationIndexes, ORGANISATIONS, OrganisationDocument } from './organisations.read-model';

export const organisationsProjection: ProjectionDefinition = {
  name: 'organisations',
  version: 1,
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
    }
  },
};
