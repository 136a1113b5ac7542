import { assertNever, Decider } from '../shared/decider';
import { conflict, forbidden, notFound, ruleBroken } from '../shared/domain-error';
import { IdentifierChanges, OrganisationCommand, RegisterOrganisation, UpdateOrganisation } from './organisation.commands';
import { OnboardingService, OrganisationContact, OrganisationDetails, OrganisationEvent, OrganisationIdentifiers, OrganisationType } from './organisation.events';

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
      grantConditionsAcceptedAt?: string;
    } & OrganisationDetails);

type ExistingOrganisation = Exclude<OrganisationState, { status: 'none' }>;

/** A parent as the handler found it, and that parent's own ancestors (nearest first). */
export interface ParentLookup {
  id: string;
  type: OrganisationType | null;
  closed: boolean;
  ancestorIds: string[];
}

/** The acting user as the handler found them: null when no such user exists. */
export interface ActingUserLookup {
  userId: string;
  active: boolean;
  organisationIds: string[];
}

export interface OrganisationLookups {
  parent?: ParentLookup;
  /** GrantSchoolEligibility: whether the academic year exists. */
  academicYearExists?: boolean;
  /** AcceptGrantConditions: the user named by X-Acting-User. */
  actingUser?: ActingUserLookup | null;
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

const CONTACT_FIELDS: (keyof OrganisationContact)[] = ['contactId', 'givenName', 'familyName', 'email', 'telephone', 'role'];

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function detailsOf(command: RegisterOrganisation | UpdateOrganisation, current?: OrganisationIdentifiers): Partial<OrganisationDetails> {
  const details: Partial<OrganisationDetails> = {};
  for (const field of DETAIL_FIELDS) {
    if (command[field] !== undefined) (details as Record<string, unknown>)[field] = command[field];
  }
  if (command.identifiers) details.identifiers = mergedIdentifiers(current ?? {}, command.identifiers);
  return details;
}

/** Identifiers merge key by key: a value sets one, `null` removes it, a key left out keeps it (so one identifier never drops the others). */
export function mergedIdentifiers(current: OrganisationIdentifiers, sent: IdentifierChanges): OrganisationIdentifiers {
  const merged: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(sent)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Rule 1: the parent exists, a school's parent is a district or trust, nothing else has one. Rule 3: coordinates in range. */
function checkPlacement(organisationId: string, type: OrganisationType, details: Partial<OrganisationDetails>, lookups: OrganisationLookups): void {
  if (details.parentId !== undefined) {
    if (ALLOWED_PARENTS[type].length === 0) {
      throw ruleBroken('InvalidParent', `A ${type} has no parent organisation.`, [{ allowedParentTypes: [] }]);
    }
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

function mustExist(state: OrganisationState, organisationId: string): asserts state is ExistingOrganisation {
  if (state.status === 'none') throw notFound('NotFound', `Organisation ${organisationId} does not exist.`);
}

/** Rule 4: a closed organisation accepts nothing new. */
function mustBeOpen(state: ExistingOrganisation): void {
  if (state.status === 'closed') throw conflict('OrganisationClosed', `Organisation ${state.organisationId} is closed.`);
}

function mustBeOpenSchool(state: OrganisationState, schoolId: string): asserts state is ExistingOrganisation {
  if (state.status === 'none') throw notFound('NotFound', `School ${schoolId} does not exist.`);
  if (state.type !== 'school') throw ruleBroken('NotASchool', `Organisation ${schoolId} is a ${state.type}, not a school.`);
  mustBeOpen(state);
}

export const organisationDecider: Decider<OrganisationState, OrganisationCommand, OrganisationEvent, OrganisationLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { now, actingUserId, lookups }) {
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
          Object.entries(detailsOf(command, state.identifiers ?? {})).filter(
            ([field, value]) => !sameValue(field === 'identifiers' ? (state.identifiers ?? {}) : state[field as keyof OrganisationDetails], value),
          ),
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
      case 'OnboardOrganisation': {
        mustExist(state, command.organisationId);
        if (state.onboarded[command.service]) return [];
        mustBeOpen(state);
        return [{ type: 'OrganisationOnboarded', data: { organisationId: state.organisationId, service: command.service } }];
      }
      case 'OffboardOrganisation': {
        mustExist(state, command.organisationId);
        if (!state.onboarded[command.service]) return [];
        return [{ type: 'OrganisationOffboarded', data: { organisationId: state.organisationId, service: command.service } }];
      }
      case 'AddOrganisationContact': {
        mustExist(state, command.organisationId);
        const { type: _type, organisationId, ...contact } = command;
        const known = state.contacts.find((c) => c.contactId === contact.contactId);
        if (known && CONTACT_FIELDS.every((f) => (known[f] ?? null) === (contact[f] ?? null))) return [];
        mustBeOpen(state);
        return [{ type: 'OrganisationContactAdded', data: { organisationId, ...contact } }];
      }
      case 'RemoveOrganisationContact': {
        mustExist(state, command.organisationId);
        if (!state.contacts.some((c) => c.contactId === command.contactId)) return [];
        return [{ type: 'OrganisationContactRemoved', data: { organisationId: command.organisationId, contactId: command.contactId } }];
      }
      case 'GrantSchoolEligibility': {
        mustBeOpenSchool(state, command.schoolId);
        if (state.eligibleAcademicYearIds.includes(command.academicYearId)) return [];
        if (!lookups.academicYearExists) throw notFound('AcademicYearNotFound', `Academic year ${command.academicYearId} does not exist.`);
        return [{ type: 'SchoolEligibilityGranted', data: { organisationId: command.schoolId, academicYearId: command.academicYearId } }];
      }
      case 'AcceptGrantConditions': {
        mustBeOpenSchool(state, command.schoolId);
        if (!actingUserId) throw forbidden('ActingUserRequired', 'Say which school user accepts the grant conditions in the X-Acting-User header.');
        const user = lookups.actingUser;
        if (!user || !user.active || !user.organisationIds.includes(command.schoolId)) {
          throw forbidden('NotASchoolUser', `Only an active user with a membership at school ${command.schoolId} can accept its grant conditions.`);
        }
        if (state.grantConditionsAcceptedBy !== undefined) return [];
        return [{ type: 'GrantConditionsAccepted', data: { organisationId: command.schoolId, acceptedBy: actingUserId, acceptedAt: now.toISOString() } }];
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
        return state.status === 'none'
          ? state
          : { ...state, grantConditionsAcceptedBy: event.data.acceptedBy, grantConditionsAcceptedAt: event.data.acceptedAt };
      default:
        return assertNever(event);
    }
  },
};
