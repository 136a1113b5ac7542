import { AllowanceReleaseReason, AllowanceTrainingType } from './mentor-allowance.events';

export interface AllowanceKey {
  mentorId: string;
  providerId: string;
  academicYearId: string;
}

/** Issued by a claim command before its own append; not an API command. */
export type ReserveMentorAllowance = AllowanceKey & {
  type: 'ReserveMentorAllowance';
  claimId: string;
  /** Revision and id the claim's first new event will have. */
  claimRevision: number;
  claimEventId: string;
  hours: number;
  trainingType: AllowanceTrainingType;
};

/** Issued after a claim stopped using hours (or its append failed: `claimEventId` names the reservation to drop). */
export type ReleaseMentorAllowance = AllowanceKey & { type: 'ReleaseMentorAllowance'; claimId: string; reason: AllowanceReleaseReason; claimEventId?: string };

export type MentorAllowanceCommand = ReserveMentorAllowance | ReleaseMentorAllowance;
