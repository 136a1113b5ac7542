import { DomainEvent } from '../shared/event';

/**
 * A window's dates taken in the registry before the window's own stream records them. `windowRevision`
 * is where that record will be: until the window's stream reaches it the dates are held for a grace period.
 */
export type ClaimWindowDatesRegistered = DomainEvent<
  'ClaimWindowDatesRegistered',
  { claimWindowId: string; academicYearId: string; startsOn: string; endsOn: string; windowRevision: number; registeredAt: string }
>;
export type ClaimWindowDatesReleased = DomainEvent<'ClaimWindowDatesReleased', { claimWindowId: string }>;

export type ClaimWindowRegistryEvent = ClaimWindowDatesRegistered | ClaimWindowDatesReleased;
