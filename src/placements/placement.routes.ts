import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { PlacementCommand, PlacementCommandMessage } from './placement.commands';
import { AssignPlacementProviderDto, CreatePlacementDto, DeletePlacementDto, PlacementIdDto, UpdatePlacementDto } from './placement.dto';

const route = <D extends object>(name: PlacementCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new PlacementCommandMessage({ ...(instanceToPlain(body) as object), type: name } as PlacementCommand, envelope),
});

export const placementRoutes: CommandRoute[] = [
  route('CreatePlacement', CreatePlacementDto, 'placementId'),
  route('UpdatePlacement', UpdatePlacementDto),
  route('PublishPlacement', PlacementIdDto),
  route('AssignPlacementProvider', AssignPlacementProviderDto),
  route('UnassignPlacementProvider', PlacementIdDto),
  route('DeletePlacement', DeletePlacementDto),
];
