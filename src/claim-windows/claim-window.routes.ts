import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { NATIONAL } from '../scopes/command-scope';
import { ClaimWindowCommand, ClaimWindowCommandMessage } from './claim-window.commands';
import { ChangeClaimWindowDto, DefineClaimWindowDto, RemoveClaimWindowDto } from './claim-window.dto';

const route = commandRouteFor<ClaimWindowCommand>(ClaimWindowCommandMessage);

export const claimWindowRoutes: CommandRoute[] = [
  route('DefineClaimWindow', DefineClaimWindowDto, NATIONAL, 'claimWindowId'),
  route('ChangeClaimWindow', ChangeClaimWindowDto, NATIONAL),
  route('RemoveClaimWindow', RemoveClaimWindowDto, NATIONAL),
];
