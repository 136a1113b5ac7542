import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { aggregate, CommandScope, scopedTo } from '../scopes/command-scope';
import { PlacementCommand, PlacementCommandMessage } from './placement.commands';
import { AssignPlacementProviderDto, CreatePlacementDto, DeletePlacementDto, PlacementIdDto, UpdatePlacementDto } from './placement.dto';

const route = <D extends object>(name: PlacementCommand['type'], dto: CommandRoute<D>['dto'], scope: CommandScope<D>, generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  scope,
  generatedId,
  toCommand: (body, envelope) => new PlacementCommandMessage({ ...(instanceToPlain(body) as object), type: name } as PlacementCommand, envelope),
});

const ownPlacement = scopedTo((d: { placementId: string }) => [aggregate('placement', d.placementId)]);

export const placementRoutes: CommandRoute[] = [
  route('CreatePlacement', CreatePlacementDto, scopedTo((d) => [aggregate('placement', d.placementId, [d.schoolId])]), 'placementId'),
  route('UpdatePlacement', UpdatePlacementDto, ownPlacement),
  route('PublishPlacement', PlacementIdDto, ownPlacement),
  route('AssignPlacementProvider', AssignPlacementProviderDto, ownPlacement),
  route('UnassignPlacementProvider', PlacementIdDto, ownPlacement),
  route('DeletePlacement', DeletePlacementDto, ownPlacement),
];
