import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { OrganisationCommand, RegisterOrganisation, UpdateOrganisation } from './organisation.commands';
import { OnboardingService, OrganisationContact, OrganisationDetails, OrganisationEvent, OrganisationType } from './organisation.events';

export type OrganisationState =
  | { status: 'none' }
  | ({
      status: 'active' | 'closed';
      organisationId: string;
      type: OrganisationType;
      onboarded: Record<OnboardingService, boolean>;
      contacts: OrganisationContact[];
      eligibleAcademicYearIds: string[];
      grantConditionsAcceptedBy?: string;
    } & OrganisationDetails);

/** A parent as the handler found it, and that parent's own ancestors (nearest first). */
export interface ParentLookup {
  id: string;
  type: OrganisationType | null;
  closed: boolean;
  ancestorIds: string[];
}

export interface OrganisationLookups {
  parent?: ParentLookup;
}

const DETAIL_FIELDS: (keyof OrganisationDetails)[] = [
  'name', 'parentId', 'identifiers', 'address', 'location', 'email', 'telephone', 'website', 'fundingRegion', 'accredited',
];

const ALLOWED_PARENTS: Record<OrganisationType, OrganisationType[]> = {
  school: ['district', 'trust'],
  district: [],
  trust: [],
  provider: [],
};

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function detailsOf(command: RegisterOrganisation | UpdateOrganisation): Partial<OrganisationDetails> {
  const details: Partial<OrganisationDetails> = {};
  for (const field of DETAIL_FIELDS) {
    if (command[field] !== undefined) (details as Record<string, unknown>)[field] = command[field];
  }
  return details;
}

/** Rule 1: the parent exists, a school's parent is a district or trust, no cycles. Rule 3: coordinates in range. */
function checkPlacement(organisationId: string, type: OrganisationType, details: Partial<OrganisationDetails>, lookups: OrganisationLookups): void {
  if (details.parentId !== undefined) {
    const parent = lookups.parent;
    if (!parent || parent.type === null) throw notFound('ParentNotFound', `The parent organisation ${details.parentId} does not exist.`);
    if (parent.id === organisationId || parent.ancestorIds.includes(organisationId)) {
      throw conflict('OrganisationHierarchyCycle', 'That parent would make the organisation its own ancestor.');
    }
    if (!ALLOWED_PARENTS[type].includes(parent.type)) {
      throw ruleBroken('InvalidParent', `A ${type} cannot have a ${parent.type} as its parent.`, [
        { allowedParentTypes: ALLOWED_PARENTS[type] },
      ]);
    }
    if (parent.closed) throw conflict('OrganisationClosed', `The parent organisation ${parent.id} is closed.`);
  }
  const location = details.location;
  if (location && (Math.abs(location.latitude) > 90 || Math.abs(location.longitude) > 180)) {
    throw ruleBroken('InvalidLocation', 'Latitude must be within [-90, 90] and longitude within [-180, 180].');
  }
}

export const organisationDecider: Decider<OrganisationState, OrganisationCommand, OrganisationEvent, OrganisationLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { lookups }) {
    switch (command.type) {
      case 'RegisterOrganisation': {
        const details = detailsOf(command) as OrganisationDetails;
        const event: OrganisationEvent = {
          type: 'OrganisationRegistered',
          data: { organisationId: command.organisationId, type: command.organisationType, ...details },
        };
        if (state.status !== 'none') {
          const same = state.type === command.organisationType && DETAIL_FIELDS.every((f) => sameValue(state[f], details[f]));
          if (same) return [];
          throw conflict('AlreadyExists', `Organisation ${command.organisationId} is already registered with other details.`);
        }
        checkPlacement(command.organisationId, command.organisationType, details, lookups);
        return [event];
      }
      case 'UpdateOrganisation': {
        if (state.status === 'none') throw notFound('NotFound', `Organisation ${command.organisationId} does not exist.`);
        if (state.status === 'closed') throw conflict('OrganisationClosed', `Organisation ${command.organisationId} is closed.`);
        const changes = Object.fromEntries(
          Object.entries(detailsOf(command)).filter(([field, value]) => !sameValue(state[field as keyof OrganisationDetails], value)),
        ) as Partial<OrganisationDetails>;
        if (Object.keys(changes).length === 0) return [];
        checkPlacement(command.organisationId, state.type, changes, lookups);
        return [{ type: 'OrganisationUpdated', data: { organisationId: command.organisationId, ...changes } }];
      }
      case 'CloseOrganisation': {
        if (state.status === 'none') throw notFound('NotFound', `Organisation ${command.organisationId} does not exist.`);
        if (state.status === 'closed') return [];
        return [{ type: 'OrganisationClosed', data: { organisationId: command.organisationId } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered': {
        const { type, ...rest } = event.data;
        return { status: 'active', type, ...rest, onboarded: { claims: false, placements: false }, contacts: [], eligibleAcademicYearIds: [] };
      }
      case 'OrganisationUpdated':
        return state.status === 'none' ? state : { ...state, ...event.data };
      case 'OrganisationClosed':
        return state.status === 'none' ? state : { ...state, status: 'closed' };
      case 'OrganisationOnboarded':
      case 'OrganisationOffboarded':
        return state.status === 'none'
          ? state
          : { ...state, onboarded: { ...state.onboarded, [event.data.service]: event.type === 'OrganisationOnboarded' } };
      case 'OrganisationContactAdded': {
        if (state.status === 'none') return state;
        const { organisationId: _id, ...contact } = event.data;
        return { ...state, contacts: [...state.contacts.filter((c) => c.contactId !== contact.contactId), contact] };
      }
      case 'OrganisationContactRemoved':
        return state.status === 'none' ? state : { ...state, contacts: state.contacts.filter((c) => c.contactId !== event.data.contactId) };
      case 'SchoolEligibilityGranted':
        return state.status === 'none' || state.eligibleAcademicYearIds.includes(event.data.academicYearId)
          ? state
          : { ...state, eligibleAcademicYearIds: [...state.eligibleAcademicYearIds, event.data.academicYearId] };
      case 'GrantConditionsAccepted':
        return state.status === 'none' ? state : { ...state, grantConditionsAcceptedBy: event.data.acceptedBy };
      default:
        return assertNever(event);
    }
  },
};
