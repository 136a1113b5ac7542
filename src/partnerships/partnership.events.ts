import { DomainEvent } from '../shared/event';

export type PartnershipFormed = DomainEvent<'PartnershipFormed', { schoolId: string; providerId: string }>;
export type PartnershipEnded = DomainEvent<'PartnershipEnded', { schoolId: string; providerId: string }>;

export type PartnershipEvent = PartnershipFormed | PartnershipEnded;

export const PARTNERSHIP_EVENT_TYPES: ReadonlySet<PartnershipEvent['type']> = new Set(['PartnershipFormed', 'PartnershipEnded']);
