import { registerUpcaster } from '../event-store/upcasting';
import { EventMetadata } from '../shared/event';
import { HOSTING_INTEREST_CHANGED, PlacementDeleted, PlacementKey } from './placement.events';

/** PlacementDeleted as schema 1 stored it: one free-text field that the clean-up process also used as its flag. */
export interface PlacementDeletedV1 extends PlacementKey {
  reason: string | null;
}

/**
 * Schema 1 → 2: the clean-up process's deletions (written by the system actor with reason
 * 'hosting_interest_changed') become that cause; every other deletion was requested, its reason kept.
 */
export function placementDeletedFromV1(data: PlacementDeletedV1, metadata: EventMetadata): PlacementDeleted['data'] {
  const { reason, ...key } = data;
  if (reason === HOSTING_INTEREST_CHANGED && metadata.actor?.type === 'system') return { ...key, cause: HOSTING_INTEREST_CHANGED };
  return { ...key, cause: 'requested', ...(reason ? { reason } : {}) };
}

registerUpcaster('PlacementDeleted', 1, (data, metadata) => placementDeletedFromV1(data as PlacementDeletedV1, metadata));
