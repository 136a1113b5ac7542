import { DomainEvent } from '../shared/event';
import { StudentWorkEvent } from './student-work.events';

export interface StudentDetails {
  givenName: string;
  familyName: string;
  middleName?: string;
  preferredName?: string;
  birthDate?: string;
  email?: string;
  grades?: string[];
}

export type StudentRegistered = DomainEvent<
  'StudentRegistered',
  {
    studentId: string;
    districtId: string;
    username: string;
    stateStudentId?: string;
    externalIds?: { source: string; id: string }[];
  } & StudentDetails
>;
export type StudentUsernameChanged = DomainEvent<'StudentUsernameChanged', { studentId: string; districtId: string; username: string; previousUsername: string }>;
export type StudentAdmittedToSchool = DomainEvent<
  'StudentAdmittedToSchool',
  {
    studentId: string;
    schoolId: string;
    entryDate: string;
    entryGradeLevel: string;
    primary: boolean;
    /** The open association that stopped being primary because of this one. */
    previousPrimary?: { schoolId: string; entryDate: string };
  }
>;
export type StudentWithdrawnFromSchool = DomainEvent<
  'StudentWithdrawnFromSchool',
  { studentId: string; schoolId: string; entryDate: string; exitDate: string; exitReason?: string }
>;

/** The detail fields that changed, with their new values; null means an optional field was cleared. */
export type StudentDetailChanges = Partial<Pick<StudentDetails, 'givenName' | 'familyName' | 'grades'>> & {
  middleName?: string | null;
  preferredName?: string | null;
  birthDate?: string | null;
  email?: string | null;
};
export type StudentDetailsUpdated = DomainEvent<'StudentDetailsUpdated', { studentId: string } & StudentDetailChanges>;
export type StudentDeactivated = DomainEvent<'StudentDeactivated', { studentId: string; reason?: string }>;
export type StudentReactivated = DomainEvent<'StudentReactivated', { studentId: string }>;
/** Crypto-shredding: the student's data key is destroyed; every personal field reads as ERASED from then on. */
export type StudentPersonalDataErased = DomainEvent<'StudentPersonalDataErased', { studentId: string; districtId: string; reason: string }>;

/** What an erased personal field reads as, in every read model, audit answer and export. */
export const ERASED = '[erased]';

export type StudentEvent =
  | StudentRegistered
  | StudentUsernameChanged
  | StudentAdmittedToSchool
  | StudentWithdrawnFromSchool
  | StudentDetailsUpdated
  | StudentDeactivated
  | StudentReactivated
  | StudentPersonalDataErased
  | StudentWorkEvent;

/** The roster and record read models subscribe to these; work events have their own set, STUDENT_WORK_EVENT_TYPES. */
export const STUDENT_EVENT_TYPES: ReadonlySet<StudentEvent['type']> = new Set([
  'StudentRegistered',
  'StudentUsernameChanged',
  'StudentAdmittedToSchool',
  'StudentWithdrawnFromSchool',
  'StudentDetailsUpdated',
  'StudentDeactivated',
  'StudentReactivated',
  'StudentPersonalDataErased',
]);
