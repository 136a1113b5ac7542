import { DomainEvent } from '../shared/event';

export type ProgramEnrollmentStatus = 'enrolled' | 'pending' | 'suspended' | 'canceled' | 'ended';
export type InitialProgramEnrollmentStatus = Extract<ProgramEnrollmentStatus, 'enrolled' | 'pending'>;

/** Which learner is enrolled in which program's curriculum: every event carries it, so projections need no joins. */
export interface ProgramEnrollmentParties {
  programEnrollmentId: string;
  programId: string;
  curriculumId: string;
  /** Set once the enrollment is realized (created for a student, or linked). */
  studentId?: string;
  /** The institution's key for the learner, when enrolled by key. */
  externalUserKey?: string;
  /** The organisation that runs the program (an addition to domain/programs.md: LinkProgramEnrollmentsByKey looks it up). */
  organisationId?: string;
}

export type ProgramEnrollmentCreated = DomainEvent<'ProgramEnrollmentCreated', ProgramEnrollmentParties & { status: InitialProgramEnrollmentStatus }>;
/** A waiting enrollment now names its student. */
export type ProgramEnrollmentLinked = DomainEvent<'ProgramEnrollmentLinked', ProgramEnrollmentParties & { studentId: string; status: ProgramEnrollmentStatus }>;
export type ProgramEnrollmentStatusChanged = DomainEvent<
  'ProgramEnrollmentStatusChanged',
  ProgramEnrollmentParties & { status: ProgramEnrollmentStatus; previousStatus: ProgramEnrollmentStatus }
>;

export type ProgramEnrollmentEvent = ProgramEnrollmentCreated | ProgramEnrollmentLinked | ProgramEnrollmentStatusChanged;

export const PROGRAM_ENROLLMENT_EVENT_TYPES: ReadonlySet<ProgramEnrollmentEvent['type']> = new Set([
  'ProgramEnrollmentCreated',
  'ProgramEnrollmentLinked',
  'ProgramEnrollmentStatusChanged',
]);
