import { RequestedAppetite } from './hosting-interest.commands';
import { HostingAppetite } from './hosting-interest.events';

/** The seed's placeholder appetites (seed 003) and what they mean here. */
const APPETITES: Record<RequestedAppetite, HostingAppetite> = {
  actively_looking: 'actively_looking',
  interested: 'interested',
  not_open: 'not_open',
  not_interested: 'not_open',
  unsure: 'interested',
};

export const toAppetite = (requested: RequestedAppetite): HostingAppetite => APPETITES[requested];

/** The seed's JSONB `placement_details`, bounded. */
export const MAX_DETAILS_BYTES = 16 * 1024;

export const detailsBytes = (details: Record<string, unknown> | null): number =>
  details === null ? 0 : Buffer.byteLength(JSON.stringify(details), 'utf8');

/** How long a lock whose assignment has not landed yet still counts: the assignment may be in flight. */
export const LOCK_IN_FLIGHT_MS = 30_000;

export interface LockView {
  placementId: string;
  placementRevision: number;
  lockedAt: string;
}

/** A placement named by a lock, as its own stream says now (revision null: no events). */
export interface PlacementFact {
  assigned: boolean;
  revision: number | null;
}

/**
 * A lock holds while its placement has a provider, or while the assignment it announced may still
 * land (its placement has not reached that revision and the lock is recent). A lock left by a crash
 * or by an unassignment whose unlock never ran therefore stops counting by itself.
 */
export function holdsLock(lock: LockView, placement: PlacementFact | undefined, now: Date): boolean {
  if (!placement || placement.assigned) return true;
  const landed = placement.revision !== null && placement.revision >= lock.placementRevision;
  return !landed && now.getTime() - Date.parse(lock.lockedAt) < LOCK_IN_FLIGHT_MS;
}
