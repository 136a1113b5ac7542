import { Command } from '@nestjs/cqrs';
import { BatchCommandResult, CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { MentorTraining } from './claim.events';

export type DraftClaim = { type: 'DraftClaim'; claimId: string; schoolId: string; providerId: string; academicYearId: string; mentorTrainings: MentorTraining[] };
export type ReviseClaim = { type: 'ReviseClaim'; claimId: string; providerId?: string; mentorTrainings?: MentorTraining[] };
export type SubmitClaim = { type: 'SubmitClaim'; claimId: string };
export type DeleteClaim = { type: 'DeleteClaim'; claimId: string };
/** One claim's share of the batch command RequestClaimPayments. */
export type RequestClaimPayment = { type: 'RequestClaimPayment'; claimId: string; claimWindowId: string };
export type RecordClaimPaymentResponse = { type: 'RecordClaimPaymentResponse'; claimId: string; outcome: 'paid' | 'unpaid'; reason?: string };
export type RecordPaymentInformationSent = { type: 'RecordPaymentInformationSent'; claimId: string };
export type ApproveClaimPayment = { type: 'ApproveClaimPayment'; claimId: string };
export type RejectClaimPayment = { type: 'RejectClaimPayment'; claimId: string; reason: string };
export type SampleClaim = { type: 'SampleClaim'; claimId: string; reason: string };
export type RecordProviderSamplingResponse = {
  type: 'RecordProviderSamplingResponse';
  claimId: string;
  mentors: { mentorId: string; accepted: boolean; reason?: string }[];
};
export type ApproveSampledClaim = { type: 'ApproveSampledClaim'; claimId: string };
export type RejectSampledClaim = { type: 'RejectSampledClaim'; claimId: string; mentors: { mentorId: string; reason: string }[] };
export type RequestClawback = { type: 'RequestClawback'; claimId: string; mentors: { mentorId: string; hoursKept: number; reason: string }[] };
export type ApproveClawback = { type: 'ApproveClawback'; claimId: string };
export type RejectClawback = { type: 'RejectClawback'; claimId: string; reason: string };
/** One claim's share of the batch command SendClawbacks. */
export type SendClawback = { type: 'SendClawback'; claimId: string; claimWindowId: string };
export type RecordClawbackComplete = { type: 'RecordClawbackComplete'; claimId: string };
export type MarkClaimProviderInvalid = { type: 'MarkClaimProviderInvalid'; claimId: string };
export type ChangeClaimProvider = { type: 'ChangeClaimProvider'; claimId: string; providerId: string };

export type ClaimCommand =
  | DraftClaim
  | ReviseClaim
  | SubmitClaim
  | DeleteClaim
  | RequestClaimPayment
  | RecordClaimPaymentResponse
  | RecordPaymentInformationSent
  | ApproveClaimPayment
  | RejectClaimPayment
  | SampleClaim
  | RecordProviderSamplingResponse
  | ApproveSampledClaim
  | RejectSampledClaim
  | RequestClawback
  | ApproveClawback
  | RejectClawback
  | SendClawback
  | RecordClawbackComplete
  | MarkClaimProviderInvalid
  | ChangeClaimProvider;

export type RequestClaimPayments = { type: 'RequestClaimPayments'; claimWindowId: string };
export type SendClawbacks = { type: 'SendClawbacks'; claimWindowId: string };
export type ClaimBatchCommand = RequestClaimPayments | SendClawbacks;

export class ClaimCommandMessage extends Command<CommandResult> {
  constructor(readonly command: ClaimCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}

export class ClaimBatchMessage extends Command<BatchCommandResult> {
  constructor(readonly command: ClaimBatchCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
