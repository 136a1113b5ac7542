import { AllowanceTotals, AllowanceTrainingType } from './mentor-allowance.events';

/** Rule 3: hours per mentor, provider and academic year. */
export const REFRESHER_HOURS = 6;
export const initialHoursFor = (academicYearStartsOn: string): number => (academicYearStartsOn < '2025-08-01' ? 20 : 16);

/** How long a reservation waits for its claim's event before it is taken as left behind by a crash. */
export const RESERVATION_GRACE_MS = 30_000;

export interface PendingReservation {
  claimRevision: number;
  claimEventId: string;
  hours: number;
  trainingType: AllowanceTrainingType;
  reservedAt: string;
}

/** A claim as its own stream says it is now, for one allowance (revision -1: no stream yet). */
export interface ClaimTruth {
  revision: number;
  hours: number;
  trainingType: AllowanceTrainingType | null;
}

const NO_CLAIM: ClaimTruth = { revision: -1, hours: 0, trainingType: null };

/** The claim's stream has not reached the reservation yet: still in flight, or (after the grace period) abandoned. */
const unreached = (r: PendingReservation, truth: ClaimTruth) => r.claimRevision > truth.revision;
const young = (r: PendingReservation, now: Date) => now.getTime() - Date.parse(r.reservedAt) < RESERVATION_GRACE_MS;

export const isAbandoned = (r: PendingReservation, truth: ClaimTruth | undefined, now: Date) => unreached(r, truth ?? NO_CLAIM) && !young(r, now);

/**
 * What a claim uses of the allowance: what its own stream holds, or more while a reservation for an
 * append not yet made is in flight. The claim's stream is the truth; reservations only add to it.
 */
export function holding(records: PendingReservation[], truth: ClaimTruth | undefined, now: Date): { hours: number; types: AllowanceTrainingType[] } {
  const known = truth ?? NO_CLAIM;
  let hours = known.hours;
  const types: AllowanceTrainingType[] = known.hours > 0 && known.trainingType ? [known.trainingType] : [];
  for (const r of records) {
    if (!unreached(r, known) || !young(r, now)) continue;
    hours = Math.max(hours, r.hours);
    types.push(r.trainingType);
  }
  return { hours, types };
}

/** One allowance covers every claim: refresher training anywhere in it limits the whole to the refresher hours. */
export const allowanceHoursFor = (types: AllowanceTrainingType[], initialHours: number): number =>
  types.includes('refresher') ? Math.min(REFRESHER_HOURS, initialHours) : initialHours;

export function totalsOf(claims: Record<string, PendingReservation[]>, truths: Record<string, ClaimTruth>, now: Date, initialHours: number): AllowanceTotals & { byClaim: Record<string, number> } {
  const byClaim: Record<string, number> = {};
  const types: AllowanceTrainingType[] = [];
  for (const claimId of new Set([...Object.keys(claims), ...Object.keys(truths)])) {
    const held = holding(claims[claimId] ?? [], truths[claimId], now);
    byClaim[claimId] = held.hours;
    types.push(...held.types);
  }
  const allowanceHours = allowanceHoursFor(types, initialHours);
  const hoursUsed = Object.values(byClaim).reduce((sum, h) => sum + h, 0);
  return { allowanceHours, hoursUsed, hoursRemaining: Math.max(0, allowanceHours - hoursUsed), byClaim };
}
