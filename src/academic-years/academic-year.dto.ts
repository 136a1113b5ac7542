import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsObject, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsLedgerId } from '../http/validators';

const MAX_PENCE = 1_000_000;

export class DefineAcademicYearDto {
  @IsLedgerId() academicYearId!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  @IsCalendarDate() startsOn!: string;
  @IsCalendarDate() endsOn!: string;
}

export class DefineTermDto {
  @IsLedgerId() academicYearId!: string;
  @IsLedgerId() termId!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  @IsCalendarDate() startsOn!: string;
  @IsCalendarDate() endsOn!: string;
}

/** Pence per hour, whole and not negative. */
export class FundingRatesDto {
  @IsInt() @Min(0) @Max(MAX_PENCE) inner_london!: number;
  @IsInt() @Min(0) @Max(MAX_PENCE) outer_london!: number;
  @IsInt() @Min(0) @Max(MAX_PENCE) fringe!: number;
  @IsInt() @Min(0) @Max(MAX_PENCE) rest_of_england!: number;
}

export class SetFundingRatesDto {
  @IsLedgerId() academicYearId!: string;
  @IsObject() @ValidateNested() @Type(() => FundingRatesDto) rates!: FundingRatesDto;
}
