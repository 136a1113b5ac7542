import { toGradeCode } from '../students/grade-levels';
import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { ClassroomCommand, ClassroomFields } from './classroom.commands';
import { ClassroomDetails, ClassroomEvent } from './classroom.events';

export type ClassroomState =
  | { status: 'none' }
  | ({ status: 'active' | 'closed'; classroomId: string; schoolId: string } & ClassroomDetails);

/** An organisation as the handler found it: null type when it does not exist. */
export interface SchoolFact {
  id: string;
  type: string | null;
  closed: boolean;
}

export interface AcademicYearFact {
  academicYearId: string;
  defined: boolean;
  termIds: string[];
}

export interface ClassroomLookups {
  school?: SchoolFact;
  academicYear?: AcademicYearFact;
}

const DETAIL_FIELDS: (keyof ClassroomDetails)[] = ['title', 'classCode', 'classType', 'subjects', 'grades', 'academicYearId', 'termIds'];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const unique = (values: string[]) => [...new Set(values)];

/** Grades are stored as OneRoster codes; Ed-Fi descriptors are mapped (as for students, rule 7). */
function gradeCodes(grades: string[]): string[] {
  const unknown = grades.filter((g) => toGradeCode(g) === null);
  if (unknown.length) {
    throw ruleBroken('UnknownGradeLevel', `${unknown.map((g) => `"${g}"`).join(', ')} is neither a OneRoster grade code nor an Ed-Fi grade descriptor.`);
  }
  return unique(grades.map((g) => toGradeCode(g)!));
}

/** The given fields in their stored form; absent fields stay absent. */
function normalised(fields: Partial<ClassroomFields>): Partial<ClassroomDetails> {
  const details: Partial<ClassroomDetails> = {};
  if (fields.title !== undefined) details.title = fields.title;
  if (fields.classCode !== undefined) details.classCode = fields.classCode;
  if (fields.classType !== undefined) details.classType = fields.classType;
  if (fields.subjects !== undefined) details.subjects = unique(fields.subjects);
  if (fields.grades !== undefined) details.grades = gradeCodes(fields.grades);
  if (fields.academicYearId !== undefined) details.academicYearId = fields.academicYearId;
  if (fields.termIds !== undefined) details.termIds = unique(fields.termIds);
  return details;
}

function checkSchool(schoolId: string, school: SchoolFact | undefined): void {
  if (!school || school.type === null) throw notFound('SchoolNotFound', `School ${schoolId} does not exist.`);
  if (school.type !== 'school') throw ruleBroken('NotASchool', `Organisation ${schoolId} is a ${school.type}, not a school.`);
  if (school.closed) throw conflict('OrganisationClosed', `School ${schoolId} is closed and takes no new classrooms.`);
}

/** Terms belong to the classroom's academic year, which must be given with them. */
function checkTerms(academicYearId: string | undefined, termIds: string[], year: AcademicYearFact | undefined): void {
  if (termIds.length > 0 && academicYearId === undefined) {
    throw ruleBroken('AcademicYearRequired', 'Terms belong to an academic year: give academicYearId together with termIds.');
  }
  if (academicYearId === undefined) return;
  if (!year || !year.defined) throw notFound('AcademicYearNotFound', `Academic year ${academicYearId} is not defined.`);
  const foreign = termIds.filter((termId) => !year.termIds.includes(termId));
  if (foreign.length) {
    throw ruleBroken('TermNotInAcademicYear', `Term ${foreign.join(', ')} is not a term of academic year ${academicYearId}; define it there first or choose its terms.`, [
      { academicYearId, termIds: foreign },
    ]);
  }
}

function mustExist(state: ClassroomState, classroomId: string): asserts state is Exclude<ClassroomState, { status: 'none' }> {
  if (state.status === 'none') throw notFound('NotFound', `Classroom ${classroomId} does not exist.`);
}

export const classroomDecider: Decider<ClassroomState, ClassroomCommand, ClassroomEvent, ClassroomLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { lookups }) {
    switch (command.type) {
      case 'CreateClassroom': {
        const details = { subjects: [], grades: [], termIds: [], ...normalised(command) } as ClassroomDetails;
        if (state.status !== 'none') {
          if (state.schoolId === command.schoolId && DETAIL_FIELDS.every((f) => same(state[f], details[f]))) return [];
          throw conflict('AlreadyExists', `Classroom ${command.classroomId} already exists with other details.`);
        }
        checkSchool(command.schoolId, lookups.school);
        checkTerms(details.academicYearId, details.termIds, lookups.academicYear);
        return [{ type: 'ClassroomCreated', data: { classroomId: command.classroomId, schoolId: command.schoolId, ...details } }];
      }
      case 'UpdateClassroom': {
        mustExist(state, command.classroomId);
        if (state.status === 'closed') throw conflict('ClassroomClosed', `Classroom ${command.classroomId} is closed.`);
        const changes = Object.fromEntries(
          Object.entries(normalised(command)).filter(([field, value]) => !same(state[field as keyof ClassroomDetails], value)),
        ) as Partial<ClassroomDetails>;
        if (Object.keys(changes).length === 0) return [];
        if (changes.academicYearId !== undefined || changes.termIds !== undefined) {
          checkTerms(changes.academicYearId ?? state.academicYearId, changes.termIds ?? state.termIds, lookups.academicYear);
        }
        return [{ type: 'ClassroomUpdated', data: { classroomId: state.classroomId, schoolId: state.schoolId, ...changes } }];
      }
      case 'CloseClassroom': {
        mustExist(state, command.classroomId);
        if (state.status === 'closed') return [];
        return [{ type: 'ClassroomClosed', data: { classroomId: state.classroomId, schoolId: state.schoolId } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ClassroomCreated':
        return { status: 'active', ...event.data };
      case 'ClassroomUpdated':
        return state.status === 'none' ? state : { ...state, ...event.data };
      case 'ClassroomClosed':
        return state.status === 'none' ? state : { ...state, status: 'closed' };
      default:
        return assertNever(event);
    }
  },
};
