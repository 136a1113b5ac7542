import { DomainEvent } from '../shared/event';

/** A claim that may concern this register's subject (a window, a mentor); the claim's own stream says whether it still does. */
export type ClaimRegisterEntryAdded = DomainEvent<'ClaimRegisterEntryAdded', { registerId: string; claimId: string }>;

export type ClaimRegisterEvent = ClaimRegisterEntryAdded;

export const CLAIM_REGISTER_EVENT_TYPES: ReadonlySet<ClaimRegisterEvent['type']> = new Set(['ClaimRegisterEntryAdded']);
