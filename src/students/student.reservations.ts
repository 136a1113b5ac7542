import { ReservationChanges } from '../event-store/command-handling';
import { ReservationKey } from '../event-store/reservations';
import { usernameKey } from './student.decider';
import { StudentState } from './student.decider';
import { StudentEvent } from './student.events';

/** Rule 1: a username is unique within its district, not globally. */
export const usernameReservation = (districtId: string, username: string): ReservationKey => ({
  kind: 'student-username',
  scope: districtId,
  value: usernameKey(username),
  conflictCode: 'UsernameTaken',
  conflictMessage: 'That username is already taken by another student in this district.',
});

/** Rule 2: a state student id is unique within its district. */
export const stateStudentIdReservation = (districtId: string, stateStudentId: string): ReservationKey => ({
  kind: 'student-state-id',
  scope: districtId,
  value: stateStudentId.trim(),
  conflictCode: 'StateStudentIdTaken',
  conflictMessage: 'That state student id already belongs to another student in this district.',
});

export function studentReservations(events: StudentEvent[], before: StudentState = { status: 'none' }): ReservationChanges {
  const changes: ReservationChanges = { claim: [], release: [] };
  for (const event of events) {
    if (event.type === 'StudentRegistered') {
      changes.claim.push(usernameReservation(event.data.districtId, event.data.username));
      if (event.data.stateStudentId) changes.claim.push(stateStudentIdReservation(event.data.districtId, event.data.stateStudentId));
    }
    if (event.type === 'StudentUsernameChanged') {
      const next = usernameReservation(event.data.districtId, event.data.username);
      const previous = usernameReservation(event.data.districtId, event.data.previousUsername);
      // A change of case keeps the same reservation.
      if (next.value !== previous.value) {
        changes.claim.push(next);
        changes.release.push(previous);
      }
    }
    // An erased student's username and state id are free for others (rule 1, domain/audit.md).
    if (event.type === 'StudentPersonalDataErased' && before.status !== 'none' && !before.erased) {
      changes.release.push(usernameReservation(before.districtId, before.username));
      if (before.stateStudentId) changes.release.push(stateStudentIdReservation(before.districtId, before.stateStudentId));
    }
  }
  return changes;
}
