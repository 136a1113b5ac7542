import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLedgerId } from '../http/validators';
import { RequestedAppetite } from './hosting-interest.commands';

const REQUESTED_APPETITES: RequestedAppetite[] = ['actively_looking', 'interested', 'not_open', 'not_interested', 'unsure'];

export class RecordHostingInterestDto {
  @IsLedgerId() schoolId!: string;
  @IsLedgerId() academicYearId!: string;
  @IsIn(REQUESTED_APPETITES) appetite!: RequestedAppetite;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(500, { each: true }) reasons?: string[];
  /** Free JSON (the seed's JSONB); its size is a rule the decider checks. */
  @IsOptional() @IsObject() details?: Record<string, unknown> | null;
}
