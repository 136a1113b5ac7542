import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';

export type DefineClaimWindow = { type: 'DefineClaimWindow'; claimWindowId: string; academicYearId: string; startsOn: string; endsOn: string };
export type ChangeClaimWindow = { type: 'ChangeClaimWindow'; claimWindowId: string; startsOn: string; endsOn: string };
export type RemoveClaimWindow = { type: 'RemoveClaimWindow'; claimWindowId: string };

export type ClaimWindowCommand = DefineClaimWindow | ChangeClaimWindow | RemoveClaimWindow;

/** Registry commands, issued by the window's handler around the window's own append. */
export type RegisterClaimWindowDates = {
  type: 'RegisterClaimWindowDates';
  claimWindowId: string;
  academicYearId: string;
  startsOn: string;
  endsOn: string;
  windowRevision: number;
};
export type ReleaseClaimWindowDates = { type: 'ReleaseClaimWindowDates'; claimWindowId: string };
export type ClaimWindowRegistryCommand = RegisterClaimWindowDates | ReleaseClaimWindowDates;

export class ClaimWindowCommandMessage extends Command<CommandResult> {
  constructor(readonly command: ClaimWindowCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
