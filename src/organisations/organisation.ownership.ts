import { OwnershipDefinition } from '../scopes/ownership';
import { ORGANISATION_EVENT_TYPES } from './organisation.events';
import { organisationDecider, OrganisationState } from './organisation.decider';
import { organisationStream } from './organisation.stream';

/** An organisation is its own owner (and so covered by its ancestors: a district covers its schools). */
export const organisationOwnership: OwnershipDefinition<OrganisationState> = {
  type: 'organisation',
  decider: organisationDecider,
  stream: organisationStream,
  eventTypes: ORGANISATION_EVENT_TYPES,
  owners: (state) => (state.status === 'none' ? null : [state.organisationId]),
};
