import { Inject, Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../event-store/command-handling';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { HostingInterestCommandMessage, UnlockHostingInterest } from '../hosting-interests/hosting-interest.commands';
import { CLOCK, Clock } from '../shared/clock';
import { AssignPlacementProvider, PlacementCommand, PlacementCommandMessage, UnassignPlacementProvider } from './placement.commands';
import { placementDecider } from './placement.decider';
import { PlacementFacts } from './placement.facts';
import { placementStream } from './placement.stream';

/** The hosting interest's half of a command: If-Match and Idempotency-Key belong to the placement's stream only. */
const internal = (envelope: CommandEnvelope): CommandEnvelope => ({ ...envelope, idempotencyKey: undefined, expectedRevision: undefined });

@CommandHandler(PlacementCommandMessage)
export class PlacementCommandHandler implements ICommandHandler<PlacementCommandMessage, CommandResult> {
  private readonly logger = new Logger('placements');

  constructor(
    private readonly commands: CommandHandling,
    private readonly facts: PlacementFacts,
    private readonly bus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ command, envelope }: PlacementCommandMessage): Promise<CommandResult> {
    if (command.type === 'AssignPlacementProvider') return this.assign(command, envelope);
    if (command.type === 'UnassignPlacementProvider') return this.unassign(command, envelope);
    return this.handle(command, envelope);
  }

  private handle(command: PlacementCommand, envelope: CommandEnvelope): Promise<CommandResult> {
    return this.commands.handle({
      decider: placementDecider,
      aggregateId: command.placementId,
      streamId: placementStream(command.placementId),
      command,
      envelope,
      lookups: (state) => this.facts.for(command, state),
    });
  }

  /**
   * The school's hosting interest is locked first, then the provider assigned: a change of interest
   * racing the assignment either lands first (and the lock is refused) or finds the lock.
   */
  private async assign(command: AssignPlacementProvider, envelope: CommandEnvelope): Promise<CommandResult> {
    const loaded = await this.commands.load(placementDecider, placementStream(command.placementId));
    const lookups = await this.facts.for(command, loaded.state);
    // Decided once here so that a refused assignment takes no lock; the append below decides again.
    const decided = placementDecider.decide(command, loaded.state, { now: this.clock.now(), actingUserId: envelope.actor.actingUserId, lookups });
    if (decided.length === 0 || loaded.state.status === 'none') return this.handle(command, envelope);
    const { schoolId, academicYearId, placementId } = loaded.state;
    const lockId = envelope.commandId;
    await this.bus.execute(
      new HostingInterestCommandMessage(
        { type: 'LockHostingInterest', schoolId, academicYearId, lockId, placementId, providerId: command.providerId, placementRevision: Number((loaded.revision ?? -1n) + 1n) },
        internal(envelope),
      ),
    );
    try {
      const result = await this.handle(command, envelope);
      // Decided nothing: the same provider was assigned meanwhile, under its own lock.
      if (result.events.length === 0) await this.unlock({ type: 'UnlockHostingInterest', schoolId, academicYearId, placementId, lockId }, envelope);
      return result;
    } catch (error) {
      await this.unlock({ type: 'UnlockHostingInterest', schoolId, academicYearId, placementId, lockId }, envelope);
      throw error;
    }
  }

  private async unassign(command: UnassignPlacementProvider, envelope: CommandEnvelope): Promise<CommandResult> {
    const result = await this.handle(command, envelope);
    if (result.events.length === 0) return result;
    const { state } = await this.commands.load(placementDecider, placementStream(command.placementId));
    if (state.status === 'none') return result;
    const { schoolId, academicYearId, placementId } = state;
    await this.unlock({ type: 'UnlockHostingInterest', schoolId, academicYearId, placementId, unassignedAtRevision: Number(result.revision) }, envelope);
    return result;
  }

  /** Tidying only: a lock whose placement has no provider stops counting by itself (hosting-interest.rules.ts). */
  private async unlock(command: UnlockHostingInterest, envelope: CommandEnvelope): Promise<void> {
    try {
      await this.bus.execute(new HostingInterestCommandMessage(command, internal(envelope)));
    } catch (error) {
      this.logger.warn(`Could not release hosting-interest lock for placement ${command.placementId}: ${(error as Error).message}`);
    }
  }
}
