import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsLedgerId } from '../http/validators';
import { SUBJECT_PHASES, SubjectPhase } from './subject.events';

const NOT_BLANK = /\S/;

export class DefineSubjectDto {
  @IsLedgerId() subjectId!: string;
  @IsString() @Matches(NOT_BLANK, { message: 'name must not be blank' }) @MaxLength(255) name!: string;
  @IsString() @Matches(NOT_BLANK, { message: 'code must not be blank' }) @MaxLength(40) code!: string;
  @IsIn(SUBJECT_PHASES) phase!: SubjectPhase;
  @IsOptional() @IsLedgerId() parentSubjectId?: string | null;
}

export class MoveSubjectDto {
  @IsLedgerId() subjectId!: string;
  /** Absent or null: the subject becomes a root. */
  @IsOptional() @IsLedgerId() parentSubjectId?: string | null;
}

export class RenameSubjectDto {
  @IsLedgerId() subjectId!: string;
  @IsString() @Matches(NOT_BLANK, { message: 'name must not be blank' }) @MaxLength(255) name!: string;
}
