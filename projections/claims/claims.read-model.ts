import type { IndexSpec } from '../../src/read-store/document-store.port';
import type { ClaimStatus, ClawbackMentor, MentorTraining } from '../../src/claims/claim.events';

/** `claims`: one document per claim (id = claimId), as it is now. */
export const CLAIMS = 'claims';
/** `mentor_allowances`: one document per mentor, provider and academic year (id = `mentorId|providerId|academicYearId`). */
export const MENTOR_ALLOWANCES = 'mentor_allowances';

export interface ClaimDocument extends Record<string, unknown> {
  claimId: string;
  reference: string;
  status: ClaimStatus;
  schoolId: string;
  providerId: string;
  academicYearId: string;
  claimWindowId: string | null;
  mentorTrainings: MentorTraining[];
  /** Content revision: 1 when drafted, +1 per change. */
  revision: number;
  ratePence: number | null;
  amountPence: number | null;
  clawback: { mentors: ClawbackMentor[]; amountPence: number } | null;
  submittedAt: string | null;
  submittedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MentorAllowanceDocument extends Record<string, unknown> {
  mentorId: string;
  providerId: string;
  academicYearId: string;
  allowanceHours: number;
  hoursUsed: number;
  hoursRemaining: number;
  updatedAt: string;
}

export const mentorAllowanceId = (mentorId: string, providerId: string, academicYearId: string) => `${mentorId}|${providerId}|${academicYearId}`;

export const claimsCollections: Record<string, IndexSpec[]> = {
  [CLAIMS]: [
    { fields: [['schoolId', 1], ['createdAt', -1]] },
    { fields: [['providerId', 1], ['createdAt', -1]] },
    { fields: [['academicYearId', 1], ['createdAt', -1]] },
    { fields: [['claimWindowId', 1], ['status', 1]] },
    { fields: [['status', 1], ['createdAt', -1]] },
    { fields: [['createdAt', -1]] },
  ],
  [MENTOR_ALLOWANCES]: [{ fields: [['mentorId', 1], ['academicYearId', 1], ['providerId', 1]] }],
};
