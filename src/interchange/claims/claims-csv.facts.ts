import { Injectable } from '@nestjs/common';
import { claimDecider } from '../../claims/claim.decider';
import { claimReferenceKey } from '../../claims/claim.reservations';
import { claimStream } from '../../claims/claim.stream';
import { CommandHandling } from '../../event-store/command-handling';
import { Reservations } from '../../event-store/reservations';
import { MentorLookup } from '../../mentors/mentor.lookup';
import { StaffUserLookup } from '../../staff-users/staff-user.lookup';
import { ClaimFact } from './claims-csv.plan';

/**
 * Claims as their own streams say they are now, found by reference through the reference's
 * reservation (never a read model: the command line runs without projectors, and a row must see
 * the claim the command will see).
 */
@Injectable()
export class ClaimsCsvFacts {
  constructor(
    private readonly reservations: Reservations,
    private readonly commands: CommandHandling,
    private readonly mentors: MentorLookup,
    private readonly staffUsers: StaffUserLookup,
  ) {}

  /** Claim rule 6: the support commands the rows become are a support user's; a dry run must say so too. */
  async isSupportUser(userId: string): Promise<boolean> {
    const user = await this.staffUsers.get(userId);
    return user.status === 'active' && user.memberships.some((m) => m.role === 'support');
  }

  async byReference(reference: string): Promise<ClaimFact | null> {
    const owner = await this.reservations.holder(claimReferenceKey(reference));
    const prefix = claimStream('');
    if (!owner?.startsWith(prefix)) return null;
    const loaded = await this.commands.load(claimDecider, claimStream(owner.slice(prefix.length)));
    const state = loaded.state;
    if (state.status === 'none' || state.reference !== reference) return null;
    const mentors = await Promise.all(
      state.content.mentorTrainings.map(async ({ mentorId, hours }) => {
        const mentor = await this.mentors.get(mentorId);
        return { mentorId, hours, trn: mentor.status === 'registered' ? mentor.trn : null };
      }),
    );
    // A keyed append is remembered as `<scope>\0<key>`: any sender's import of these rows counts.
    const appliedKeys = new Set([...loaded.keyedAppends.keys()].map((id) => id.slice(id.lastIndexOf('\u0000') + 1)));
    return { claimId: state.claimId, reference, status: state.status, mentors, appliedKeys };
  }
}
