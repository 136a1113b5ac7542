import { OwnershipDefinition } from '../scopes/ownership';
import { PLACEMENT_EVENT_TYPES } from './placement.events';
import { placementDecider, PlacementState } from './placement.decider';
import { placementStream } from './placement.stream';

/** A placement is owned by its school and, once assigned, its provider. */
export const placementOwnership: OwnershipDefinition<PlacementState> = {
  type: 'placement',
  decider: placementDecider,
  stream: placementStream,
  eventTypes: PLACEMENT_EVENT_TYPES,
  owners: (state) => (state.status === 'none' ? null : state.status === 'assigned' ? [state.schoolId, state.providerId] : [state.schoolId]),
};
