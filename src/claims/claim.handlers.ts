import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult } from '../event-store/command-envelope';
import { CommandHandling } from '../event-store/command-handling';
import { DomainError } from '../shared/domain-error';
import { ClaimCommandMessage } from './claim.commands';
import { claimDecider } from './claim.decider';
import { ClaimFacts } from './claim.facts';
import { claimReservations, REFERENCE_TAKEN } from './claim.reservations';
import { claimStream } from './claim.stream';
import { ClaimSurroundings } from './claim.surroundings';

const REFERENCE_ATTEMPTS = 3;

@CommandHandler(ClaimCommandMessage)
export class ClaimCommandHandler implements ICommandHandler<ClaimCommandMessage, CommandResult> {
  constructor(private readonly commands: CommandHandling, private readonly facts: ClaimFacts, private readonly surroundings: ClaimSurroundings) {}

  async execute({ command, envelope }: ClaimCommandMessage): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.commands.handle({
          decider: claimDecider,
          aggregateId: command.claimId,
          streamId: claimStream(command.claimId),
          command,
          envelope,
          lookups: (state) => this.facts.for(command, state, envelope.actor.actingUserId),
          reservations: claimReservations,
          surround: (plan) => this.surroundings.plan(plan),
        });
      } catch (error) {
        // Rule 5: a random reference that is already taken is drawn again.
        if (error instanceof DomainError && error.code === REFERENCE_TAKEN && attempt < REFERENCE_ATTEMPTS) continue;
        throw error;
      }
    }
  }
}
