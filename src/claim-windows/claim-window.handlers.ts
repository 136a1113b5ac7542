import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AcademicYearLookup } from '../academic-years/academic-year.lookup';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { CommandHandling, SurroundingAppends, SurroundPlan } from '../event-store/command-handling';
import { ClaimWindowCommandMessage, ClaimWindowRegistryCommand } from './claim-window.commands';
import { claimWindowDecider, ClaimWindowLookups, ClaimWindowState } from './claim-window.decider';
import { ClaimWindowEvent } from './claim-window.events';
import { claimWindowRegistryDecider, WindowTruth } from './claim-window-registry.decider';
import { ClaimWindowLookup } from './claim-window.lookup';
import { CLAIM_WINDOW_REGISTRY_STREAM, claimWindowStream } from './claim-window.stream';

@CommandHandler(ClaimWindowCommandMessage)
export class ClaimWindowCommandHandler implements ICommandHandler<ClaimWindowCommandMessage, CommandResult> {
  private readonly logger = new Logger('claim-windows');

  constructor(
    private readonly commands: CommandHandling,
    private readonly windows: ClaimWindowLookup,
    private readonly academicYears: AcademicYearLookup,
  ) {}

  execute({ command, envelope }: ClaimWindowCommandMessage): Promise<CommandResult> {
    return this.commands.handle({
      decider: claimWindowDecider,
      aggregateId: command.claimWindowId,
      streamId: claimWindowStream(command.claimWindowId),
      command,
      envelope,
      lookups: async (): Promise<ClaimWindowLookups> =>
        command.type === 'DefineClaimWindow' ? { academicYearExists: (await this.academicYears.get(command.academicYearId)).status === 'defined' } : {},
      surround: (plan) => this.registry(plan),
    });
  }

  /** New dates are registered before the window records them; a removed window's dates are released after. */
  private registry({ events, owner, envelope }: SurroundPlan<ClaimWindowState, ClaimWindowEvent>): SurroundingAppends {
    const event = events[0];
    if (event.type === 'ClaimWindowRemoved') {
      return {
        after: () => this.onRegistry({ type: 'ReleaseClaimWindowDates', claimWindowId: event.data.claimWindowId }, envelope).catch((error: unknown) => this.logger.warn(`Releasing window dates failed (the registry ignores removed windows): ${String(error)}`)),
      };
    }
    const { claimWindowId, academicYearId, startsOn, endsOn } = event.data;
    return {
      before: () => this.onRegistry({ type: 'RegisterClaimWindowDates', claimWindowId, academicYearId, startsOn, endsOn, windowRevision: Number(owner.revision) }, envelope),
    };
  }

  private async onRegistry(command: ClaimWindowRegistryCommand, envelope: CommandEnvelope): Promise<void> {
    await this.commands.handle({
      decider: claimWindowRegistryDecider,
      aggregateId: 'registry',
      streamId: CLAIM_WINDOW_REGISTRY_STREAM,
      command,
      // The registry is shared: the caller's Idempotency-Key and If-Match belong to the window's stream.
      envelope: { ...envelope, idempotencyKey: undefined, expectedRevision: undefined },
      lookups: async (state) => {
        const windows: Record<string, WindowTruth> = {};
        for (const id of Object.keys(state.entries)) windows[id] = await this.windows.truth(id);
        return { windows };
      },
    });
  }
}
