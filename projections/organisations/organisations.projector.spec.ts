import { project } from '../../test/support/projector-spec';
import { OrganisationEvent } from '../../src/organisations/organisation.events';
import { organisationsProjection } from './organisations.projector';
import { ORGANISATIONS } from './organisations.read-model';

const stream = 'organisation-s-1';
const events: (OrganisationEvent & { streamId: string })[] = [
  { streamId: stream, type: 'OrganisationRegistered', data: { organisationId: 's-1', type: 'school', name: 'School One', parentId: 'd-1', fundingRegion: 'fringe' } },
  { streamId: stream, type: 'OrganisationOnboarded', data: { organisationId: 's-1', service: 'claims' } },
  { streamId: stream, type: 'OrganisationOnboarded', data: { organisationId: 's-1', service: 'placements' } },
  { streamId: stream, type: 'OrganisationOffboarded', data: { organisationId: 's-1', service: 'placements' } },
  { streamId: stream, type: 'OrganisationContactAdded', data: { organisationId: 's-1', contactId: 'c-1', givenName: 'Pat', familyName: 'Jones', email: 'pat@school.example' } },
  { streamId: stream, type: 'OrganisationContactAdded', data: { organisationId: 's-1', contactId: 'c-2', givenName: 'Sam', familyName: 'Ray', email: 'sam@school.example', role: 'Placement lead' } },
  { streamId: stream, type: 'OrganisationContactAdded', data: { organisationId: 's-1', contactId: 'c-1', givenName: 'Pat', familyName: 'Jones', email: 'pat@school.example', telephone: '0100' } },
  { streamId: stream, type: 'OrganisationContactRemoved', data: { organisationId: 's-1', contactId: 'c-2' } },
  { streamId: stream, type: 'SchoolEligibilityGranted', data: { organisationId: 's-1', academicYearId: 'ay-2025' } },
  { streamId: stream, type: 'GrantConditionsAccepted', data: { organisationId: 's-1', acceptedBy: 'u-1', acceptedAt: '2025-10-01T08:00:00.000Z' } },
];

describe('organisations projector', () => {
  it('shows the organisation with its contacts, onboarding flags, eligibility and grant conditions', async () => {
    const given = await project(organisationsProjection, events);
    expect(await given.get(ORGANISATIONS, 's-1')).toMatchObject({
      organisationId: 's-1',
      type: 'school',
      name: 'School One',
      fundingRegion: 'fringe',
      onboarded: { claims: true, placements: false },
      contacts: [{ contactId: 'c-1', givenName: 'Pat', familyName: 'Jones', email: 'pat@school.example', telephone: '0100', role: null }],
      eligibleAcademicYearIds: ['ay-2025'],
      grantConditionsAccepted: { acceptedBy: 'u-1', acceptedAt: '2025-10-01T08:00:00.000Z' },
    });
    await given.close();
  });

  it('a new organisation starts with no contacts, nothing onboarded and no grant conditions accepted', async () => {
    const given = await project(organisationsProjection, events.slice(0, 1));
    expect(await given.get(ORGANISATIONS, 's-1')).toMatchObject({
      onboarded: { claims: false, placements: false }, contacts: [], eligibleAcademicYearIds: [], grantConditionsAccepted: null,
    });
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(organisationsProjection, events);
    const before = await given.all(ORGANISATIONS);
    await given.replayed();
    expect(await given.all(ORGANISATIONS)).toEqual(before);
    await given.close();
  });
});
