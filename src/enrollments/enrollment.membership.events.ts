import { DomainEvent } from '../shared/event';
import { EnrollmentRole } from './enrollment.events';

interface Membership {
  classroomId: string;
  role: EnrollmentRole;
  personId: string;
  enrollmentId: string;
}

/**
 * The registry of one person's time in one classroom in one role (rule 3). A claim is on its way
 * until the enrollment's stream reaches `enrollmentRevision`; `claimedAt` tells one still on its
 * way from one a crash left behind.
 */
export type ClassroomMembershipClaimed = DomainEvent<
  'ClassroomMembershipClaimed',
  Membership & { enrollmentRevision: number; beginDate: string; endDate?: string; claimedAt: string }
>;
export type ClassroomMembershipReleased = DomainEvent<'ClassroomMembershipReleased', Membership & { releasedAt: string }>;

export type ClassroomMembershipEvent = ClassroomMembershipClaimed | ClassroomMembershipReleased;
