import { ClaimContent, ClaimStatus, ClawbackMentor, FundingRegion, ProviderMentorResponse, TrainingType } from './claim.events';

/** Rule 2: fixed at submission, never recomputed. */
export interface Submission {
  claimWindowId: string;
  submittedAt: string;
  submittedBy: string;
  fundingRegion: FundingRegion;
  ratePence: number;
  amountPence: number;
}

export interface ClawbackRequest {
  mentors: ClawbackMentor[];
  amountPence: number;
  requestedBy: string;
}

interface ClaimBase {
  claimId: string;
  reference: string;
  /** Content revision: 1 when drafted, +1 per change of content. */
  revision: number;
  content: ClaimContent;
}

/** Statuses a claim reaches only through submission. */
export type PipelineStatus = Exclude<ClaimStatus, 'draft' | 'invalid_provider' | 'deleted'>;

export type ClaimState =
  | { status: 'none' }
  | (ClaimBase & { status: 'draft' })
  | (ClaimBase & { status: 'invalid_provider' | 'deleted'; submission?: Submission })
  | (ClaimBase & { status: PipelineStatus; submission: Submission; providerResponses?: ProviderMentorResponse[]; clawback?: ClawbackRequest });

export type ExistingClaim = Exclude<ClaimState, { status: 'none' }>;

/** Rule 3: a claim in these statuses no longer uses any allowance (drafts do). */
export const RELEASED_STATUSES: readonly ClaimStatus[] = ['deleted', 'payment_not_approved'];

/** Rule 3 (refresher): a claim that has been submitted, at whatever later stage it is now. */
export const SUBMITTED_OR_LATER: readonly ClaimStatus[] = [
  'submitted', 'payment_in_progress', 'payment_information_requested', 'payment_information_sent', 'paid', 'payment_not_approved',
  'sampling_in_progress', 'sampling_provider_not_approved', 'sampling_not_approved', 'clawback_requires_approval',
  'clawback_requested', 'clawback_rejected', 'clawback_in_progress', 'clawback_complete',
];

/** Reference rule 3: a mentor may leave a school once each of its claims there is in one of these. */
export const SETTLED_STATUSES: readonly ClaimStatus[] = ['deleted', 'paid', 'payment_not_approved', 'clawback_complete'];

/** One allowance: a mentor's training with one provider in one academic year (rule 4). */
export interface AllowanceKey {
  mentorId: string;
  providerId: string;
  academicYearId: string;
}

export const allowanceKeyId = (key: AllowanceKey) => `${key.mentorId}.${key.providerId}.${key.academicYearId}`;

export interface Holding {
  hours: number;
  trainingType: TrainingType | null;
}

/** The hours a claim in this state uses of one allowance. */
export function holdingOf(state: ClaimState, key: AllowanceKey): Holding {
  if (state.status === 'none' || RELEASED_STATUSES.includes(state.status)) return { hours: 0, trainingType: null };
  const { providerId, academicYearId, mentorTrainings } = state.content;
  if (providerId !== key.providerId || academicYearId !== key.academicYearId) return { hours: 0, trainingType: null };
  const training = mentorTrainings.find((t) => t.mentorId === key.mentorId);
  return training ? { hours: training.hours, trainingType: training.trainingType } : { hours: 0, trainingType: null };
}

/** Every allowance a claim in this state uses. */
export function allowanceKeysOf(state: ClaimState): AllowanceKey[] {
  if (state.status === 'none' || RELEASED_STATUSES.includes(state.status)) return [];
  const { providerId, academicYearId, mentorTrainings } = state.content;
  return mentorTrainings.map((t) => ({ mentorId: t.mentorId, providerId, academicYearId }));
}

export const sameContent = (a: ClaimContent, b: ClaimContent): boolean =>
  a.schoolId === b.schoolId &&
  a.providerId === b.providerId &&
  a.academicYearId === b.academicYearId &&
  a.mentorTrainings.length === b.mentorTrainings.length &&
  a.mentorTrainings.every((t, i) => {
    const u = b.mentorTrainings[i];
    return t.mentorId === u.mentorId && t.hours === u.hours && t.trainingType === u.trainingType;
  });
