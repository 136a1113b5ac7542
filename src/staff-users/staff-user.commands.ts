import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { MembershipRole, StaffService } from './staff-user.events';

export type RegisterUser = { type: 'RegisterUser'; userId: string; email: string; givenName: string; familyName: string; service?: StaffService };
export type GrantMembership = { type: 'GrantMembership'; userId: string; organisationId: string; role: MembershipRole };
export type RevokeMembership = { type: 'RevokeMembership'; userId: string; organisationId: string; role: MembershipRole };
export type SelectOrganisation = { type: 'SelectOrganisation'; userId: string; organisationId: string };
export type DeactivateUser = { type: 'DeactivateUser'; userId: string };

export type StaffUserCommand = RegisterUser | GrantMembership | RevokeMembership | SelectOrganisation | DeactivateUser;

export class StaffUserCommandMessage extends Command<CommandResult> {
  constructor(readonly command: StaffUserCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
