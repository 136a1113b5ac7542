import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsInstant, IsLedgerId } from '../http/validators';

/** Shapes only: the ranges (minutes ≥ 0, score 0–100, points ≥ 0) and the future check are the decider's rules (422). */
export class RecordStudentWorkDto {
  @IsLedgerId() studentId!: string;
  @IsLedgerId() workId!: string;
  @IsInstant() completedAt!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) activity!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) subject?: string;
  @IsOptional() @IsLedgerId() classroomId?: string;
  /** Whole minutes and points keep every total exact. */
  @IsOptional() @IsInt() minutes?: number;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) score?: number;
  @IsOptional() @IsInt() points?: number;
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
