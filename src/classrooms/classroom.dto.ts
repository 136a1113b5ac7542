import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsLedgerId } from '../http/validators';
import { ClassType } from './classroom.events';

export const CLASS_TYPES: ClassType[] = ['homeroom', 'scheduled'];

/** Present on update means "change to this"; null is refused (nothing here can be cleared but a list, with []). */
const given = ValidateIf((_: object, value: unknown) => value !== undefined);

export class CreateClassroomDto {
  @IsLedgerId() classroomId!: string;
  @IsLedgerId() schoolId!: string;
  @IsString() @IsNotEmpty() @MaxLength(255) title!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) classCode?: string;
  @IsIn(CLASS_TYPES) classType!: ClassType;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(100, { each: true }) subjects?: string[];
  /** OneRoster grade codes or Ed-Fi grade descriptors; the decider maps them. */
  @IsOptional() @IsArray() @ArrayMaxSize(25) @IsString({ each: true }) @MaxLength(200, { each: true }) grades?: string[];
  @IsOptional() @IsLedgerId() academicYearId?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsLedgerId({ each: true }) termIds?: string[];
}

export class UpdateClassroomDto {
  @IsLedgerId() classroomId!: string;
  @given @IsString() @IsNotEmpty() @MaxLength(255) title?: string;
  @given @IsString() @IsNotEmpty() @MaxLength(100) classCode?: string;
  @given @IsIn(CLASS_TYPES) classType?: ClassType;
  @given @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(100, { each: true }) subjects?: string[];
  @given @IsArray() @ArrayMaxSize(25) @IsString({ each: true }) @MaxLength(200, { each: true }) grades?: string[];
  @given @IsLedgerId() academicYearId?: string;
  @given @IsArray() @ArrayMaxSize(20) @IsLedgerId({ each: true }) termIds?: string[];
}

export class CloseClassroomDto {
  @IsLedgerId() classroomId!: string;
}
