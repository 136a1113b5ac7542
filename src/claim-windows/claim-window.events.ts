import { DomainEvent } from '../shared/event';

export type ClaimWindowDefined = DomainEvent<'ClaimWindowDefined', { claimWindowId: string; academicYearId: string; startsOn: string; endsOn: string }>;
export type ClaimWindowChanged = DomainEvent<
  'ClaimWindowChanged',
  { claimWindowId: string; academicYearId: string; startsOn: string; endsOn: string; previous: { startsOn: string; endsOn: string } }
>;
export type ClaimWindowRemoved = DomainEvent<'ClaimWindowRemoved', { claimWindowId: string; academicYearId: string }>;

export type ClaimWindowEvent = ClaimWindowDefined | ClaimWindowChanged | ClaimWindowRemoved;

export const CLAIM_WINDOW_EVENT_TYPES: ReadonlySet<ClaimWindowEvent['type']> = new Set(['ClaimWindowDefined', 'ClaimWindowChanged', 'ClaimWindowRemoved']);
