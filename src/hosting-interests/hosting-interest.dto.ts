import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBoundedJsonObject, IsLedgerId } from '../http/validators';
import { RequestedAppetite } from './hosting-interest.commands';

const REQUESTED_APPETITES: RequestedAppetite[] = ['actively_looking', 'interested', 'not_open', 'not_interested', 'unsure'];

export class RecordHostingInterestDto {
  @IsLedgerId() schoolId!: string;
  @IsLedgerId() academicYearId!: string;
  @IsIn(REQUESTED_APPETITES) appetite!: RequestedAppetite;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(500, { each: true }) reasons?: string[];
  /** Free JSON (the seed's JSONB), bounded in shape here; its size is a rule the decider checks. */
  @IsOptional() @IsBoundedJsonObject() details?: Record<string, unknown> | null;
}
