import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { MentorCommand, RegisterMentor } from './mentor.commands';
import { MentorEvent } from './mentor.events';

export type MentorState =
  | { status: 'none' }
  | { status: 'registered'; mentorId: string; trn: string; givenName: string; familyName: string; birthDate?: string; schoolIds: string[] };

/** An organisation as the handler found it: null type when it does not exist. */
export interface OrganisationFact {
  id: string;
  type: string | null;
  closed: boolean;
}

/** A claim that still needs the mentor at the school (reference rule 3). */
export interface OpenClaimFact {
  claimId: string;
  reference: string;
  status: string;
}

export interface MentorLookups {
  school?: OrganisationFact;
  openClaims?: OpenClaimFact[];
}

/** Reference rule 2: a TRN is exactly 7 digits. */
export const TRN_PATTERN = /^\d{7}$/;

function registeredEvent(command: RegisterMentor): MentorEvent {
  const { type: _type, ...data } = command;
  return { type: 'MentorRegistered', data: { ...data, trn: command.trn.trim() } };
}

function mustExist(state: MentorState, mentorId: string): asserts state is Extract<MentorState, { status: 'registered' }> {
  if (state.status === 'none') throw notFound('NotFound', `Mentor ${mentorId} does not exist.`);
}

export const mentorDecider: Decider<MentorState, MentorCommand, MentorEvent, MentorLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { lookups }) {
    switch (command.type) {
      case 'RegisterMentor': {
        const event = registeredEvent(command);
        if (!TRN_PATTERN.test(command.trn.trim())) throw ruleBroken('InvalidTrn', 'A TRN is exactly 7 digits.', [{ field: 'trn' }]);
        if (state.status !== 'none') {
          const again = mentorDecider.evolve({ status: 'none' }, event);
          if (JSON.stringify(again) === JSON.stringify({ ...state, schoolIds: [] })) return [];
          throw conflict('AlreadyExists', `Mentor ${command.mentorId} is already registered with other details.`);
        }
        return [event];
      }
      case 'AddMentorToSchool': {
        mustExist(state, command.mentorId);
        if (state.schoolIds.includes(command.schoolId)) return [];
        const school = lookups.school;
        if (!school || school.type === null) throw notFound('SchoolNotFound', `School ${command.schoolId} does not exist.`);
        if (school.type !== 'school') throw ruleBroken('NotASchool', `Organisation ${command.schoolId} is a ${school.type}, not a school.`);
        if (school.closed) throw conflict('OrganisationClosed', `School ${command.schoolId} is closed.`);
        return [{ type: 'MentorJoinedSchool', data: { mentorId: command.mentorId, schoolId: command.schoolId } }];
      }
      case 'RemoveMentorFromSchool': {
        mustExist(state, command.mentorId);
        if (!state.schoolIds.includes(command.schoolId)) return [];
        const open = lookups.openClaims ?? [];
        if (open.length > 0) {
          throw conflict(
            'MentorInOpenClaim',
            `Mentor ${command.mentorId} is in ${open.length} claim(s) of school ${command.schoolId} that are still open; finish or delete them first.`,
            open.map((c) => ({ claimId: c.claimId, reference: c.reference, status: c.status })),
          );
        }
        return [{ type: 'MentorLeftSchool', data: { mentorId: command.mentorId, schoolId: command.schoolId } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'MentorRegistered':
        return { status: 'registered', ...event.data, schoolIds: [] };
      case 'MentorJoinedSchool':
        return state.status === 'none' || state.schoolIds.includes(event.data.schoolId) ? state : { ...state, schoolIds: [...state.schoolIds, event.data.schoolId] };
      case 'MentorLeftSchool':
        return state.status === 'none' ? state : { ...state, schoolIds: state.schoolIds.filter((id) => id !== event.data.schoolId) };
      default:
        return assertNever(event);
    }
  },
};
