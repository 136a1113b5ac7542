import { Injectable } from '@nestjs/common';
import { AcademicYearLookup } from '../academic-years/academic-year.lookup';
import { CommandEnvelope } from '../event-store/command-envelope';
import { CommandHandling } from '../event-store/command-handling';
import { AllowanceKey, MentorAllowanceCommand, ReleaseMentorAllowance, ReserveMentorAllowance } from './mentor-allowance.commands';
import { mentorAllowanceDecider, MentorAllowanceLookups } from './mentor-allowance.decider';
import { ClaimTruth, initialHoursFor } from './mentor-allowance.rules';
import { mentorAllowanceStream } from './mentor-allowance.stream';

/** How a claim's own stream says it uses one allowance now; supplied by the claims module. */
export type ClaimTruthSource = (claimId: string, key: AllowanceKey) => Promise<ClaimTruth>;

/** Runs allowance commands, each appended with the allowance's expected revision (rule 4). */
@Injectable()
export class MentorAllowances {
  constructor(private readonly commands: CommandHandling, private readonly academicYears: AcademicYearLookup) {}

  reserve(command: Omit<ReserveMentorAllowance, 'type'>, truths: ClaimTruthSource, envelope: CommandEnvelope): Promise<void> {
    return this.run({ ...command, type: 'ReserveMentorAllowance' }, truths, envelope);
  }

  release(command: Omit<ReleaseMentorAllowance, 'type'>, truths: ClaimTruthSource, envelope: CommandEnvelope): Promise<void> {
    return this.run({ ...command, type: 'ReleaseMentorAllowance' }, truths, envelope);
  }

  private async run(command: MentorAllowanceCommand, truths: ClaimTruthSource, envelope: CommandEnvelope): Promise<void> {
    const key: AllowanceKey = { mentorId: command.mentorId, providerId: command.providerId, academicYearId: command.academicYearId };
    await this.commands.handle({
      decider: mentorAllowanceDecider,
      aggregateId: `${key.mentorId}.${key.providerId}.${key.academicYearId}`,
      streamId: mentorAllowanceStream(key),
      command,
      // An allowance is shared by many claims: the caller's Idempotency-Key and If-Match belong to the claim.
      envelope: { ...envelope, idempotencyKey: undefined, expectedRevision: undefined },
      lookups: async (state): Promise<MentorAllowanceLookups> => {
        const year = await this.academicYears.get(key.academicYearId);
        const claimIds = new Set([command.claimId, ...(state.status === 'none' ? [] : Object.keys(state.claims))]);
        const claims: Record<string, ClaimTruth> = {};
        for (const claimId of claimIds) claims[claimId] = await truths(claimId, key);
        return { initialHours: initialHoursFor(year.status === 'defined' ? year.startsOn : '9999-12-31'), claims };
      },
    });
  }
}
