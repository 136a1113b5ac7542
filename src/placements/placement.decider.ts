import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound } from '../shared/domain-error';
import { HostingAppetite } from '../hosting-interests/hosting-interest.events';
import { PlacementCommand, PlacementFields } from './placement.commands';
import { PlacementDeletion, PlacementDetails, PlacementEvent } from './placement.events';
import {
  checkHostingInterest, checkMentors, checkProvider, checkSchool, checkSubjects, checkTerms, checkYearOpen, OrganisationFact, SubjectFact, YearRange,
} from './placement.rules';

const deletedBecause = (deletion: PlacementDeletion): string =>
  deletion.cause === 'requested' ? (deletion.reason ? `: ${deletion.reason}` : '') : " when its school's hosting interest changed";

interface PlacementBase {
  placementId: string;
  schoolId: string;
  academicYearId: string;
  details: PlacementDetails;
}

export type PlacementState =
  | { status: 'none' }
  | ({ status: 'draft' | 'published' } & PlacementBase)
  | ({ status: 'deleted'; deletion: PlacementDeletion } & PlacementBase)
  | ({ status: 'assigned'; providerId: string } & PlacementBase);

type ExistingPlacement = Exclude<PlacementState, { status: 'none' }>;

/** Facts the handler looked up for the command (only those it needs). */
export interface PlacementLookups {
  school?: OrganisationFact;
  /** The placement's year: null when it does not exist. */
  academicYear?: { termIds: string[] } | null;
  academicYears?: YearRange[];
  /** The school's recorded appetite for the year; null when none is recorded. */
  hostingAppetite?: HostingAppetite | null;
  subjects?: Readonly<Record<string, SubjectFact>>;
  mentors?: Readonly<Record<string, { schoolIds: string[] } | null>>;
  provider?: OrganisationFact;
}

const EMPTY: PlacementDetails = { subjectId: null, sendSpecific: false, keyStage: null, yearGroup: null, additionalSubjectIds: [], termIds: [], mentorIds: [] };
const FIELDS = Object.keys(EMPTY) as (keyof PlacementDetails)[];
const SUBJECT_FIELDS: (keyof PlacementDetails)[] = ['subjectId', 'sendSpecific', 'keyStage', 'yearGroup', 'additionalSubjectIds'];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields given override `base`; null clears a field; lists lose duplicates. */
function merged(base: PlacementDetails, fields: PlacementFields): PlacementDetails {
  const pick = <K extends keyof PlacementDetails>(field: K): PlacementDetails[K] =>
    fields[field] === undefined ? base[field] : ((fields[field] ?? EMPTY[field]) as PlacementDetails[K]);
  return {
    subjectId: pick('subjectId'),
    sendSpecific: pick('sendSpecific'),
    keyStage: pick('keyStage'),
    yearGroup: pick('yearGroup'),
    additionalSubjectIds: [...new Set(pick('additionalSubjectIds'))],
    termIds: [...new Set(pick('termIds'))],
    mentorIds: [...new Set(pick('mentorIds'))],
  };
}

function mustExist(state: PlacementState, placementId: string): asserts state is ExistingPlacement {
  if (state.status === 'none' || state.status === 'deleted') throw notFound('NotFound', `Placement ${placementId} does not exist.`);
}

const keyOf = (state: PlacementBase) => ({ placementId: state.placementId, schoolId: state.schoolId, academicYearId: state.academicYearId });

export const placementDecider: Decider<PlacementState, PlacementCommand, PlacementEvent, PlacementLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { now, lookups }) {
    switch (command.type) {
      case 'CreatePlacement': {
        const { placementId, schoolId, academicYearId } = command;
        const details = merged(EMPTY, command);
        if (state.status !== 'none') {
          const repeated = state.status !== 'deleted' && state.schoolId === schoolId && state.academicYearId === academicYearId && same(state.details, details);
          if (repeated) return [];
          throw conflict('AlreadyExists', `Placement ${placementId} already exists${state.status === 'deleted' ? ` (it was deleted${deletedBecause(state.deletion)})` : ' with other details'}.`);
        }
        checkSchool(schoolId, lookups.school);
        checkYearOpen(academicYearId, lookups.academicYear != null, lookups.academicYears ?? [], now);
        checkHostingInterest(schoolId, academicYearId, lookups.hostingAppetite);
        checkSubjects(details, lookups.subjects ?? {});
        checkMentors(schoolId, details.mentorIds, lookups.mentors ?? {});
        checkTerms(academicYearId, details.termIds, lookups.academicYear?.termIds ?? []);
        return [{ type: 'PlacementCreated', data: { placementId, schoolId, academicYearId, ...details } }];
      }
      case 'UpdatePlacement': {
        mustExist(state, command.placementId);
        const next = merged(state.details, command);
        const changed = FIELDS.filter((field) => !same(state.details[field], next[field]));
        if (changed.length === 0) return [];
        if (state.status === 'assigned' && changed.includes('subjectId')) {
          throw conflict('PlacementAssigned', `Placement ${state.placementId} has a provider, so it cannot move to another subject; unassign the provider first.`);
        }
        if (changed.some((field) => SUBJECT_FIELDS.includes(field))) checkSubjects(next, lookups.subjects ?? {});
        const addedMentors = next.mentorIds.filter((id) => !state.details.mentorIds.includes(id));
        checkMentors(state.schoolId, addedMentors, lookups.mentors ?? {});
        if (changed.includes('termIds')) checkTerms(state.academicYearId, next.termIds, lookups.academicYear?.termIds ?? []);
        const changes = Object.fromEntries(changed.map((field) => [field, next[field]])) as Partial<PlacementDetails>;
        return [{ type: 'PlacementUpdated', data: { ...keyOf(state), ...changes } }];
      }
      case 'PublishPlacement': {
        mustExist(state, command.placementId);
        return state.status === 'draft' ? [{ type: 'PlacementPublished', data: keyOf(state) }] : [];
      }
      case 'AssignPlacementProvider': {
        mustExist(state, command.placementId);
        if (state.status === 'draft') throw conflict('PlacementNotPublished', `Placement ${state.placementId} is a draft; publish it before assigning a provider.`);
        if (state.status === 'assigned') {
          if (state.providerId === command.providerId) return [];
          throw conflict('ProviderAlreadyAssigned', `Placement ${state.placementId} already has provider ${state.providerId}; unassign it first.`, [
            { providerId: state.providerId },
          ]);
        }
        checkProvider(command.providerId, lookups.provider);
        return [{ type: 'PlacementProviderAssigned', data: { ...keyOf(state), providerId: command.providerId } }];
      }
      case 'UnassignPlacementProvider': {
        mustExist(state, command.placementId);
        if (state.status !== 'assigned') return [];
        return [{ type: 'PlacementProviderUnassigned', data: { ...keyOf(state), providerId: state.providerId } }];
      }
      case 'DeletePlacement': {
        if (state.status === 'deleted') return [];
        mustExist(state, command.placementId);
        if (state.status === 'assigned') {
          throw conflict('PlacementAssigned', `Placement ${state.placementId} has a provider, so it cannot be deleted; unassign the provider first.`);
        }
        const reason = command.reason?.trim();
        const deletion: PlacementDeletion = command.cause ? { cause: command.cause } : { cause: 'requested', ...(reason ? { reason } : {}) };
        return [{ type: 'PlacementDeleted', data: { ...keyOf(state), ...deletion } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PlacementCreated': {
        const { placementId, schoolId, academicYearId, ...details } = event.data;
        return { status: 'draft', placementId, schoolId, academicYearId, details };
      }
      case 'PlacementUpdated': {
        if (state.status === 'none') return state;
        const { placementId: _p, schoolId: _s, academicYearId: _y, ...changes } = event.data;
        return { ...state, details: { ...state.details, ...changes } };
      }
      case 'PlacementPublished':
        return state.status === 'draft' ? { ...state, status: 'published' } : state;
      case 'PlacementProviderAssigned':
        return state.status === 'none' ? state : { ...keyOf(state), details: state.details, status: 'assigned', providerId: event.data.providerId };
      case 'PlacementProviderUnassigned':
        return state.status === 'assigned' ? { ...keyOf(state), details: state.details, status: 'published' } : state;
      case 'PlacementDeleted':
      {
        if (state.status === 'none') return state;
        const { placementId: _p, schoolId: _s, academicYearId: _y, ...deletion } = event.data;
        return { ...keyOf(state), details: state.details, status: 'deleted', deletion };
      }
      default:
        return assertNever(event);
    }
  },
};
