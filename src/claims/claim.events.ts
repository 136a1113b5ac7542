import { assertNever } from '../shared/decider';
import { DomainEvent } from '../shared/event';

export type TrainingType = 'initial' | 'refresher';
export type FundingRegion = 'inner_london' | 'outer_london' | 'fringe' | 'rest_of_england';

export const CLAIM_STATUSES = [
  'draft',
  'submitted',
  'payment_in_progress',
  'payment_information_requested',
  'payment_information_sent',
  'paid',
  'payment_not_approved',
  'sampling_in_progress',
  'sampling_provider_not_approved',
  'sampling_not_approved',
  'clawback_requires_approval',
  'clawback_requested',
  'clawback_rejected',
  'clawback_in_progress',
  'clawback_complete',
  'invalid_provider',
  'deleted',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface MentorTraining {
  mentorId: string;
  hours: number;
  trainingType: TrainingType;
}

/** What a claim asks for: every change to it is a revision. */
export interface ClaimContent {
  schoolId: string;
  providerId: string;
  academicYearId: string;
  mentorTrainings: MentorTraining[];
}

export interface ProviderMentorResponse {
  mentorId: string;
  accepted: boolean;
  reason?: string;
}

export interface ClawbackMentor {
  mentorId: string;
  hoursClaimed: number;
  hoursKept: number;
  hoursClawedBack: number;
  reason: string;
}

/** Content revision 1. */
export type ClaimDrafted = DomainEvent<'ClaimDrafted', { claimId: string; reference: string; revision: number } & ClaimContent>;
/** A later content revision: the whole content as it now is. */
export type ClaimRevised = DomainEvent<'ClaimRevised', { claimId: string; revision: number } & ClaimContent>;
/** Rule 2: the window, the user, the rate and the amount are fixed here and never recomputed. */
export type ClaimSubmitted = DomainEvent<
  'ClaimSubmitted',
  { claimId: string; claimWindowId: string; submittedAt: string; submittedBy: string; fundingRegion: FundingRegion; ratePence: number; amountPence: number }
>;
export type ClaimDeleted = DomainEvent<'ClaimDeleted', { claimId: string; previousStatus: ClaimStatus }>;
export type ClaimPaymentRequested = DomainEvent<'ClaimPaymentRequested', { claimId: string; claimWindowId: string }>;
export type ClaimPaid = DomainEvent<'ClaimPaid', { claimId: string }>;
export type ClaimPaymentInformationRequested = DomainEvent<'ClaimPaymentInformationRequested', { claimId: string; reason: string }>;
export type ClaimPaymentInformationSent = DomainEvent<'ClaimPaymentInformationSent', { claimId: string }>;
export type ClaimPaymentNotApproved = DomainEvent<'ClaimPaymentNotApproved', { claimId: string; reason: string }>;
export type ClaimSampled = DomainEvent<'ClaimSampled', { claimId: string; reason: string }>;
export type ClaimProviderSamplingAccepted = DomainEvent<'ClaimProviderSamplingAccepted', { claimId: string; mentors: ProviderMentorResponse[] }>;
export type ClaimProviderSamplingRejected = DomainEvent<'ClaimProviderSamplingRejected', { claimId: string; mentors: ProviderMentorResponse[] }>;
export type ClaimSamplingApproved = DomainEvent<'ClaimSamplingApproved', { claimId: string }>;
export type ClaimSamplingRejected = DomainEvent<'ClaimSamplingRejected', { claimId: string; mentors: { mentorId: string; reason: string }[] }>;
export type ClaimClawbackRequested = DomainEvent<
  'ClaimClawbackRequested',
  { claimId: string; mentors: ClawbackMentor[]; amountPence: number; requestedBy: string }
>;
/** A clawback request that keeps every hour: the claim goes back to paid. */
export type ClaimClawbackWaived = DomainEvent<'ClaimClawbackWaived', { claimId: string; mentors: ClawbackMentor[]; requestedBy: string }>;
export type ClaimClawbackApproved = DomainEvent<'ClaimClawbackApproved', { claimId: string; approvedBy: string }>;
export type ClaimClawbackRejected = DomainEvent<'ClaimClawbackRejected', { claimId: string; reason: string; rejectedBy: string }>;
export type ClaimClawbackSent = DomainEvent<'ClaimClawbackSent', { claimId: string; claimWindowId: string }>;
export type ClaimClawbackCompleted = DomainEvent<'ClaimClawbackCompleted', { claimId: string }>;
export type ClaimProviderMarkedInvalid = DomainEvent<'ClaimProviderMarkedInvalid', { claimId: string; previousStatus: ClaimStatus }>;
/** A new provider for a claim whose provider was invalid: a content revision, back to draft. */
export type ClaimProviderChanged = DomainEvent<'ClaimProviderChanged', { claimId: string; revision: number } & ClaimContent>;

export type ClaimEvent =
  | ClaimDrafted
  | ClaimRevised
  | ClaimSubmitted
  | ClaimDeleted
  | ClaimPaymentRequested
  | ClaimPaid
  | ClaimPaymentInformationRequested
  | ClaimPaymentInformationSent
  | ClaimPaymentNotApproved
  | ClaimSampled
  | ClaimProviderSamplingAccepted
  | ClaimProviderSamplingRejected
  | ClaimSamplingApproved
  | ClaimSamplingRejected
  | ClaimClawbackRequested
  | ClaimClawbackWaived
  | ClaimClawbackApproved
  | ClaimClawbackRejected
  | ClaimClawbackSent
  | ClaimClawbackCompleted
  | ClaimProviderMarkedInvalid
  | ClaimProviderChanged;

export const CLAIM_EVENT_TYPES: ReadonlySet<ClaimEvent['type']> = new Set([
  'ClaimDrafted',
  'ClaimRevised',
  'ClaimSubmitted',
  'ClaimDeleted',
  'ClaimPaymentRequested',
  'ClaimPaid',
  'ClaimPaymentInformationRequested',
  'ClaimPaymentInformationSent',
  'ClaimPaymentNotApproved',
  'ClaimSampled',
  'ClaimProviderSamplingAccepted',
  'ClaimProviderSamplingRejected',
  'ClaimSamplingApproved',
  'ClaimSamplingRejected',
  'ClaimClawbackRequested',
  'ClaimClawbackWaived',
  'ClaimClawbackApproved',
  'ClaimClawbackRejected',
  'ClaimClawbackSent',
  'ClaimClawbackCompleted',
  'ClaimProviderMarkedInvalid',
  'ClaimProviderChanged',
]);

/** The status each event leaves the claim in; undefined when it changes content only. */
export function statusAfter(event: ClaimEvent): ClaimStatus | undefined {
  switch (event.type) {
    case 'ClaimDrafted':
    case 'ClaimProviderChanged':
      return 'draft';
    case 'ClaimRevised':
      return undefined;
    case 'ClaimSubmitted':
      return 'submitted';
    case 'ClaimDeleted':
      return 'deleted';
    case 'ClaimPaymentRequested':
      return 'payment_in_progress';
    case 'ClaimPaid':
    case 'ClaimProviderSamplingAccepted':
    case 'ClaimSamplingApproved':
    case 'ClaimClawbackWaived':
      return 'paid';
    case 'ClaimPaymentInformationRequested':
      return 'payment_information_requested';
    case 'ClaimPaymentInformationSent':
      return 'payment_information_sent';
    case 'ClaimPaymentNotApproved':
      return 'payment_not_approved';
    case 'ClaimSampled':
      return 'sampling_in_progress';
    case 'ClaimProviderSamplingRejected':
      return 'sampling_provider_not_approved';
    case 'ClaimSamplingRejected':
      return 'sampling_not_approved';
    case 'ClaimClawbackRequested':
      return 'clawback_requires_approval';
    case 'ClaimClawbackApproved':
      return 'clawback_requested';
    case 'ClaimClawbackRejected':
      return 'clawback_rejected';
    case 'ClaimClawbackSent':
      return 'clawback_in_progress';
    case 'ClaimClawbackCompleted':
      return 'clawback_complete';
    case 'ClaimProviderMarkedInvalid':
      return 'invalid_provider';
    default:
      return assertNever(event);
  }
}
