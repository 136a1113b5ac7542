import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { aggregate, scopedTo } from '../scopes/command-scope';
import { PlacementCommand, PlacementCommandMessage } from './placement.commands';
import { AssignPlacementProviderDto, CreatePlacementDto, DeletePlacementDto, PlacementIdDto, UpdatePlacementDto } from './placement.dto';

const route = commandRouteFor<PlacementCommand>(PlacementCommandMessage);

const ownPlacement = scopedTo((d: { placementId: string }) => [aggregate('placement', d.placementId)]);

export const placementRoutes: CommandRoute[] = [
  route('CreatePlacement', CreatePlacementDto, scopedTo((d) => [aggregate('placement', d.placementId, [d.schoolId])]), 'placementId'),
  route('UpdatePlacement', UpdatePlacementDto, ownPlacement),
  route('PublishPlacement', PlacementIdDto, ownPlacement),
  route('AssignPlacementProvider', AssignPlacementProviderDto, ownPlacement),
  route('UnassignPlacementProvider', PlacementIdDto, ownPlacement),
  route('DeletePlacement', DeletePlacementDto, ownPlacement),
];
