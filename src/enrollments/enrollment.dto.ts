import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, registerDecorator, ValidationArguments } from 'class-validator';
import { IsCalendarDate, IsLedgerId } from '../http/validators';
import { isValidId } from '../shared/ids';
import { EnrollmentRole } from './enrollment.events';

export const ENROLLMENT_ROLES: EnrollmentRole[] = ['student', 'teacher', 'aide', 'administrator', 'proctor'];

/** Rule 2's shape: `studentId` for the student role, `userId` for every other: required there, refused elsewhere. */
function NamesPersonFor(roles: 'student' | 'staff') {
  const applies = (role: unknown) => (roles === 'student' ? role === 'student' : role !== 'student');
  return (target: object, property: string) =>
    registerDecorator({
      name: 'namesPersonFor',
      target: target.constructor,
      propertyName: property,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          applies((args.object as { role?: unknown }).role) ? isValidId(value) : value === undefined,
        defaultMessage: (args: ValidationArguments) =>
          applies((args.object as { role?: unknown }).role)
            ? `${property} is required for this role and must be an id of 1–128 characters A–Z a–z 0–9 . _ - : @`
            : `${property} is only for ${roles === 'student' ? 'the student role' : 'staff roles'}; name a ${roles === 'student' ? 'staff user with userId' : 'student with studentId'}`,
      },
    });
}

export class EnrollInClassroomDto {
  @IsLedgerId() enrollmentId!: string;
  @IsLedgerId() classroomId!: string;
  @IsIn(ENROLLMENT_ROLES) role!: EnrollmentRole;
  @NamesPersonFor('student') studentId?: string;
  @NamesPersonFor('staff') userId?: string;
  @IsCalendarDate() beginDate!: string;
  /** Exclusive (OneRoster): the last day enrolled is the day before. */
  @IsOptional() @IsCalendarDate() endDate?: string;
  @IsOptional() @IsBoolean() primary?: boolean;
}

export class ChangeEnrollmentDatesDto {
  @IsLedgerId() enrollmentId!: string;
  @IsCalendarDate() beginDate!: string;
  /** Absent: the enrollment is open-ended from beginDate. */
  @IsOptional() @IsCalendarDate() endDate?: string;
}

export class EndEnrollmentDto {
  @IsLedgerId() enrollmentId!: string;
  @IsCalendarDate() endDate!: string;
}

export class CancelEnrollmentDto {
  @IsLedgerId() enrollmentId!: string;
  @IsOptional() @IsString() @MaxLength(200) reason?: string;
}
