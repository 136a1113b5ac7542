import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../event-store/command-handling';
import { CommandResult } from '../event-store/command-envelope';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { PartnershipCommandMessage } from './partnership.commands';
import { partnershipDecider, PartnerFact, PartnershipLookups } from './partnership.decider';
import { partnershipId, partnershipStream } from './partnership.stream';

@CommandHandler(PartnershipCommandMessage)
export class PartnershipCommandHandler implements ICommandHandler<PartnershipCommandMessage, CommandResult> {
  constructor(private readonly commands: CommandHandling, private readonly organisations: OrganisationLookup) {}

  execute({ command, envelope }: PartnershipCommandMessage): Promise<CommandResult> {
    return this.commands.handle({
      decider: partnershipDecider,
      aggregateId: partnershipId(command.schoolId, command.providerId),
      streamId: partnershipStream(command.schoolId, command.providerId),
      command,
      envelope,
      lookups: async (state): Promise<PartnershipLookups> =>
        command.type === 'FormPartnership' && state.status !== 'active'
          ? { school: await this.fact(command.schoolId), provider: await this.fact(command.providerId) }
          : {},
    });
  }

  private async fact(organisationId: string): Promise<PartnerFact> {
    const organisation = await this.organisations.get(organisationId);
    return organisation.status === 'none' ? { type: null, closed: false } : { type: organisation.type, closed: organisation.status === 'closed' };
  }
}
