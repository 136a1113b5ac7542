import { specFor } from '../../test/support/decider-spec';
import { staffUserDecider, StaffUserLookups } from './staff-user.decider';
import { MembershipRole, StaffUserEvent } from './staff-user.events';

const school = (id = 's-1', closed = false): StaffUserLookups => ({ organisation: { id, type: 'school', closed } });
const spec = specFor(staffUserDecider, school());
const registered = (email = 'ann@school.example'): StaffUserEvent => ({
  type: 'UserRegistered',
  data: { userId: 'u-1', email, givenName: 'Ann', familyName: 'Lee', service: 'roster' },
});
const granted = (organisationId: string, role: MembershipRole): StaffUserEvent => ({ type: 'MembershipGranted', data: { userId: 'u-1', organisationId, role } });
const grant = (organisationId: string, role: MembershipRole) => ({ type: 'GrantMembership' as const, userId: 'u-1', organisationId, role });

describe('StaffUser decider', () => {
  it('registers a user in the roster service by default', () => {
    spec.given().when({ type: 'RegisterUser', userId: 'u-1', email: 'ann@school.example', givenName: 'Ann', familyName: 'Lee' }).then([registered()]);
  });

  it('registering the same user again decides nothing; with other details it is AlreadyExists', () => {
    spec.given([registered()]).when({ type: 'RegisterUser', userId: 'u-1', email: 'ann@school.example', givenName: 'Ann', familyName: 'Lee', service: 'roster' }).then([]);
    spec.given([registered()]).when({ type: 'RegisterUser', userId: 'u-1', email: 'ann@school.example', givenName: 'Ann', familyName: 'Lee', service: 'claims' }).thenFails('AlreadyExists');
  });

  describe('rule: one membership per (user, organisation, role), any number of organisations and roles', () => {
    it('one person teaches at one school and administers another (seed 000 "one email per role")', () => {
      spec.given([registered(), granted('s-1', 'teacher')]).when(grant('s-2', 'administrator'), { lookups: school('s-2') }).then([granted('s-2', 'administrator')]);
    });
    it('takes a second role at the same organisation', () => {
      spec.given([registered(), granted('s-1', 'teacher')]).when(grant('s-1', 'counselor')).then([granted('s-1', 'counselor')]);
    });
    it('granting the same membership again decides nothing', () => {
      spec.given([registered(), granted('s-1', 'teacher')]).when(grant('s-1', 'teacher')).then([]);
    });
  });

  describe('rule: the organisation must exist', () => {
    it('refuses a membership at an organisation that does not exist', () => {
      spec.given([registered()]).when(grant('nope', 'teacher'), { lookups: { organisation: { id: 'nope', type: null, closed: false } } }).thenFails('OrganisationNotFound');
    });
    it('refuses a membership at a closed organisation', () => {
      spec.given([registered()]).when(grant('s-1', 'teacher'), { lookups: school('s-1', true) }).thenFails('OrganisationClosed');
    });
  });

  describe('rule: a user cannot revoke their own membership', () => {
    it('refuses when the acting user is the user', () => {
      const failure = spec
        .given([registered(), granted('s-1', 'administrator')])
        .when({ type: 'RevokeMembership', userId: 'u-1', organisationId: 's-1', role: 'administrator' }, { actingUserId: 'u-1' })
        .thenFails('CannotRevokeOwnMembership');
      expect(failure.kind).toBe('forbidden');
    });
    it('refuses without an acting user, so leaving X-Acting-User out cannot sidestep the rule', () => {
      const failure = spec
        .given([registered(), granted('s-1', 'administrator')])
        .when({ type: 'RevokeMembership', userId: 'u-1', organisationId: 's-1', role: 'administrator' })
        .thenFails('ActingUserRequired');
      expect(failure.kind).toBe('forbidden');
    });
    it('another user may revoke it; revoking again decides nothing', () => {
      const given = [registered(), granted('s-1', 'administrator')];
      const revoke = { type: 'RevokeMembership' as const, userId: 'u-1', organisationId: 's-1', role: 'administrator' as const };
      spec.given(given).when(revoke, { actingUserId: 'u-2' }).then([{ type: 'MembershipRevoked', data: { userId: 'u-1', organisationId: 's-1', role: 'administrator' } }]);
      spec.given([...given, { type: 'MembershipRevoked', data: { userId: 'u-1', organisationId: 's-1', role: 'administrator' } }]).when(revoke, { actingUserId: 'u-2' }).then([]);
    });
  });

  describe('rule: support requires an @education.gov.uk address', () => {
    it('refuses support for another address', () => {
      spec.given([registered('ann@education.gov.uk.example')]).when(grant('s-1', 'support')).thenFails('SupportEmailRequired');
    });
    it('grants support to an @education.gov.uk address, whatever its case', () => {
      spec.given([registered('Ann.Lee@Education.GOV.UK')]).when(grant('s-1', 'support')).then([granted('s-1', 'support')]);
    });
  });

  describe('rule: SelectOrganisation needs a membership there', () => {
    it('refuses an organisation the user has no membership at', () => {
      spec.given([registered(), granted('s-1', 'teacher')]).when({ type: 'SelectOrganisation', userId: 'u-1', organisationId: 's-2' }).thenFails('NoMembership');
    });
    it('selects an organisation the user is a member of', () => {
      spec.given([registered(), granted('s-1', 'teacher')]).when({ type: 'SelectOrganisation', userId: 'u-1', organisationId: 's-1' }).then([
        { type: 'OrganisationSelected', data: { userId: 'u-1', organisationId: 's-1' } },
      ]);
    });
    it('revoking the last role at the selected organisation unselects it', () => {
      const state = spec
        .given([registered(), granted('s-1', 'teacher'), { type: 'OrganisationSelected', data: { userId: 'u-1', organisationId: 's-1' } }])
        .when({ type: 'RevokeMembership', userId: 'u-1', organisationId: 's-1', role: 'teacher' }, { actingUserId: 'u-2' })
        .state();
      expect(state).toMatchObject({ memberships: [] });
      expect(state).not.toHaveProperty('selectedOrganisationId');
    });
  });

  describe('rule: a deactivated user takes no new memberships', () => {
    const deactivated: StaffUserEvent = { type: 'UserDeactivated', data: { userId: 'u-1' } };
    it('refuses a new membership', () => {
      spec.given([registered(), deactivated]).when(grant('s-1', 'teacher')).thenFails('UserDeactivated');
    });
    it('deactivating twice decides nothing the second time', () => {
      spec.given([registered(), deactivated]).when({ type: 'DeactivateUser', userId: 'u-1' }).then([]);
    });
  });

  it('commands for a user that does not exist are NotFound', () => {
    spec.given().when(grant('s-1', 'teacher')).thenFails('NotFound');
  });
});
