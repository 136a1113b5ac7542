import { DomainEvent } from '../shared/event';

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

export type StudentEvent = StudentRegistered | StudentUsernameChanged | StudentAdmittedToSchool | StudentWithdrawnFromSchool;

export const STUDENT_EVENT_TYPES: ReadonlySet<StudentEvent['type']> = new Set([
  'StudentRegistered',
  'StudentUsernameChanged',
  'StudentAdmittedToSchool',
  'StudentWithdrawnFromSchool',
]);
