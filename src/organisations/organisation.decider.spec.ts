import { specFor } from '../../test/support/decider-spec';
import { organisationDecider, OrganisationLookups } from './organisation.decider';
import { OrganisationEvent } from './organisation.events';

const district = (id = 'd-1'): OrganisationEvent => ({ type: 'OrganisationRegistered', data: { organisationId: id, type: 'district', name: 'District One' } });
const parent = (id: string, type: 'district' | 'trust' | 'school' | 'provider', ancestorIds: string[] = [], closed = false) => ({
  parent: { id, type, closed, ancestorIds },
});
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
    it('refuses a parent whose ancestors include the organisation (a cycle)', () => {
      const trust: OrganisationEvent = { type: 'OrganisationRegistered', data: { organisationId: 't-1', type: 'trust', name: 'T' } };
      spec.given([trust]).when({ type: 'UpdateOrganisation', organisationId: 't-1', parentId: 't-2' }, { lookups: parent('t-2', 'trust', ['t-1']) }).thenFails('OrganisationHierarchyCycle');
    });
  });

  it('rule 3: refuses a latitude outside [-90, 90]', () => {
    spec.given().when({ type: 'RegisterOrganisation', organisationId: 'p-1', organisationType: 'provider', name: 'P', location: { latitude: 91, longitude: 0 } }).thenFails('InvalidLocation');
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
});
