import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';

export type FormPartnership = { type: 'FormPartnership'; schoolId: string; providerId: string };
export type EndPartnership = { type: 'EndPartnership'; schoolId: string; providerId: string };

export type PartnershipCommand = FormPartnership | EndPartnership;

export class PartnershipCommandMessage extends Command<CommandResult> {
  constructor(readonly command: PartnershipCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
