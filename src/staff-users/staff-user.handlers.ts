import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../event-store/command-handling';
import { CommandResult } from '../event-store/command-envelope';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { StaffUserCommandMessage } from './staff-user.commands';
import { staffUserDecider, StaffUserLookups } from './staff-user.decider';
import { staffUserReservations } from './staff-user.reservations';
import { staffUserStream } from './staff-user.stream';

@CommandHandler(StaffUserCommandMessage)
export class StaffUserCommandHandler implements ICommandHandler<StaffUserCommandMessage, CommandResult> {
  constructor(private readonly commands: CommandHandling, private readonly organisations: OrganisationLookup) {}

  execute({ command, envelope }: StaffUserCommandMessage): Promise<CommandResult> {
    return this.commands.handle({
      decider: staffUserDecider,
      aggregateId: command.userId,
      streamId: staffUserStream(command.userId),
      command,
      envelope,
      lookups: async (): Promise<StaffUserLookups> => {
        if (command.type !== 'GrantMembership') return {};
        const organisation = await this.organisations.get(command.organisationId);
        return {
          organisation:
            organisation.status === 'none'
              ? { id: command.organisationId, type: null, closed: false }
              : { id: command.organisationId, type: organisation.type, closed: organisation.status === 'closed' },
        };
      },
      reservations: staffUserReservations,
    });
  }
}
