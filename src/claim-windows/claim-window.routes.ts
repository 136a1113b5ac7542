import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { ClaimWindowCommand, ClaimWindowCommandMessage } from './claim-window.commands';
import { ChangeClaimWindowDto, DefineClaimWindowDto, RemoveClaimWindowDto } from './claim-window.dto';

const route = <D extends object>(name: ClaimWindowCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new ClaimWindowCommandMessage({ ...(instanceToPlain(body) as object), type: name } as ClaimWindowCommand, envelope),
});

export const claimWindowRoutes: CommandRoute[] = [
  route('DefineClaimWindow', DefineClaimWindowDto, 'claimWindowId'),
  route('ChangeClaimWindow', ChangeClaimWindowDto),
  route('RemoveClaimWindow', RemoveClaimWindowDto),
];
