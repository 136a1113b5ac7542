import { project } from '../../test/support/projector-spec';
import { OrganisationEvent } from '../../src/organisations/organisation.events';
import { StaffUserEvent } from '../../src/staff-users/staff-user.events';
import { staffUsersProjection } from './staff-users.projector';
import { STAFF_USERS } from './staff-users.read-model';

const events: ((OrganisationEvent | StaffUserEvent) & { streamId: string })[] = [
  { streamId: 'organisation-s-1', type: 'OrganisationRegistered', data: { organisationId: 's-1', type: 'school', name: 'North School' } },
  { streamId: 'organisation-s-2', type: 'OrganisationRegistered', data: { organisationId: 's-2', type: 'school', name: 'South School' } },
  { streamId: 'user-u-1', type: 'UserRegistered', data: { userId: 'u-1', email: 'ann@example.org', givenName: 'Ann', familyName: 'Lee', service: 'roster' } },
  { streamId: 'user-u-1', type: 'MembershipGranted', data: { userId: 'u-1', organisationId: 's-1', role: 'teacher' } },
  { streamId: 'user-u-1', type: 'MembershipGranted', data: { userId: 'u-1', organisationId: 's-2', role: 'administrator' } },
  { streamId: 'user-u-1', type: 'MembershipGranted', data: { userId: 'u-1', organisationId: 's-2', role: 'counselor' } },
  { streamId: 'user-u-1', type: 'OrganisationSelected', data: { userId: 'u-1', organisationId: 's-2' } },
  { streamId: 'organisation-s-2', type: 'OrganisationUpdated', data: { organisationId: 's-2', name: 'South Academy' } },
  { streamId: 'user-u-1', type: 'MembershipRevoked', data: { userId: 'u-1', organisationId: 's-2', role: 'counselor' } },
];

describe('staff-users projector', () => {
  it('shows every membership with the organisation’s current name and type', async () => {
    const given = await project(staffUsersProjection, events);
    expect(await given.get(STAFF_USERS, 'u-1')).toMatchObject({
      userId: 'u-1',
      email: 'ann@example.org',
      status: 'active',
      memberships: [
        { organisationId: 's-1', organisationName: 'North School', organisationType: 'school', role: 'teacher' },
        { organisationId: 's-2', organisationName: 'South Academy', organisationType: 'school', role: 'administrator' },
      ],
      selectedOrganisationId: 's-2',
    });
    await given.close();
  });

  it('revoking the last role at the selected organisation unselects it; deactivation is shown', async () => {
    const given = await project(staffUsersProjection, [
      ...events,
      { streamId: 'user-u-1', type: 'MembershipRevoked', data: { userId: 'u-1', organisationId: 's-2', role: 'administrator' } },
      { streamId: 'user-u-1', type: 'UserDeactivated', data: { userId: 'u-1' } },
    ]);
    expect(await given.get(STAFF_USERS, 'u-1')).toMatchObject({
      status: 'deactivated',
      memberships: [{ organisationId: 's-1', role: 'teacher' }],
      membershipOrganisationIds: ['s-1'],
      selectedOrganisationId: null,
    });
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(staffUsersProjection, events);
    const before = await given.all(STAFF_USERS);
    await given.replayed();
    expect(await given.all(STAFF_USERS)).toEqual(before);
    await given.close();
  });
});
