import { organisationReservations } from './organisation.reservations';
import { OrganisationState } from './organisation.decider';

const none: OrganisationState = { status: 'none' };

describe('Organisation reservations', () => {
  it('rule 2: a URN is reserved among schools and a UKPRN among providers, not for other types', () => {
    const changes = organisationReservations(
      [
        { type: 'OrganisationRegistered', data: { organisationId: 's-1', type: 'school', name: 'S', identifiers: { urn: ' 100000 ', ukprn: '1' } } },
        { type: 'OrganisationRegistered', data: { organisationId: 'p-1', type: 'provider', name: 'P', identifiers: { urn: '2', ukprn: '10000001' } } },
      ],
      none,
    );
    expect(changes.claim.map((k) => [k.kind, k.value, k.conflictCode])).toEqual([
      ['school-urn', '100000', 'UrnTaken'],
      ['provider-ukprn', '10000001', 'UkprnTaken'],
    ]);
  });

  it('rule 2: a changed URN claims the new one and frees the old', () => {
    const before: OrganisationState = {
      status: 'active', organisationId: 's-1', type: 'school', name: 'S', identifiers: { urn: '100000' },
      onboarded: { claims: false, placements: false }, contacts: [], eligibleAcademicYearIds: [],
    };
    const changes = organisationReservations([{ type: 'OrganisationUpdated', data: { organisationId: 's-1', identifiers: { urn: '100001' } } }], before);
    expect(changes.claim.map((k) => k.value)).toEqual(['100001']);
    expect(changes.release.map((k) => k.value)).toEqual(['100000']);
  });

  describe('rule 2 with merged identifiers (UpdateOrganisation)', () => {
    const before: OrganisationState = {
      status: 'active', organisationId: 's-1', type: 'school', name: 'S', identifiers: { urn: '100000' },
      onboarded: { claims: false, placements: false }, contacts: [], eligibleAcademicYearIds: [],
    };
    const update = (identifiers: { ncesId: string; urn?: string } | { urn?: string }) => organisationReservations([{ type: 'OrganisationUpdated', data: { organisationId: 's-1', identifiers } }], before);
    it('another identifier added beside the URN keeps its reservation: nothing claimed, nothing released', () => {
      expect(update({ urn: '100000', ncesId: 'N-1' })).toEqual({ claim: [], release: [] });
    });
    it('the URN removed releases it', () => {
      const changes = update({});
      expect([changes.claim, changes.release.map((k) => [k.kind, k.value])]).toEqual([[], [['school-urn', '100000']]]);
    });
  });
});
