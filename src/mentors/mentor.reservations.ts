import { ReservationChanges } from '../event-store/command-handling';
import { MentorEvent } from './mentor.events';

/** Reference rule 2: a TRN belongs to one mentor. */
export function mentorReservations(events: MentorEvent[]): ReservationChanges {
  const changes: ReservationChanges = { claim: [], release: [] };
  for (const event of events) {
    if (event.type === 'MentorRegistered') {
      changes.claim.push({
        kind: 'mentor-trn',
        scope: 'mentors',
        value: event.data.trn,
        conflictCode: 'TrnTaken',
        conflictMessage: 'Another mentor is already registered with that TRN.',
      });
    }
  }
  return changes;
}
