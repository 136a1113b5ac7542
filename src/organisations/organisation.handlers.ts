import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../event-store/command-handling';
import { CommandResult } from '../event-store/command-envelope';
import { OrganisationCommandMessage } from './organisation.commands';
import { organisationDecider } from './organisation.decider';
import { OrganisationLookup } from './organisation.lookup';
import { organisationReservations } from './organisation.reservations';
import { organisationStream } from './organisation.stream';

@CommandHandler(OrganisationCommandMessage)
export class OrganisationCommandHandler implements ICommandHandler<OrganisationCommandMessage, CommandResult> {
  constructor(private readonly commands: CommandHandling, private readonly organisations: OrganisationLookup) {}

  execute({ command, envelope }: OrganisationCommandMessage): Promise<CommandResult> {
    const parentId = 'parentId' in command ? command.parentId : undefined;
    return this.commands.handle({
      decider: organisationDecider,
      aggregateId: command.organisationId,
      streamId: organisationStream(command.organisationId),
      command,
      envelope,
      lookups: async () => ({ parent: parentId ? await this.organisations.parent(parentId) : undefined }),
      reservations: organisationReservations,
    });
  }
}
