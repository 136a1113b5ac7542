import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { aggregate, ANY_TOKEN, CommandScope, organisations, scopedTo } from '../scopes/command-scope';
import { StaffUserCommand, StaffUserCommandMessage } from './staff-user.commands';
import { DeactivateUserDto, MembershipDto, RegisterUserDto, SelectOrganisationDto } from './staff-user.dto';

const route = <D extends object>(name: StaffUserCommand['type'], dto: CommandRoute<D>['dto'], scope: CommandScope<D>, generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  scope,
  generatedId,
  toCommand: (body, envelope) => new StaffUserCommandMessage({ ...(instanceToPlain(body) as object), type: name } as StaffUserCommand, envelope),
});

export const staffUserRoutes: CommandRoute[] = [
  route('RegisterUser', RegisterUserDto, scopedTo((d) => [aggregate('user', d.userId, ANY_TOKEN)]), 'userId'),
  route('GrantMembership', MembershipDto, scopedTo((d) => [organisations(d.organisationId)], (d) => d.role === 'support')),
  route('RevokeMembership', MembershipDto, scopedTo((d) => [organisations(d.organisationId)], (d) => d.role === 'support')),
  route('SelectOrganisation', SelectOrganisationDto, scopedTo((d) => [aggregate('user', d.userId), organisations(d.organisationId)])),
  route('DeactivateUser', DeactivateUserDto, scopedTo((d) => [aggregate('user', d.userId)])),
];
