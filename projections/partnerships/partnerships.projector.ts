import type { OrganisationEvent } from '../../src/organisations/organisation.events';
import type { PartnershipEvent } from '../../src/partnerships/partnership.events';
import type { RecordedOf } from '../../src/shared/event';
import type { ProjectionDefinition } from '../subscription/projection';
import {
  PARTNERSHIP_ORGANISATIONS, partnershipCollections, PartnershipDocument, partnershipId, PartnershipOrganisationDocument, PARTNERSHIPS,
} from './partnerships.read-model';

const HANDLES: ReadonlySet<string> = new Set(['PartnershipFormed', 'PartnershipEnded', 'OrganisationRegistered', 'OrganisationUpdated']);

export const partnershipsProjection: ProjectionDefinition = {
  name: 'partnerships',
  version: 1,
  collections: partnershipCollections,
  handles: HANDLES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<PartnershipEvent | OrganisationEvent>;
    const partnerships = context.collection<PartnershipDocument>(PARTNERSHIPS);
    const names = context.collection<PartnershipOrganisationDocument>(PARTNERSHIP_ORGANISATIONS);
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'OrganisationRegistered':
        await names.put(event.data.organisationId, { organisationId: event.data.organisationId, name: event.data.name });
        return;
      case 'OrganisationUpdated': {
        const { organisationId, name } = event.data;
        if (name === undefined) return;
        await names.put(organisationId, { organisationId, name });
        for (const doc of await partnerships.find({ schoolId: organisationId })) {
          await partnerships.update(partnershipId(doc.schoolId, doc.providerId), (current) => current && { ...current, schoolName: name });
        }
        for (const doc of await partnerships.find({ providerId: organisationId })) {
          await partnerships.update(partnershipId(doc.schoolId, doc.providerId), (current) => current && { ...current, providerName: name });
        }
        return;
      }
      case 'PartnershipFormed': {
        const { schoolId, providerId } = event.data;
        const [school, provider] = await Promise.all([names.get(schoolId), names.get(providerId)]);
        await partnerships.put(partnershipId(schoolId, providerId), {
          schoolId, schoolName: school?.name ?? null, providerId, providerName: provider?.name ?? null, status: 'active', formedAt: at, endedAt: null,
        });
        return;
      }
      case 'PartnershipEnded': {
        const { schoolId, providerId } = event.data;
        await partnerships.update(partnershipId(schoolId, providerId), (doc) => doc && { ...doc, status: 'ended', endedAt: at });
        return;
      }
      default:
        return;
    }
  },
};
