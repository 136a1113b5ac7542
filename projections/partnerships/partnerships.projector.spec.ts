import { project } from '../../test/support/projector-spec';
import { OrganisationEvent } from '../../src/organisations/organisation.events';
import { PartnershipEvent } from '../../src/partnerships/partnership.events';
import { partnershipsProjection } from './partnerships.projector';
import { PARTNERSHIPS } from './partnerships.read-model';

const events: ((PartnershipEvent | OrganisationEvent) & { streamId: string; occurredAt?: string })[] = [
  { streamId: 'organisation-s-1', type: 'OrganisationRegistered', data: { organisationId: 's-1', type: 'school', name: 'Oak School' } },
  { streamId: 'organisation-p-1', type: 'OrganisationRegistered', data: { organisationId: 'p-1', type: 'provider', name: 'North SCITT' } },
  { streamId: 'partnership-s-1.p-1', occurredAt: '2025-09-01T09:00:00.000Z', type: 'PartnershipFormed', data: { schoolId: 's-1', providerId: 'p-1' } },
  { streamId: 'organisation-p-1', type: 'OrganisationUpdated', data: { organisationId: 'p-1', name: 'North West SCITT' } },
  { streamId: 'partnership-s-1.p-1', occurredAt: '2026-01-01T09:00:00.000Z', type: 'PartnershipEnded', data: { schoolId: 's-1', providerId: 'p-1' } },
];

describe('partnerships projector', () => {
  it('keeps one document per pair with both names, following renames and the end of the partnership', async () => {
    const given = await project(partnershipsProjection, events);
    expect(await given.get(PARTNERSHIPS, 's-1|p-1')).toEqual({
      schoolId: 's-1', schoolName: 'Oak School', providerId: 'p-1', providerName: 'North West SCITT', status: 'ended',
      formedAt: '2025-09-01T09:00:00.000Z', endedAt: '2026-01-01T09:00:00.000Z',
    });
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(partnershipsProjection, events);
    const before = await given.all(PARTNERSHIPS);
    await given.replayed();
    expect(await given.all(PARTNERSHIPS)).toEqual(before);
    await given.close();
  });
});
