import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { StaffUserCommand, StaffUserCommandMessage } from './staff-user.commands';
import { DeactivateUserDto, MembershipDto, RegisterUserDto, SelectOrganisationDto } from './staff-user.dto';

const route = <D extends object>(name: StaffUserCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new StaffUserCommandMessage({ ...(instanceToPlain(body) as object), type: name } as StaffUserCommand, envelope),
});

export const staffUserRoutes: CommandRoute[] = [
  route('RegisterUser', RegisterUserDto, 'userId'),
  route('GrantMembership', MembershipDto),
  route('RevokeMembership', MembershipDto),
  route('SelectOrganisation', SelectOrganisationDto),
  route('DeactivateUser', DeactivateUserDto),
];
