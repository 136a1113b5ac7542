import { StudentEvent } from './student.events';

/**
 * The personal fields of each Student event (domain/audit.md "Personal data of students"): stored
 * encrypted with the student's key. Ids, districts, schools, grades and dates stay clear: the rules
 * and counts need them. Work events carry nothing personal.
 */
export const STUDENT_PERSONAL_FIELDS: Partial<Record<StudentEvent['type'], readonly string[]>> = {
  StudentRegistered: ['username', 'givenName', 'familyName', 'middleName', 'preferredName', 'birthDate', 'email', 'stateStudentId', 'externalIds'],
  StudentUsernameChanged: ['username', 'previousUsername'],
  StudentDetailsUpdated: ['givenName', 'familyName', 'middleName', 'preferredName', 'birthDate', 'email'],
};
