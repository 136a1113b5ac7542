import { SPEC_NOW, specFor } from '../../test/support/decider-spec';
import { organisationDecider, OrganisationLookups } from './organisation.decider';
import { OrganisationEvent } from './organisation.events';

const district = (id = 'd-1'): OrganisationEvent => ({ type: 'OrganisationRegistered', data: { organisationId: id, type: 'district', name: 'District One' } });
const parent = (id: string, type: 'district' | 'trust' | 'school' | 'provider', ancestorIds: string[] = [], closed = false) => ({
  parent: { id, type, closed, ancestorIds },
});
const school = (id = 's-1'): OrganisationEvent => ({ type: 'OrganisationRegistered', data: { organisationId: id, type: 'school', name: 'School One', parentId: 'd-1' } });
const closed = (id = 's-1'): OrganisationEvent => ({ type: 'OrganisationClosed', data: { organisationId: id } });
const onboarded = (service: 'claims' | 'placements', id = 's-1'): OrganisationEvent => ({ type: 'OrganisationOnboarded', data: { organisationId: id, service } });
const spec = specFor(organisationDecider, {} as OrganisationLookups);

describe('Organisation decider', () => {
  it('registers a school under a district', () => {
    spec
      .given()
      .when({ type: 'RegisterOrganisation', organisationId: 's-1', organisationType: 'school', name: 'School One', parentId: 'd-1' }, { lookups: parent('d-1', 'district') })
      .then([{ type: 'OrganisationRegistered', data: { organisationId: 's-1', type: 'school', name: 'School One', parentId: 'd-1' } }]);
  });

  it('repeating the same registration decides nothing (natural idempotency)', () => {
    spec.given([district()]).when({ type: 'RegisterOrganisation', organisationId: 'd-1', organisationType: 'district', name: 'District One' }).then([]);
  });

  it('registering an existing id with other details is AlreadyExists', () => {
    spec.given([district()]).when({ type: 'RegisterOrganisation', organisationId: 'd-1', organisationType: 'district', name: 'Other' }).thenFails('AlreadyExists');
  });

  describe('rule 1: the parent exists, a school’s parent is a district or trust, no cycles', () => {
    it('refuses a parent that does not exist', () => {
      spec.given().when({ type: 'RegisterOrganisation', organisationId: 's-1', organisationType: 'school', name: 'S', parentId: 'nope' }, { lookups: { parent: { id: 'nope', type: null, closed: false, ancestorIds: [] } } }).thenFails('ParentNotFound');
    });
    it('refuses a provider as a school’s parent', () => {
      spec.given().when({ type: 'RegisterOrganisation', organisationId: 's-1', organisationType: 'school', name: 'S', parentId: 'p-1' }, { lookups: parent('p-1', 'provider') }).thenFails('InvalidParent');
    });
    it('accepts a trust as a school’s parent', () => {
      spec.given().when({ type: 'RegisterOrganisation', organisationId: 's-1', organisationType: 'school', name: 'S', parentId: 't-1' }, { lookups: parent('t-1', 'trust') }).then([
        { type: 'OrganisationRegistered', data: { organisationId: 's-1', type: 'school', name: 'S', parentId: 't-1' } },
      ]);
    });
    it.each(['district', 'trust', 'provider'] as const)('a %s has no parent: InvalidParent, whatever the parent is', (organisationType) => {
      for (const parentType of ['district', 'trust', 'school', 'provider'] as const) {
        spec.given().when({ type: 'RegisterOrganisation', organisationId: 'o-1', organisationType, name: 'O', parentId: 'x-1' }, { lookups: parent('x-1', parentType) }).thenFails('InvalidParent');
      }
      spec.given().when({ type: 'RegisterOrganisation', organisationId: 'o-1', organisationType, name: 'O', parentId: 'nope' }, { lookups: { parent: { id: 'nope', type: null, closed: false, ancestorIds: [] } } }).thenFails('InvalidParent');
      const registered: OrganisationEvent = { type: 'OrganisationRegistered', data: { organisationId: 'o-1', type: organisationType, name: 'O' } };
      spec.given([registered]).when({ type: 'UpdateOrganisation', organisationId: 'o-1', parentId: 't-2' }, { lookups: parent('t-2', 'trust') }).thenFails('InvalidParent');
    });
    it('refuses a parent whose ancestors include the organisation (only stored data from before rule 1 could hold such a chain)', () => {
      spec.given([school()]).when({ type: 'UpdateOrganisation', organisationId: 's-1', parentId: 'd-2' }, { lookups: parent('d-2', 'district', ['s-1']) }).thenFails('OrganisationHierarchyCycle');
    });
  });

  describe('rule 2: UpdateOrganisation merges identifiers key by key', () => {
    const withIds: OrganisationEvent = {
      type: 'OrganisationRegistered',
      data: { organisationId: 's-1', type: 'school', name: 'School One', parentId: 'd-1', identifiers: { urn: '100000', leaCode: '201' } },
    };
    it('an identifier sent alone is added beside the others, which are kept', () => {
      spec.given([withIds]).when({ type: 'UpdateOrganisation', organisationId: 's-1', identifiers: { ncesId: 'N-1' } }).then([
        { type: 'OrganisationUpdated', data: { organisationId: 's-1', identifiers: { urn: '100000', leaCode: '201', ncesId: 'N-1' } } },
      ]);
    });
    it('null removes one identifier and keeps the rest', () => {
      spec.given([withIds]).when({ type: 'UpdateOrganisation', organisationId: 's-1', identifiers: { urn: null } }).then([
        { type: 'OrganisationUpdated', data: { organisationId: 's-1', identifiers: { leaCode: '201' } } },
      ]);
    });
    it('a value replaces that identifier only', () => {
      spec.given([withIds]).when({ type: 'UpdateOrganisation', organisationId: 's-1', identifiers: { urn: '100001' } }).then([
        { type: 'OrganisationUpdated', data: { organisationId: 's-1', identifiers: { urn: '100001', leaCode: '201' } } },
      ]);
    });
    it('identifiers that change nothing (the same values, or null for one it does not have) decide nothing', () => {
      spec.given([withIds]).when({ type: 'UpdateOrganisation', organisationId: 's-1', identifiers: { urn: '100000', ncesId: null } }).then([]);
      spec.given([district()]).when({ type: 'UpdateOrganisation', organisationId: 'd-1', identifiers: { ncesId: null } }).then([]);
    });
    it('a registration keeps no null identifier', () => {
      spec.given().when({ type: 'RegisterOrganisation', organisationId: 'd-9', organisationType: 'district', name: 'D', identifiers: { leaCode: '7', ncesId: null } as never }).then([
        { type: 'OrganisationRegistered', data: { organisationId: 'd-9', type: 'district', name: 'D', identifiers: { leaCode: '7' } } },
      ]);
    });
  });

  it('rule 3: refuses a latitude outside [-90, 90] and a longitude outside [-180, 180], accepts both bounds', () => {
    const at = (latitude: number, longitude: number) => ({ type: 'RegisterOrganisation', organisationId: 'p-1', organisationType: 'provider', name: 'P', location: { latitude, longitude } }) as const;
    for (const [latitude, longitude] of [[91, 0], [-90.5, 0], [0, 180.5], [0, -181]]) spec.given().when(at(latitude, longitude)).thenFails('InvalidLocation');
    for (const [latitude, longitude] of [[90, 180], [-90, -180]]) {
      spec.given().when(at(latitude, longitude)).then([{ type: 'OrganisationRegistered', data: { organisationId: 'p-1', type: 'provider', name: 'P', location: { latitude, longitude } } }]);
    }
    spec.given([district()]).when({ type: 'UpdateOrganisation', organisationId: 'd-1', location: { latitude: 10, longitude: 200 } }).thenFails('InvalidLocation');
  });

  it('rule 4: a closed organisation takes no updates', () => {
    spec.given([district(), { type: 'OrganisationClosed', data: { organisationId: 'd-1' } }]).when({ type: 'UpdateOrganisation', organisationId: 'd-1', name: 'New' }).thenFails('OrganisationClosed');
  });

  it('an update records only the fields that changed', () => {
    spec.given([district()]).when({ type: 'UpdateOrganisation', organisationId: 'd-1', name: 'District One', telephone: '0100' }).then([
      { type: 'OrganisationUpdated', data: { organisationId: 'd-1', telephone: '0100' } },
    ]);
  });

  it('closing twice decides nothing the second time', () => {
    spec.given([district(), { type: 'OrganisationClosed', data: { organisationId: 'd-1' } }]).when({ type: 'CloseOrganisation', organisationId: 'd-1' }).then([]);
  });

  describe('onboarding into a service', () => {
    it('onboards a school into claims and, separately, placements (seed 004)', () => {
      spec.given([school()]).when({ type: 'OnboardOrganisation', organisationId: 's-1', service: 'claims' }).then([
        { type: 'OrganisationOnboarded', data: { organisationId: 's-1', service: 'claims' } },
      ]);
      const state = spec.given([school(), onboarded('claims')]).when({ type: 'OnboardOrganisation', organisationId: 's-1', service: 'placements' }).state();
      expect(state).toMatchObject({ onboarded: { claims: true, placements: true } });
    });
    it('onboarding again decides nothing; offboarding one that is not onboarded decides nothing', () => {
      spec.given([school(), onboarded('claims')]).when({ type: 'OnboardOrganisation', organisationId: 's-1', service: 'claims' }).then([]);
      spec.given([school(), onboarded('claims')]).when({ type: 'OffboardOrganisation', organisationId: 's-1', service: 'placements' }).then([]);
    });
    it('offboards a service', () => {
      spec.given([school(), onboarded('claims')]).when({ type: 'OffboardOrganisation', organisationId: 's-1', service: 'claims' }).then([
        { type: 'OrganisationOffboarded', data: { organisationId: 's-1', service: 'claims' } },
      ]);
    });
    it('rule 4: a closed organisation is not onboarded, but may be offboarded', () => {
      spec.given([school(), closed()]).when({ type: 'OnboardOrganisation', organisationId: 's-1', service: 'placements' }).thenFails('OrganisationClosed');
      spec.given([school(), onboarded('claims'), closed()]).when({ type: 'OffboardOrganisation', organisationId: 's-1', service: 'claims' }).then([
        { type: 'OrganisationOffboarded', data: { organisationId: 's-1', service: 'claims' } },
      ]);
    });
    it('an organisation that does not exist is NotFound', () => {
      spec.given().when({ type: 'OnboardOrganisation', organisationId: 's-1', service: 'claims' }).thenFails('NotFound');
    });
  });

  describe('contacts', () => {
    const contact = { contactId: 'c-1', givenName: 'Pat', familyName: 'Jones', email: 'pat@school.example', role: 'Placement lead' };
    const added: OrganisationEvent = { type: 'OrganisationContactAdded', data: { organisationId: 's-1', ...contact } };
    it('adds a contact', () => {
      spec.given([school()]).when({ type: 'AddOrganisationContact', organisationId: 's-1', ...contact }).then([added]);
    });
    it('adding the same contact again decides nothing; changed details replace it', () => {
      spec.given([school(), added]).when({ type: 'AddOrganisationContact', organisationId: 's-1', ...contact }).then([]);
      const state = spec.given([school(), added]).when({ type: 'AddOrganisationContact', organisationId: 's-1', ...contact, telephone: '0100' }).state();
      expect(state).toMatchObject({ contacts: [{ ...contact, telephone: '0100' }] });
    });
    it('removes a contact; removing it again decides nothing', () => {
      spec.given([school(), added]).when({ type: 'RemoveOrganisationContact', organisationId: 's-1', contactId: 'c-1' }).then([
        { type: 'OrganisationContactRemoved', data: { organisationId: 's-1', contactId: 'c-1' } },
      ]);
      spec.given([school()]).when({ type: 'RemoveOrganisationContact', organisationId: 's-1', contactId: 'c-1' }).then([]);
    });
    it('rule 4: a closed organisation takes no new contacts', () => {
      spec.given([school(), closed()]).when({ type: 'AddOrganisationContact', organisationId: 's-1', ...contact }).thenFails('OrganisationClosed');
    });
  });

  describe('GrantSchoolEligibility (claims reference data)', () => {
    const grant = { type: 'GrantSchoolEligibility' as const, schoolId: 's-1', academicYearId: 'ay-2025' };
    it('makes the school eligible for the academic year', () => {
      spec.given([school()]).when(grant, { lookups: { academicYearExists: true } }).then([
        { type: 'SchoolEligibilityGranted', data: { organisationId: 's-1', academicYearId: 'ay-2025' } },
      ]);
    });
    it('granting again decides nothing', () => {
      spec.given([school(), { type: 'SchoolEligibilityGranted', data: { organisationId: 's-1', academicYearId: 'ay-2025' } }]).when(grant, { lookups: { academicYearExists: true } }).then([]);
    });
    it('refuses an academic year that does not exist', () => {
      spec.given([school()]).when(grant, { lookups: { academicYearExists: false } }).thenFails('AcademicYearNotFound');
    });
    it('refuses an organisation that is not a school, or does not exist', () => {
      spec.given([district('s-1')]).when(grant, { lookups: { academicYearExists: true } }).thenFails('NotASchool');
      spec.given().when(grant, { lookups: { academicYearExists: true } }).thenFails('NotFound');
    });
    it('rule 4: a closed school is granted nothing new', () => {
      spec.given([school(), closed()]).when(grant, { lookups: { academicYearExists: true } }).thenFails('OrganisationClosed');
    });
  });

  describe('AcceptGrantConditions (actor: a school user)', () => {
    const accept = { type: 'AcceptGrantConditions' as const, schoolId: 's-1' };
    const member = (organisationIds = ['s-1'], active = true) => ({ actingUser: { userId: 'u-1', active, organisationIds } });
    it('records who accepted and when', () => {
      spec.given([school()]).when(accept, { actingUserId: 'u-1', lookups: member() }).then([
        { type: 'GrantConditionsAccepted', data: { organisationId: 's-1', acceptedBy: 'u-1', acceptedAt: SPEC_NOW.toISOString() } },
      ]);
    });
    it('needs an acting user', () => {
      const failure = spec.given([school()]).when(accept).thenFails('ActingUserRequired');
      expect(failure.kind).toBe('forbidden');
    });
    it('refuses a user without a membership at the school, an unknown user and a deactivated one', () => {
      expect(spec.given([school()]).when(accept, { actingUserId: 'u-1', lookups: member(['s-2']) }).thenFails('NotASchoolUser').kind).toBe('forbidden');
      spec.given([school()]).when(accept, { actingUserId: 'u-9', lookups: { actingUser: null } }).thenFails('NotASchoolUser');
      spec.given([school()]).when(accept, { actingUserId: 'u-1', lookups: member(['s-1'], false) }).thenFails('NotASchoolUser');
    });
    it('accepting again decides nothing', () => {
      const accepted: OrganisationEvent = { type: 'GrantConditionsAccepted', data: { organisationId: 's-1', acceptedBy: 'u-1', acceptedAt: '2025-09-01T10:00:00.000Z' } };
      spec.given([school(), accepted]).when(accept, { actingUserId: 'u-1', lookups: member() }).then([]);
    });
    it('rule 4: a closed school accepts nothing new', () => {
      spec.given([school(), closed()]).when(accept, { actingUserId: 'u-1', lookups: member() }).thenFails('OrganisationClosed');
    });
  });
});
