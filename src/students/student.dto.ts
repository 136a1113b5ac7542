import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsLedgerId } from '../http/validators';
import { GRADE_CODES } from './grade-levels';

const USERNAME = /^\s*\S(.*\S)?\s*$/;

export class ExternalIdDto {
  @IsString() @IsNotEmpty() @MaxLength(100) source!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) id!: string;
}

export class RegisterStudentDto {
  @IsLedgerId() studentId!: string;
  @IsLedgerId() districtId!: string;
  @IsString() @Matches(USERNAME, { message: 'username must not be blank' }) @MaxLength(255) username!: string;
  @IsString() @IsNotEmpty() @MaxLength(255) givenName!: string;
  @IsString() @IsNotEmpty() @MaxLength(255) familyName!: string;
  @IsOptional() @IsString() @MaxLength(255) middleName?: string;
  @IsOptional() @IsString() @MaxLength(255) preferredName?: string;
  @IsOptional() @IsCalendarDate() birthDate?: string;
  @IsOptional() @IsEmail() email?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsIn(GRADE_CODES, { each: true }) grades?: string[];
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(60) stateStudentId?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ExternalIdDto) externalIds?: ExternalIdDto[];
}

export class ChangeStudentUsernameDto {
  @IsLedgerId() studentId!: string;
  @IsString() @Matches(USERNAME, { message: 'username must not be blank' }) @MaxLength(255) username!: string;
}

export class AdmitStudentToSchoolDto {
  @IsLedgerId() studentId!: string;
  @IsLedgerId() schoolId!: string;
  @IsCalendarDate() entryDate!: string;
  /** A OneRoster grade code or an Ed-Fi descriptor; the decider maps it (rule 7). */
  @IsString() @IsNotEmpty() @MaxLength(200) entryGradeLevel!: string;
  @IsOptional() @IsBoolean() primary?: boolean;
}

export class WithdrawStudentFromSchoolDto {
  @IsLedgerId() studentId!: string;
  @IsLedgerId() schoolId!: string;
  @IsCalendarDate() exitDate!: string;
  @IsOptional() @IsString() @MaxLength(200) exitReason?: string;
}

/** Only the fields given change; null clears an optional field (names cannot be cleared). */
export class UpdateStudentDetailsDto {
  @IsLedgerId() studentId!: string;
  @ValidateIf((_, v) => v !== undefined) @IsString() @IsNotEmpty() @MaxLength(255) givenName?: string;
  @ValidateIf((_, v) => v !== undefined) @IsString() @IsNotEmpty() @MaxLength(255) familyName?: string;
  @IsOptional() @IsString() @MaxLength(255) middleName?: string | null;
  @IsOptional() @IsString() @MaxLength(255) preferredName?: string | null;
  @IsOptional() @IsCalendarDate() birthDate?: string | null;
  @IsOptional() @IsEmail() email?: string | null;
  @ValidateIf((_, v) => v !== undefined) @IsArray() @ArrayMaxSize(20) @IsIn(GRADE_CODES, { each: true }) grades?: string[];
}

export class DeactivateStudentDto {
  @IsLedgerId() studentId!: string;
  @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

export class ReactivateStudentDto {
  @IsLedgerId() studentId!: string;
}

export class EraseStudentPersonalDataDto {
  @IsLedgerId() studentId!: string;
  /** Why (e.g. the request's reference): kept in the event, so it must not itself be personal data. */
  @IsString() @Matches(/\S/, { message: 'reason must not be blank' }) @MaxLength(500) reason!: string;
}
