import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { ClaimBatchCommand, ClaimBatchMessage, ClaimCommand, ClaimCommandMessage } from './claim.commands';
import {
  ChangeClaimProviderDto, ClaimIdDto, ClaimReasonDto, ClaimWindowBatchDto, DraftClaimDto, RecordClaimPaymentResponseDto,
  RecordProviderSamplingResponseDto, RejectSampledClaimDto, RequestClawbackDto, ReviseClaimDto,
} from './claim.dto';

type ApiClaimCommand = Exclude<ClaimCommand['type'], 'RequestClaimPayment' | 'SendClawback'>;

const route = <D extends object>(name: ApiClaimCommand, dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new ClaimCommandMessage({ ...(instanceToPlain(body) as object), type: name } as ClaimCommand, envelope),
});

const batch = (name: ClaimBatchCommand['type']): CommandRoute<ClaimWindowBatchDto> => ({
  name,
  dto: ClaimWindowBatchDto,
  batch: true,
  toCommand: (body, envelope) => new ClaimBatchMessage({ type: name, claimWindowId: body.claimWindowId }, envelope),
});

export const claimRoutes: CommandRoute[] = [
  route('DraftClaim', DraftClaimDto, 'claimId'),
  route('ReviseClaim', ReviseClaimDto),
  route('SubmitClaim', ClaimIdDto),
  route('DeleteClaim', ClaimIdDto),
  batch('RequestClaimPayments'),
  route('RecordClaimPaymentResponse', RecordClaimPaymentResponseDto),
  route('RecordPaymentInformationSent', ClaimIdDto),
  route('ApproveClaimPayment', ClaimIdDto),
  route('RejectClaimPayment', ClaimReasonDto),
  route('SampleClaim', ClaimReasonDto),
  route('RecordProviderSamplingResponse', RecordProviderSamplingResponseDto),
  route('ApproveSampledClaim', ClaimIdDto),
  route('RejectSampledClaim', RejectSampledClaimDto),
  route('RequestClawback', RequestClawbackDto),
  route('ApproveClawback', ClaimIdDto),
  route('RejectClawback', ClaimReasonDto),
  batch('SendClawbacks'),
  route('RecordClawbackComplete', ClaimIdDto),
  route('MarkClaimProviderInvalid', ClaimIdDto),
  route('ChangeClaimProvider', ChangeClaimProviderDto),
];
