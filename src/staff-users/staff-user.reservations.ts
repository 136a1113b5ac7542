import { ReservationChanges } from '../event-store/command-handling';
import { ReservationKey } from '../event-store/reservations';
import { emailKey } from './staff-user.decider';
import { StaffService, StaffUserEvent } from './staff-user.events';

/** An email is unique within its service, case-insensitively; the same person may be in another service. */
export const emailReservation = (service: StaffService, email: string): ReservationKey => ({
  kind: 'staff-user-email',
  scope: service,
  value: emailKey(email),
  conflictCode: 'EmailTaken',
  conflictMessage: `That email address already belongs to another ${service} user.`,
});

export function staffUserReservations(events: StaffUserEvent[]): ReservationChanges {
  const changes: ReservationChanges = { claim: [], release: [] };
  for (const event of events) {
    if (event.type === 'UserRegistered') changes.claim.push(emailReservation(event.data.service, event.data.email));
  }
  return changes;
}
