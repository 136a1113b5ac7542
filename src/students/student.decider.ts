import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { toGradeCode } from './grade-levels';
import { changedDetails, withDetailChanges } from './student-details.values';
import { decideWork, evolveWork, noWork, WorkLookups, WorkState } from './student-work.decider';
import { RegisterStudent, StudentCommand } from './student.commands';
import { ERASED, StudentDetails, StudentEvent } from './student.events';

export interface SchoolAssociation {
  schoolId: string;
  entryDate: string;
  entryGradeLevel: string;
  primary: boolean;
  exitDate?: string;
  exitReason?: string;
}

export type StudentState =
  | { status: 'none' }
  | {
      status: 'active' | 'deactivated';
      studentId: string;
      districtId: string;
      username: string;
      stateStudentId?: string;
      details: StudentDetails;
      associations: SchoolAssociation[];
      work: WorkState;
      /** The personal data was erased: every personal field reads ERASED and none can be set again. */
      erased?: true;
    };

/** An organisation as the handler found it: null type when it does not exist. */
export interface OrganisationFact {
  id: string;
  type: string | null;
  closed: boolean;
}

export interface StudentLookups extends WorkLookups {
  district?: OrganisationFact;
  school?: OrganisationFact;
}

/** Usernames compare case-insensitively after trimming (rule 1). */
export const usernameKey = (username: string) => username.trim().toLowerCase();

const openAssociation = (associations: SchoolAssociation[], schoolId: string) =>
  associations.find((a) => a.schoolId === schoolId && a.exitDate === undefined);

function registeredEvent(command: RegisterStudent): StudentEvent {
  const { type: _type, ...data } = command;
  return { type: 'StudentRegistered', data: { ...data, username: command.username.trim() } };
}

/** Every personal field ERASED; ids, grades, associations and work stay. */
function erasedState<S extends Exclude<StudentState, { status: 'none' }>>(state: S): S {
  const { grades, ...personal } = state.details;
  const details = Object.fromEntries(Object.keys(personal).map((field) => [field, ERASED])) as unknown as StudentDetails;
  return {
    ...state,
    username: ERASED,
    ...(state.stateStudentId !== undefined ? { stateStudentId: ERASED } : {}),
    details: { ...details, ...(grades !== undefined ? { grades } : {}) },
    erased: true,
  };
}

function mustNotBeErased(state: Exclude<StudentState, { status: 'none' }>): void {
  if (state.erased) throw conflict('StudentPersonalDataErased', `The personal data of student ${state.studentId} was erased; it cannot be set again.`);
}

function mustExist(state: StudentState, studentId: string): asserts state is Exclude<StudentState, { status: 'none' }> {
  if (state.status === 'none') throw notFound('NotFound', `Student ${studentId} does not exist.`);
}

export const studentDecider: Decider<StudentState, StudentCommand, StudentEvent, StudentLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { lookups, now }) {
    switch (command.type) {
      case 'RegisterStudent': {
        const event = registeredEvent(command);
        if (state.status !== 'none') {
          const recorded = studentDecider.evolve({ status: 'none' }, event);
          if (JSON.stringify(recorded) === JSON.stringify({ ...state, associations: [], work: noWork })) return [];
          throw conflict('AlreadyExists', `Student ${command.studentId} is already registered with other details.`);
        }
        const district = lookups.district;
        if (!district || district.type === null) throw notFound('DistrictNotFound', `District ${command.districtId} does not exist.`);
        if (district.type !== 'district') throw ruleBroken('NotADistrict', `Organisation ${command.districtId} is a ${district.type}, not a district.`);
        if (district.closed) throw conflict('OrganisationClosed', `District ${command.districtId} is closed.`);
        return [event];
      }
      case 'ChangeStudentUsername': {
        mustExist(state, command.studentId);
        mustNotBeErased(state);
        const username = command.username.trim();
        if (username === state.username) return [];
        return [
          {
            type: 'StudentUsernameChanged',
            data: { studentId: state.studentId, districtId: state.districtId, username, previousUsername: state.username },
          },
        ];
      }
      case 'AdmitStudentToSchool': {
        mustExist(state, command.studentId);
        const entryGradeLevel = toGradeCode(command.entryGradeLevel);
        if (entryGradeLevel === null) {
          throw ruleBroken('UnknownGradeLevel', `"${command.entryGradeLevel}" is neither a OneRoster grade code nor an Ed-Fi grade descriptor.`);
        }
        const open = openAssociation(state.associations, command.schoolId);
        if (open) {
          const same = open.entryDate === command.entryDate && open.entryGradeLevel === entryGradeLevel && (command.primary === undefined || command.primary === open.primary);
          if (same) return [];
          throw conflict('AlreadyAdmitted', `Student ${command.studentId} already has an open association with school ${command.schoolId}.`);
        }
        if (state.status === 'deactivated') throw conflict('StudentDeactivated', `Student ${command.studentId} is deactivated.`);
        const school = lookups.school;
        if (!school || school.type === null) throw notFound('SchoolNotFound', `School ${command.schoolId} does not exist.`);
        if (school.type !== 'school') throw ruleBroken('NotASchool', `Organisation ${command.schoolId} is a ${school.type}, not a school.`);
        if (school.closed) throw conflict('OrganisationClosed', `School ${command.schoolId} is closed.`);
        const currentPrimary = state.associations.find((a) => a.exitDate === undefined && a.primary);
        const primary = command.primary ?? currentPrimary === undefined;
        return [
          {
            type: 'StudentAdmittedToSchool',
            data: {
              studentId: state.studentId,
              schoolId: command.schoolId,
              entryDate: command.entryDate,
              entryGradeLevel,
              primary,
              ...(primary && currentPrimary ? { previousPrimary: { schoolId: currentPrimary.schoolId, entryDate: currentPrimary.entryDate } } : {}),
            },
          },
        ];
      }
      case 'WithdrawStudentFromSchool': {
        mustExist(state, command.studentId);
        const open = openAssociation(state.associations, command.schoolId);
        if (!open) {
          const done = state.associations.find((a) => a.schoolId === command.schoolId && a.exitDate === command.exitDate);
          if (done) return [];
          throw conflict('NotAdmitted', `Student ${command.studentId} has no open association with school ${command.schoolId}.`);
        }
        if (command.exitDate < open.entryDate) {
          throw ruleBroken('ExitBeforeEntry', `The exit date ${command.exitDate} is before the entry date ${open.entryDate}.`, [
            { entryDate: open.entryDate, exitDate: command.exitDate },
          ]);
        }
        return [
          {
            type: 'StudentWithdrawnFromSchool',
            data: {
              studentId: state.studentId,
              schoolId: command.schoolId,
              entryDate: open.entryDate,
              exitDate: command.exitDate,
              ...(command.exitReason ? { exitReason: command.exitReason } : {}),
            },
          },
        ];
      }
      case 'UpdateStudentDetails': {
        mustExist(state, command.studentId);
        mustNotBeErased(state);
        const { type: _type, studentId: _id, ...requested } = command;
        const changes = changedDetails(state.details, requested);
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'StudentDetailsUpdated', data: { studentId: state.studentId, ...changes } }];
      }
      case 'DeactivateStudent': {
        mustExist(state, command.studentId);
        if (state.status === 'deactivated') return [];
        return [{ type: 'StudentDeactivated', data: { studentId: state.studentId, ...(command.reason ? { reason: command.reason } : {}) } }];
      }
      case 'ReactivateStudent': {
        mustExist(state, command.studentId);
        if (state.status === 'active') return [];
        return [{ type: 'StudentReactivated', data: { studentId: state.studentId } }];
      }
      case 'EraseStudentPersonalData': {
        mustExist(state, command.studentId);
        if (state.erased) return [];
        return [{ type: 'StudentPersonalDataErased', data: { studentId: state.studentId, districtId: state.districtId, reason: command.reason.trim() } }];
      }
      case 'RecordStudentWork':
      case 'AttributeStudentWork':
      case 'ClearWorkAttribution':
        mustExist(state, command.studentId);
        return decideWork(command, state, { now, lookups });
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'StudentRegistered': {
        const { studentId, districtId, username, stateStudentId, externalIds: _ids, ...details } = event.data;
        return {
          status: 'active',
          studentId,
          districtId,
          username,
          ...(stateStudentId ? { stateStudentId } : {}),
          details,
          associations: [],
          work: noWork,
        };
      }
      case 'StudentUsernameChanged':
        return state.status === 'none' ? state : { ...state, username: event.data.username };
      case 'StudentAdmittedToSchool': {
        if (state.status === 'none') return state;
        const { schoolId, entryDate, entryGradeLevel, primary, previousPrimary } = event.data;
        const associations = state.associations.map((a) =>
          previousPrimary && a.schoolId === previousPrimary.schoolId && a.entryDate === previousPrimary.entryDate ? { ...a, primary: false } : a,
        );
        return { ...state, associations: [...associations, { schoolId, entryDate, entryGradeLevel, primary }] };
      }
      case 'StudentWithdrawnFromSchool': {
        if (state.status === 'none') return state;
        const { schoolId, entryDate, exitDate, exitReason } = event.data;
        return {
          ...state,
          associations: state.associations.map((a) =>
            a.schoolId === schoolId && a.entryDate === entryDate && a.exitDate === undefined
              ? { ...a, exitDate, ...(exitReason ? { exitReason } : {}) }
              : a,
          ),
        };
      }
      case 'StudentDetailsUpdated': {
        if (state.status === 'none') return state;
        const { studentId: _id, ...changes } = event.data;
        return { ...state, details: withDetailChanges(state.details, changes) };
      }
      case 'StudentDeactivated':
        return state.status === 'none' ? state : { ...state, status: 'deactivated' };
      case 'StudentReactivated':
        return state.status === 'none' ? state : { ...state, status: 'active' };
      case 'StudentPersonalDataErased':
        return state.status === 'none' ? state : erasedState(state);
      case 'StudentWorkRecorded':
      case 'StudentWorkAttributed':
      case 'StudentWorkAttributionCleared':
        return state.status === 'none' ? state : { ...state, work: evolveWork(state.work, event) };
      default:
        return assertNever(event);
    }
  },
};
