import { ClaimCommand } from './claim.commands';
import { ClaimStatus } from './claim.events';

export type TransitionCommand = Exclude<ClaimCommand['type'], 'DraftClaim'>;

/** The transition table of domain/claims.md: the statuses each command may start from. */
export const ALLOWED_FROM: Record<TransitionCommand, readonly ClaimStatus[]> = {
  ReviseClaim: ['draft'],
  SubmitClaim: ['draft'],
  DeleteClaim: ['draft', 'invalid_provider', 'submitted'],
  RequestClaimPayment: ['submitted'],
  RecordClaimPaymentResponse: ['payment_in_progress'],
  RecordPaymentInformationSent: ['payment_information_requested'],
  ApproveClaimPayment: ['payment_information_sent'],
  RejectClaimPayment: ['payment_information_requested', 'payment_information_sent'],
  SampleClaim: ['paid'],
  RecordProviderSamplingResponse: ['sampling_in_progress'],
  ApproveSampledClaim: ['sampling_in_progress', 'sampling_provider_not_approved'],
  RejectSampledClaim: ['sampling_provider_not_approved'],
  RequestClawback: ['sampling_not_approved', 'clawback_rejected'],
  ApproveClawback: ['clawback_requires_approval'],
  RejectClawback: ['clawback_requires_approval'],
  SendClawback: ['clawback_requested'],
  RecordClawbackComplete: ['clawback_in_progress'],
  MarkClaimProviderInvalid: ['draft', 'submitted'],
  ChangeClaimProvider: ['invalid_provider'],
};

/** The API name a person sent: per-claim parts of a batch are named by their batch. */
export const apiNameOf = (command: ClaimCommand['type']): string =>
  command === 'RequestClaimPayment' ? 'RequestClaimPayments' : command === 'SendClawback' ? 'SendClawbacks' : command;

export type RequiredActor = 'school' | 'support' | 'school_or_support';

/** Rule 6: school users draft, revise and submit for their school; support users do everything else and may draft. */
export function requiredActor(command: ClaimCommand['type'], status: ClaimStatus | 'none'): RequiredActor {
  switch (command) {
    case 'DraftClaim':
      return 'school_or_support';
    case 'ReviseClaim':
    case 'SubmitClaim':
      return 'school';
    case 'DeleteClaim':
      return status === 'submitted' ? 'support' : 'school_or_support';
    default:
      return 'support';
  }
}
