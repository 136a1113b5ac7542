import { DomainEvent } from '../shared/event';

export type HostingAppetite = 'actively_looking' | 'interested' | 'not_open';
export const HOSTING_APPETITES: readonly HostingAppetite[] = ['actively_looking', 'interested', 'not_open'];

export type HostingInterestRecorded = DomainEvent<
  'HostingInterestRecorded',
  {
    schoolId: string;
    academicYearId: string;
    appetite: HostingAppetite;
    reasons: string[];
    details: Record<string, unknown> | null;
    /** null when this is the school's first record for the year. */
    previousAppetite: HostingAppetite | null;
  }
>;
/**
 * A placement of this school and year is being given a provider: taken before the placement's own
 * event, so a change of interest racing the assignment loses (domain/placements.md, "locked").
 */
export type HostingInterestLocked = DomainEvent<
  'HostingInterestLocked',
  { schoolId: string; academicYearId: string; lockId: string; placementId: string; providerId: string; placementRevision: number; lockedAt: string }
>;
export type HostingInterestUnlocked = DomainEvent<'HostingInterestUnlocked', { schoolId: string; academicYearId: string; placementId: string; lockIds: string[] }>;

export type HostingInterestEvent = HostingInterestRecorded | HostingInterestLocked | HostingInterestUnlocked;

export const HOSTING_INTEREST_EVENT_TYPES: ReadonlySet<HostingInterestEvent['type']> = new Set([
  'HostingInterestRecorded',
  'HostingInterestLocked',
  'HostingInterestUnlocked',
]);
