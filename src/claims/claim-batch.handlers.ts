import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimWindowLookup } from '../claim-windows/claim-window.lookup';
import { BatchCommandResult } from '../event-store/command-envelope';
import { CommandHandling } from '../event-store/command-handling';
import { DomainError, forbidden, notFound } from '../shared/domain-error';
import { ClaimBatchMessage, ClaimCommand } from './claim.commands';
import { claimDecider } from './claim.decider';
import { ClaimFacts } from './claim.facts';
import { ClaimLookup } from './claim.lookup';
import { checkActor } from './claim.rules';
import { claimStream } from './claim.stream';

/**
 * Rule 10: moves every claim of a window that is in the starting status, each by its own command on its
 * own stream, so a claim already moved is not eligible again and a repeat moves nothing.
 */
@CommandHandler(ClaimBatchMessage)
export class ClaimBatchHandler implements ICommandHandler<ClaimBatchMessage, BatchCommandResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly claims: ClaimLookup,
    private readonly windows: ClaimWindowLookup,
    private readonly facts: ClaimFacts,
  ) {}

  async execute({ command, envelope }: ClaimBatchMessage): Promise<BatchCommandResult> {
    const actingUserId = envelope.actor.actingUserId;
    if (!actingUserId) throw forbidden('ActingUserRequired', `${command.type} needs the X-Acting-User header naming the person it is done for.`);
    const { claimWindowId } = command;
    if ((await this.windows.get(claimWindowId)).status === 'none') throw notFound('NotFound', `Claim window ${claimWindowId} does not exist.`);
    checkActor('support', '', await this.facts.actingUser(actingUserId), command.type);
    const from = command.type === 'RequestClaimPayments' ? 'submitted' : 'clawback_requested';
    let affected = 0;
    let position = 0n;
    for (const claimId of await this.claims.windowClaimIds(claimWindowId)) {
      const loaded = await this.claims.load(claimId);
      if (loaded.position > position) position = loaded.position;
      const { state } = loaded;
      if (state.status !== from || state.submission.claimWindowId !== claimWindowId) continue;
      const perClaim: ClaimCommand = command.type === 'RequestClaimPayments' ? { type: 'RequestClaimPayment', claimId, claimWindowId } : { type: 'SendClawback', claimId, claimWindowId };
      try {
        const result = await this.commands.handle({
          decider: claimDecider,
          aggregateId: claimId,
          streamId: claimStream(claimId),
          command: perClaim,
          envelope: { ...envelope, expectedRevision: undefined },
          lookups: (current) => this.facts.for(perClaim, current, actingUserId),
        });
        if (result.events.length > 0) affected += 1;
        if (result.position > position) position = result.position;
      } catch (error) {
        // Moved by someone else in the meantime: not this batch's to move.
        if (error instanceof DomainError && error.code === 'InvalidClaimTransition') continue;
        throw error;
      }
    }
    return { affected, position, correlationId: envelope.correlationId };
  }
}
