import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { EnrollmentRole } from './enrollment.events';

export type EnrollInClassroom = {
  type: 'EnrollInClassroom';
  enrollmentId: string;
  classroomId: string;
  role: EnrollmentRole;
  studentId?: string;
  userId?: string;
  beginDate: string;
  endDate?: string;
  primary?: boolean;
};
export type ChangeEnrollmentDates = { type: 'ChangeEnrollmentDates'; enrollmentId: string; beginDate: string; endDate?: string };
export type EndEnrollment = { type: 'EndEnrollment'; enrollmentId: string; endDate: string };
export type CancelEnrollment = { type: 'CancelEnrollment'; enrollmentId: string; reason?: string };

export type EnrollmentCommand = EnrollInClassroom | ChangeEnrollmentDates | EndEnrollment | CancelEnrollment;

/** Whose time in which classroom, in which role: what one membership registry stream is about. */
export interface MembershipKey {
  classroomId: string;
  role: EnrollmentRole;
  personId: string;
}

/**
 * Internal: an enrollment takes (or moves) its interval in the registry before its own stream changes;
 * `enrollmentRevision` is where that change will land in the enrollment's stream.
 */
export type ClaimClassroomMembership = {
  type: 'ClaimClassroomMembership';
  enrollmentId: string;
  enrollmentRevision: number;
  beginDate: string;
  endDate?: string;
} & MembershipKey;
/** Internal: a cancelled enrollment gives its interval back. */
export type ReleaseClassroomMembership = { type: 'ReleaseClassroomMembership'; enrollmentId: string } & MembershipKey;

export type ClassroomMembershipCommand = ClaimClassroomMembership | ReleaseClassroomMembership;

export class EnrollmentCommandMessage extends Command<CommandResult> {
  constructor(readonly command: EnrollmentCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
