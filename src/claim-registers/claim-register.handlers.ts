import { Injectable } from '@nestjs/common';
import { CommandEnvelope } from '../event-store/command-envelope';
import { CommandHandling } from '../event-store/command-handling';
import { claimRegisterDecider } from './claim-register.decider';
import { claimRegisterStream } from './claim-register.stream';

/** Adds claims to registers (appended with the register's expected revision) and lists them. */
@Injectable()
export class ClaimRegisters {
  constructor(private readonly commands: CommandHandling) {}

  async add(registerId: string, claimId: string, envelope: CommandEnvelope): Promise<void> {
    await this.commands.handle({
      decider: claimRegisterDecider,
      aggregateId: registerId,
      streamId: claimRegisterStream(registerId),
      command: { type: 'AddClaimToRegister', registerId, claimId },
      // The caller's Idempotency-Key and If-Match belong to the claim's stream, not to a shared register.
      envelope: { ...envelope, idempotencyKey: undefined, expectedRevision: undefined },
    });
  }

  async claimIds(registerId: string): Promise<string[]> {
    return (await this.commands.load(claimRegisterDecider, claimRegisterStream(registerId))).state.claimIds;
  }
}
