import { IsIn, IsString, Matches, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { IsLedgerId } from '../http/validators';
import { LEARNER_REQUIRED, PROGRAM_ID_FORMAT } from './program-enrollment.decider';
import { InitialProgramEnrollmentStatus, ProgramEnrollmentStatus } from './program-enrollment.events';

export const INITIAL_STATUSES: InitialProgramEnrollmentStatus[] = ['enrolled', 'pending'];
export const STATUSES: ProgramEnrollmentStatus[] = ['enrolled', 'pending', 'suspended', 'canceled', 'ended'];

/** An institution's key for a learner: kept exactly as sent, so no surrounding spaces. */
const EXTERNAL_KEY = /^\S(.*\S)?$/;

/** Each field's own checks run only when it is given; whether one of them is, is AtLeastOneOf's question. */
const ifGiven: ValidationOptions = { validateIf: (_object: object, value: unknown) => value !== undefined };

/**
 * Rule 1 as a class-level check: when none of the fields is given, each is reported, so the
 * 400's details name all of them.
 */
function AtLeastOneOf(fields: readonly string[], message: string): ClassDecorator {
  return (target) => {
    for (const field of fields) {
      registerDecorator({
        name: 'atLeastOneOf',
        target,
        propertyName: field,
        constraints: [fields],
        options: { message },
        validator: { validate: (_value, args) => fields.some((f) => (args?.object as Record<string, unknown>)[f] != null) },
      });
    }
  };
}

@AtLeastOneOf(['studentId', 'externalUserKey'], LEARNER_REQUIRED)
export class EnrollInProgramDto {
  @IsLedgerId() programEnrollmentId!: string;
  /** Rule 6: UUIDs fit the id pattern, so one check covers both. */
  @IsLedgerId({ message: `$property ${PROGRAM_ID_FORMAT}` }) programId!: string;
  @IsLedgerId({ message: `$property ${PROGRAM_ID_FORMAT}` }) curriculumId!: string;
  @IsLedgerId(ifGiven) studentId?: string;
  @IsString(ifGiven) @MaxLength(255, ifGiven) @Matches(EXTERNAL_KEY, { ...ifGiven, message: 'externalUserKey must not be blank or start or end with spaces' })
  externalUserKey?: string;
  @IsLedgerId(ifGiven) organisationId?: string;
  @IsIn(INITIAL_STATUSES) status!: InitialProgramEnrollmentStatus;
}

export class LinkProgramEnrollmentDto {
  @IsLedgerId() programEnrollmentId!: string;
  @IsLedgerId() studentId!: string;
}

export class LinkProgramEnrollmentsByKeyDto {
  @IsString() @MaxLength(255) @Matches(EXTERNAL_KEY, { message: 'externalUserKey must not be blank or start or end with spaces' }) externalUserKey!: string;
  @IsLedgerId() organisationId!: string;
  @IsLedgerId() studentId!: string;
}

export class ChangeProgramEnrollmentStatusDto {
  @IsLedgerId() programEnrollmentId!: string;
  @IsIn(STATUSES) status!: ProgramEnrollmentStatus;
}
