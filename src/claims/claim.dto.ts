import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { IsLedgerId } from '../http/validators';

const MAX_MENTORS = 200;
const MAX_HOURS = 1000;

export class MentorTrainingDto {
  @IsLedgerId() mentorId!: string;
  @IsInt() @Min(1) @Max(MAX_HOURS) hours!: number;
  @IsIn(['initial', 'refresher']) trainingType!: 'initial' | 'refresher';
}

export class DraftClaimDto {
  @IsLedgerId() claimId!: string;
  @IsLedgerId() schoolId!: string;
  @IsLedgerId() providerId!: string;
  @IsLedgerId() academicYearId!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_MENTORS) @ValidateNested({ each: true }) @Type(() => MentorTrainingDto) mentorTrainings!: MentorTrainingDto[];
}

export class ReviseClaimDto {
  @IsLedgerId() claimId!: string;
  @IsOptional() @IsLedgerId() providerId?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_MENTORS) @ValidateNested({ each: true }) @Type(() => MentorTrainingDto) mentorTrainings?: MentorTrainingDto[];
}

export class ClaimIdDto {
  @IsLedgerId() claimId!: string;
}

export class ClaimReasonDto extends ClaimIdDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class ClaimWindowBatchDto {
  @IsLedgerId() claimWindowId!: string;
}

export class RecordClaimPaymentResponseDto extends ClaimIdDto {
  @IsIn(['paid', 'unpaid']) outcome!: 'paid' | 'unpaid';
  /** Required when unpaid. */
  @ValidateIf((o: RecordClaimPaymentResponseDto) => o.outcome === 'unpaid' || o.reason !== undefined) @IsString() @IsNotEmpty() @MaxLength(2000) reason?: string;
}

export class ProviderMentorResponseDto {
  @IsLedgerId() mentorId!: string;
  @IsBoolean() accepted!: boolean;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class RecordProviderSamplingResponseDto extends ClaimIdDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_MENTORS) @ValidateNested({ each: true }) @Type(() => ProviderMentorResponseDto) mentors!: ProviderMentorResponseDto[];
}

export class RejectedMentorDto {
  @IsLedgerId() mentorId!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class RejectSampledClaimDto extends ClaimIdDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_MENTORS) @ValidateNested({ each: true }) @Type(() => RejectedMentorDto) mentors!: RejectedMentorDto[];
}

export class ClawbackMentorDto {
  @IsLedgerId() mentorId!: string;
  @IsInt() @Min(0) @Max(MAX_HOURS) hoursKept!: number;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class RequestClawbackDto extends ClaimIdDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_MENTORS) @ValidateNested({ each: true }) @Type(() => ClawbackMentorDto) mentors!: ClawbackMentorDto[];
}

export class ChangeClaimProviderDto extends ClaimIdDto {
  @IsLedgerId() providerId!: string;
}
