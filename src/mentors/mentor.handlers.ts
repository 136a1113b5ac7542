import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimLookup } from '../claims/claim.lookup';
import { CommandResult } from '../event-store/command-envelope';
import { CommandHandling } from '../event-store/command-handling';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { MentorCommandMessage } from './mentor.commands';
import { mentorDecider, MentorLookups, OrganisationFact } from './mentor.decider';
import { mentorReservations } from './mentor.reservations';
import { mentorStream } from './mentor.stream';

@CommandHandler(MentorCommandMessage)
export class MentorCommandHandler implements ICommandHandler<MentorCommandMessage, CommandResult> {
  constructor(private readonly commands: CommandHandling, private readonly organisations: OrganisationLookup, private readonly claims: ClaimLookup) {}

  execute({ command, envelope }: MentorCommandMessage): Promise<CommandResult> {
    return this.commands.handle({
      decider: mentorDecider,
      aggregateId: command.mentorId,
      streamId: mentorStream(command.mentorId),
      command,
      envelope,
      lookups: async (): Promise<MentorLookups> => {
        if (command.type === 'AddMentorToSchool') return { school: await this.school(command.schoolId) };
        if (command.type === 'RemoveMentorFromSchool') return { openClaims: await this.claims.openClaimsOfMentorAt(command.mentorId, command.schoolId) };
        return {};
      },
      reservations: mentorReservations,
    });
  }

  private async school(organisationId: string): Promise<OrganisationFact> {
    const organisation = await this.organisations.get(organisationId);
    return organisation.status === 'none'
      ? { id: organisationId, type: null, closed: false }
      : { id: organisationId, type: organisation.type, closed: organisation.status === 'closed' };
  }
}
