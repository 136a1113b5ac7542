import { DomainEvent } from '../shared/event';
import { EnrollmentRole } from './enrollment.events';

interface Membership {
  classroomId: string;
  role: EnrollmentRole;
  personId: string;
  enrollmentId: string;
}

/**
 * The registry of one person's time in one classroom in one role (rule 3). `claimedAt` lets a
 * later decision tell a claim still on its way to the enrollment's stream from one left by a crash.
 */
export type ClassroomMembershipClaimed = DomainEvent<'ClassroomMembershipClaimed', Membership & { beginDate: string; endDate?: string; claimedAt: string }>;
export type ClassroomMembershipReleased = DomainEvent<'ClassroomMembershipReleased', Membership & { releasedAt: string }>;

export type ClassroomMembershipEvent = ClassroomMembershipClaimed | ClassroomMembershipReleased;
