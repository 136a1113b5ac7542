import { ReservationChanges } from '../event-store/command-handling';
import { ReservationKey } from '../event-store/reservations';
import { ProgramEnrollmentEvent } from './program-enrollment.events';

/** Ids cannot hold '/', so program and curriculum joined by it name one curriculum unambiguously. */
const curriculumScope = (programId: string, curriculumId: string) => `${programId}/${curriculumId}`;

/** Rule 2: one enrollment per (student, program, curriculum) among enrollments that have a student. */
export const studentTripleReservation = (studentId: string, programId: string, curriculumId: string): ReservationKey => ({
  kind: 'program-enrollment-student',
  scope: curriculumScope(programId, curriculumId),
  value: studentId,
  conflictCode: 'DuplicateProgramEnrollment',
  conflictMessage: `Student ${studentId} already has an enrollment in program ${programId}, curriculum ${curriculumId}; change that enrollment instead.`,
});

/** Rule 3: one enrollment per (externalUserKey, program, curriculum) among enrollments that have a key. */
export const keyTripleReservation = (externalUserKey: string, programId: string, curriculumId: string): ReservationKey => ({
  kind: 'program-enrollment-key',
  scope: curriculumScope(programId, curriculumId),
  value: externalUserKey,
  conflictCode: 'DuplicateProgramEnrollment',
  conflictMessage: `That externalUserKey already has an enrollment in program ${programId}, curriculum ${curriculumId}; change that enrollment instead.`,
});

/**
 * Creating claims the triple of each field it has (a missing field is not constrained, rule 3);
 * linking claims the student triple (rules 4 and 5). Status changes release nothing: the seed's
 * unique constraints hold whatever the status, so a canceled or ended enrollment keeps its triples.
 */
export function programEnrollmentReservations(events: ProgramEnrollmentEvent[]): ReservationChanges {
  const changes: ReservationChanges = { claim: [], release: [] };
  for (const event of events) {
    const { programId, curriculumId, studentId, externalUserKey } = event.data;
    if (event.type === 'ProgramEnrollmentCreated') {
      if (studentId !== undefined) changes.claim.push(studentTripleReservation(studentId, programId, curriculumId));
      if (externalUserKey !== undefined) changes.claim.push(keyTripleReservation(externalUserKey, programId, curriculumId));
    }
    if (event.type === 'ProgramEnrollmentLinked') changes.claim.push(studentTripleReservation(event.data.studentId, programId, curriculumId));
  }
  return changes;
}
