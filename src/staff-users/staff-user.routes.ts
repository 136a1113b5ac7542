import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { aggregate, ANY_TOKEN, organisations, scopedTo } from '../scopes/command-scope';
import { StaffUserCommand, StaffUserCommandMessage } from './staff-user.commands';
import { DeactivateUserDto, MembershipDto, RegisterUserDto, SelectOrganisationDto } from './staff-user.dto';

const route = commandRouteFor<StaffUserCommand>(StaffUserCommandMessage);

export const staffUserRoutes: CommandRoute[] = [
  route('RegisterUser', RegisterUserDto, scopedTo((d) => [aggregate('user', d.userId, ANY_TOKEN)]), 'userId'),
  route('GrantMembership', MembershipDto, scopedTo((d) => [organisations(d.organisationId)], (d) => d.role === 'support')),
  route('RevokeMembership', MembershipDto, scopedTo((d) => [organisations(d.organisationId)], (d) => d.role === 'support')),
  route('SelectOrganisation', SelectOrganisationDto, scopedTo((d) => [aggregate('user', d.userId), organisations(d.organisationId)])),
  route('DeactivateUser', DeactivateUserDto, scopedTo((d) => [aggregate('user', d.userId)])),
];
