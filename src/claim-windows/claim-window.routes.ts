import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { CommandScope, NATIONAL } from '../scopes/command-scope';
import { ClaimWindowCommand, ClaimWindowCommandMessage } from './claim-window.commands';
import { ChangeClaimWindowDto, DefineClaimWindowDto, RemoveClaimWindowDto } from './claim-window.dto';

const route = <D extends object>(name: ClaimWindowCommand['type'], dto: CommandRoute<D>['dto'], scope: CommandScope<D>, generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  scope,
  generatedId,
  toCommand: (body, envelope) => new ClaimWindowCommandMessage({ ...(instanceToPlain(body) as object), type: name } as ClaimWindowCommand, envelope),
});

export const claimWindowRoutes: CommandRoute[] = [
  route('DefineClaimWindow', DefineClaimWindowDto, NATIONAL, 'claimWindowId'),
  route('ChangeClaimWindow', ChangeClaimWindowDto, NATIONAL),
  route('RemoveClaimWindow', RemoveClaimWindowDto, NATIONAL),
];
