import { ReservationChanges } from '../event-store/command-handling';
import { ClaimEvent } from './claim.events';

export const REFERENCE_TAKEN = 'ClaimReferenceTaken';

/** The reservation of a claim's reference: its holder is the claim's stream. */
export const claimReferenceKey = (reference: string) => ({ kind: 'claim-reference', scope: 'claims', value: reference });

/** Rule 5: a reference belongs to one claim, forever. */
export function claimReservations(events: ClaimEvent[]): ReservationChanges {
  const changes: ReservationChanges = { claim: [], release: [] };
  for (const event of events) {
    if (event.type === 'ClaimDrafted') {
      changes.claim.push({
        ...claimReferenceKey(event.data.reference),
        conflictCode: REFERENCE_TAKEN,
        conflictMessage: 'That claim reference is already in use; retry to get another.',
      });
    }
  }
  return changes;
}
