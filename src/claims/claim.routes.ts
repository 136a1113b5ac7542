import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { aggregate, CommandScope, NATIONAL, scopedTo } from '../scopes/command-scope';
import { ClaimBatchCommand, ClaimBatchMessage, ClaimCommand, ClaimCommandMessage } from './claim.commands';
import {
  ChangeClaimProviderDto, ClaimIdDto, ClaimReasonDto, ClaimWindowBatchDto, DraftClaimDto, RecordClaimPaymentResponseDto,
  RecordProviderSamplingResponseDto, RejectSampledClaimDto, RequestClawbackDto, ReviseClaimDto,
} from './claim.dto';

type ApiClaimCommand = Exclude<ClaimCommand['type'], 'RequestClaimPayment' | 'SendClawback'>;

const route = <D extends object>(name: ApiClaimCommand, dto: CommandRoute<D>['dto'], scope: CommandScope<D>, generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  scope,
  generatedId,
  toCommand: (body, envelope) => new ClaimCommandMessage({ ...(instanceToPlain(body) as object), type: name } as ClaimCommand, envelope),
});

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
