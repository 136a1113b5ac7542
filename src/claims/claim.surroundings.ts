import { Injectable, Logger } from '@nestjs/common';
import { ClaimRegisters } from '../claim-registers/claim-register.handlers';
import { mentorRegisterId, windowRegisterId } from '../claim-registers/claim-register.stream';
import { CommandEnvelope } from '../event-store/command-envelope';
import { SurroundingAppends, SurroundPlan } from '../event-store/command-handling';
import { AllowanceReleaseReason } from '../mentor-allowances/mentor-allowance.events';
import { MentorAllowances } from '../mentor-allowances/mentor-allowance.handlers';
import { ClaimEvent } from './claim.events';
import { ClaimLookup } from './claim.lookup';
import { AllowanceKey, allowanceKeyId, allowanceKeysOf, ClaimState, holdingOf } from './claim.values';

interface Reservation {
  key: AllowanceKey;
  hours: number;
  trainingType: 'initial' | 'refresher';
}

function releaseReason(events: ClaimEvent[], before: ClaimState, after: ClaimState): AllowanceReleaseReason {
  if (events.some((e) => e.type === 'ClaimDeleted')) return 'claim_deleted';
  if (events.some((e) => e.type === 'ClaimPaymentNotApproved')) return 'payment_not_approved';
  const providerOf = (s: ClaimState) => (s.status === 'none' ? undefined : s.content.providerId);
  return providerOf(before) !== providerOf(after) ? 'provider_changed' : 'revised_down';
}

/**
 * The appends around a claim's own (rule 4): allowances that grow are reserved first, with their
 * expected revision, keyed by this claim and the revision its event will take; registers learn the
 * claim before it names a mentor or enters a window; allowances that shrink are released after.
 */
@Injectable()
export class ClaimSurroundings {
  private readonly logger = new Logger('claims');

  constructor(private readonly allowances: MentorAllowances, private readonly registers: ClaimRegisters, private readonly claims: ClaimLookup) {}

  plan({ events, before, after, owner, envelope }: SurroundPlan<ClaimState, ClaimEvent>): SurroundingAppends {
    if (after.status === 'none') return {};
    const claimId = after.claimId;
    const keys = new Map<string, AllowanceKey>();
    for (const key of [...allowanceKeysOf(before), ...allowanceKeysOf(after)]) keys.set(allowanceKeyId(key), key);
    const grown: Reservation[] = [];
    const shrunk: AllowanceKey[] = [];
    for (const key of keys.values()) {
      const was = holdingOf(before, key);
      const now = holdingOf(after, key);
      if (now.hours > 0 && now.trainingType && (now.hours > was.hours || now.trainingType !== was.trainingType)) grown.push({ key, hours: now.hours, trainingType: now.trainingType });
      else if (now.hours < was.hours) shrunk.push(key);
    }
    const named = before.status === 'none' ? [] : before.content.mentorTrainings.map((t) => t.mentorId);
    const registers = after.content.mentorTrainings.filter((t) => !named.includes(t.mentorId)).map((t) => mentorRegisterId(t.mentorId));
    for (const event of events) if (event.type === 'ClaimSubmitted') registers.push(windowRegisterId(event.data.claimWindowId));
    const truths = (id: string, key: AllowanceKey) => this.claims.truth(id, key);
    const claimRevision = Number(owner.revision);

    const undo = async (reserved: Reservation[]) => {
      for (const { key } of reserved) {
        await this.allowances
          .release({ ...key, claimId, reason: 'claim_not_appended', claimEventId: owner.eventId }, truths, envelope)
          .catch((error: unknown) => this.logger.warn(`Undoing an allowance reservation failed; it lapses after the grace period: ${String(error)}`));
      }
    };
    return {
      before: async () => {
        const reserved: Reservation[] = [];
        try {
          for (const reservation of grown) {
            await this.allowances.reserve({ ...reservation.key, claimId, claimRevision, claimEventId: owner.eventId, hours: reservation.hours, trainingType: reservation.trainingType }, truths, envelope);
            reserved.push(reservation);
          }
          for (const registerId of registers) await this.registers.add(registerId, claimId, envelope);
        } catch (error) {
          await undo(reserved);
          throw error;
        }
      },
      undo: () => undo(grown),
      after: async () => {
        const reason = releaseReason(events, before, after);
        for (const key of shrunk) await this.release(key, claimId, reason, envelope);
      },
    };
  }

  /** Bookkeeping: the claim's stream already stopped using these hours, so a failure here frees them at the next decision anyway. */
  private async release(key: AllowanceKey, claimId: string, reason: AllowanceReleaseReason, envelope: CommandEnvelope): Promise<void> {
    await this.allowances
      .release({ ...key, claimId, reason }, (id, k) => this.claims.truth(id, k), envelope)
      .catch((error: unknown) => this.logger.warn(`Releasing an allowance failed; its figures catch up at the next decision: ${String(error)}`));
  }
}
