import { DomainEvent } from '../shared/event';

export type AllowanceTrainingType = 'initial' | 'refresher';

/** The allowance as it stands after the event: what the mentor-allowances read model shows. */
export interface AllowanceTotals {
  allowanceHours: number;
  hoursUsed: number;
  hoursRemaining: number;
}

interface AllowanceKeyData {
  mentorId: string;
  providerId: string;
  academicYearId: string;
  claimId: string;
}

/** Hours held for a claim before the claim's own event is appended at `claimRevision` (rule 4). */
export type MentorAllowanceReserved = DomainEvent<
  'MentorAllowanceReserved',
  AllowanceKeyData & { claimRevision: number; claimEventId: string; hours: number; trainingType: AllowanceTrainingType; reservedAt: string } & AllowanceTotals
>;

export type AllowanceReleaseReason = 'claim_deleted' | 'revised_down' | 'provider_changed' | 'payment_not_approved' | 'claim_not_appended' | 'abandoned';

/** Hours given back: `hoursHeld` is what the claim still uses of this allowance. */
export type MentorAllowanceReleased = DomainEvent<
  'MentorAllowanceReleased',
  AllowanceKeyData & { reason: AllowanceReleaseReason; claimEventId?: string; hoursHeld: number } & AllowanceTotals
>;

export type MentorAllowanceEvent = MentorAllowanceReserved | MentorAllowanceReleased;

export const MENTOR_ALLOWANCE_EVENT_TYPES: ReadonlySet<MentorAllowanceEvent['type']> = new Set(['MentorAllowanceReserved', 'MentorAllowanceReleased']);
