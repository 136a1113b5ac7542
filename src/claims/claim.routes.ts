import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { aggregate, NATIONAL, scopedTo } from '../scopes/command-scope';
import { ClaimBatchCommand, ClaimBatchMessage, ClaimCommand, ClaimCommandMessage } from './claim.commands';
import {
  ChangeClaimProviderDto, ClaimIdDto, ClaimReasonDto, ClaimWindowBatchDto, DraftClaimDto, RecordClaimPaymentResponseDto,
  RecordProviderSamplingResponseDto, RejectSampledClaimDto, RequestClawbackDto, ReviseClaimDto,
} from './claim.dto';

type ApiClaimCommand = Exclude<ClaimCommand['type'], 'RequestClaimPayment' | 'SendClawback'>;

const route = commandRouteFor<ClaimCommand, ApiClaimCommand>(ClaimCommandMessage);

const batch = (name: ClaimBatchCommand['type']): CommandRoute<ClaimWindowBatchDto> => ({
  name,
  dto: ClaimWindowBatchDto,
  batch: true,
  scope: NATIONAL,
  toCommand: (body, envelope) => new ClaimBatchMessage({ type: name, claimWindowId: body.claimWindowId }, envelope),
});

const ownClaim = scopedTo((d: { claimId: string }) => [aggregate('claim', d.claimId)]);

export const claimRoutes: CommandRoute[] = [
  route('DraftClaim', DraftClaimDto, scopedTo((d) => [aggregate('claim', d.claimId, [d.schoolId])]), 'claimId'),
  route('ReviseClaim', ReviseClaimDto, ownClaim),
  route('SubmitClaim', ClaimIdDto, ownClaim),
  route('DeleteClaim', ClaimIdDto, ownClaim),
  batch('RequestClaimPayments'),
  route('RecordClaimPaymentResponse', RecordClaimPaymentResponseDto, NATIONAL),
  route('RecordPaymentInformationSent', ClaimIdDto, NATIONAL),
  route('ApproveClaimPayment', ClaimIdDto, NATIONAL),
  route('RejectClaimPayment', ClaimReasonDto, NATIONAL),
  route('SampleClaim', ClaimReasonDto, NATIONAL),
  route('RecordProviderSamplingResponse', RecordProviderSamplingResponseDto, ownClaim),
  route('ApproveSampledClaim', ClaimIdDto, NATIONAL),
  route('RejectSampledClaim', RejectSampledClaimDto, NATIONAL),
  route('RequestClawback', RequestClawbackDto, NATIONAL),
  route('ApproveClawback', ClaimIdDto, NATIONAL),
  route('RejectClawback', ClaimReasonDto, NATIONAL),
  batch('SendClawbacks'),
  route('RecordClawbackComplete', ClaimIdDto, NATIONAL),
  route('MarkClaimProviderInvalid', ClaimIdDto, NATIONAL),
  route('ChangeClaimProvider', ChangeClaimProviderDto, ownClaim),
];
