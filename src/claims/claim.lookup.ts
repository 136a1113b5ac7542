import { Injectable } from '@nestjs/common';
import { ClaimRegisters } from '../claim-registers/claim-register.handlers';
import { mentorRegisterId, windowRegisterId } from '../claim-registers/claim-register.stream';
import { CommandHandling } from '../event-store/command-handling';
import { claimDecider } from './claim.decider';
import { claimStream } from './claim.stream';
import { AllowanceKey, ClaimState, ExistingClaim, holdingOf, SETTLED_STATUSES } from './claim.values';

export interface LoadedClaim {
  state: ClaimState;
  /** Last revision of the claim's stream, -1 when it has none. */
  revision: number;
  position: bigint;
}

/** Claims as their own streams say they are now, found through the claim registers (never a read model). */
@Injectable()
export class ClaimLookup {
  constructor(private readonly commands: CommandHandling, private readonly registers: ClaimRegisters) {}

  async load(claimId: string): Promise<LoadedClaim> {
    const loaded = await this.commands.load(claimDecider, claimStream(claimId));
    return { state: loaded.state, revision: loaded.revision === null ? -1 : Number(loaded.revision), position: loaded.position };
  }

  /** Rule 4: what the claim's stream says it uses of one allowance. */
  async truth(claimId: string, key: AllowanceKey): Promise<{ revision: number; hours: number; trainingType: 'initial' | 'refresher' | null }> {
    const { state, revision } = await this.load(claimId);
    return { revision, ...holdingOf(state, key) };
  }

  windowClaimIds(claimWindowId: string): Promise<string[]> {
    return this.registers.claimIds(windowRegisterId(claimWindowId));
  }

  /** Claims that name the mentor now. */
  async ofMentor(mentorId: string): Promise<ExistingClaim[]> {
    const claims: ExistingClaim[] = [];
    for (const claimId of await this.registers.claimIds(mentorRegisterId(mentorId))) {
      const { state } = await this.load(claimId);
      if (state.status !== 'none' && state.content.mentorTrainings.some((t) => t.mentorId === mentorId)) claims.push(state);
    }
    return claims;
  }

  /** Reference rule 3: the school's claims naming the mentor that are not yet settled. */
  async openClaimsOfMentorAt(mentorId: string, schoolId: string): Promise<{ claimId: string; reference: string; status: string }[]> {
    return (await this.ofMentor(mentorId))
      .filter((c) => c.content.schoolId === schoolId && !SETTLED_STATUSES.includes(c.status))
      .map((c) => ({ claimId: c.claimId, reference: c.reference, status: c.status }));
  }
}
