import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength } from 'class-validator';
import { IsInstant, IsLedgerId } from '../http/validators';

/** Upper bounds keep every total a safe integer. */
export const MAX_WORK_MINUTES = 100_000;
export const MAX_WORK_POINTS = 1_000_000;

/** Shapes only: the ranges (minutes ≥ 0, score 0–100, points ≥ 0) and the future check are the decider's rules (422). */
export class RecordStudentWorkDto {
  @IsLedgerId() studentId!: string;
  @IsLedgerId() workId!: string;
  @IsInstant() completedAt!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) activity!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) subject?: string;
  @IsOptional() @IsLedgerId() classroomId?: string;
  /** Whole minutes and points keep every total exact. */
  @IsOptional() @IsInt() @Max(MAX_WORK_MINUTES) minutes?: number;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) score?: number;
  @IsOptional() @IsInt() @Max(MAX_WORK_POINTS) points?: number;
}

export class AttributeStudentWorkDto {
  @IsLedgerId() studentId!: string;
  @IsLedgerId() workId!: string;
  @IsLedgerId() classroomId!: string;
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

export class ClearWorkAttributionDto {
  @IsLedgerId() studentId!: string;
  @IsLedgerId() workId!: string;
}
