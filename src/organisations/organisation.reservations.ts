import { ReservationChanges } from '../event-store/command-handling';
import { ReservationKey } from '../event-store/reservations';
import { OrganisationState } from './organisation.decider';
import { OrganisationEvent, OrganisationIdentifiers, OrganisationType } from './organisation.events';

/** Rule 2: a URN is unique among schools, a UKPRN among providers. */
function keysOf(type: OrganisationType, identifiers: OrganisationIdentifiers | undefined): ReservationKey[] {
  const keys: ReservationKey[] = [];
  if (type === 'school' && identifiers?.urn) {
    keys.push({ kind: 'school-urn', scope: 'schools', value: identifiers.urn.trim(), conflictCode: 'UrnTaken', conflictMessage: `Another school already has URN ${identifiers.urn}.` });
  }
  if (type === 'provider' && identifiers?.ukprn) {
    keys.push({ kind: 'provider-ukprn', scope: 'providers', value: identifiers.ukprn.trim(), conflictCode: 'UkprnTaken', conflictMessage: `Another provider already has UKPRN ${identifiers.ukprn}.` });
  }
  return keys;
}

export function organisationReservations(events: OrganisationEvent[], before: OrganisationState): ReservationChanges {
  const changes: ReservationChanges = { claim: [], release: [] };
  for (const event of events) {
    if (event.type === 'OrganisationRegistered') changes.claim.push(...keysOf(event.data.type, event.data.identifiers));
    if (event.type === 'OrganisationUpdated' && event.data.identifiers && before.status !== 'none') {
      const old = keysOf(before.type, before.identifiers);
      const next = keysOf(before.type, event.data.identifiers);
      changes.claim.push(...next.filter((k) => !old.some((o) => o.kind === k.kind && o.value === k.value)));
      changes.release.push(...old.filter((o) => !next.some((k) => k.kind === o.kind && k.value === o.value)));
    }
  }
  return changes;
}
