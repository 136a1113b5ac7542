import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLedgerId } from '../http/validators';
import { KEY_STAGES, KeyStage, YEAR_GROUPS, YearGroup } from './placement.events';

/** The placement's own fields; on update null clears a field and an absent one stays as it is. */
class PlacementFieldsDto {
  @IsOptional() @IsLedgerId() subjectId?: string | null;
  @IsOptional() @IsBoolean() sendSpecific?: boolean | null;
  @IsOptional() @IsIn(KEY_STAGES) keyStage?: KeyStage | null;
  @IsOptional() @IsIn(YEAR_GROUPS) yearGroup?: YearGroup | null;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsLedgerId({ each: true }) additionalSubjectIds?: string[] | null;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsLedgerId({ each: true }) termIds?: string[] | null;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsLedgerId({ each: true }) mentorIds?: string[] | null;
}

export class CreatePlacementDto extends PlacementFieldsDto {
  @IsLedgerId() placementId!: string;
  @IsLedgerId() schoolId!: string;
  @IsLedgerId() academicYearId!: string;
}

export class UpdatePlacementDto extends PlacementFieldsDto {
  @IsLedgerId() placementId!: string;
}

export class PlacementIdDto {
  @IsLedgerId() placementId!: string;
}

export class AssignPlacementProviderDto {
  @IsLedgerId() placementId!: string;
  @IsLedgerId() providerId!: string;
}

export class DeletePlacementDto {
  @IsLedgerId() placementId!: string;
  @IsOptional() @IsString() @MaxLength(200) reason?: string | null;
}
