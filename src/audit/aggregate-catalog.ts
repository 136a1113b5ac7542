import { academicYearRegistryDecider } from '../academic-years/academic-year-registry.decider';
import { academicYearDecider } from '../academic-years/academic-year.decider';
import { claimRegisterDecider } from '../claim-registers/claim-register.decider';
import { claimWindowRegistryDecider } from '../claim-windows/claim-window-registry.decider';
import { claimWindowDecider } from '../claim-windows/claim-window.decider';
import { claimDecider } from '../claims/claim.decider';
import { classroomDecider } from '../classrooms/classroom.decider';
import { enrollmentDecider } from '../enrollments/enrollment.decider';
import { classroomMembershipDecider } from '../enrollments/enrollment.membership.decider';
import { programEnrollmentDecider } from '../enrollments/program-enrollment.decider';
import { programKeyRegistryDecider } from '../enrollments/program-enrollment.key-registry.decider';
import { hostingInterestDecider } from '../hosting-interests/hosting-interest.decider';
import { mentorAllowanceDecider } from '../mentor-allowances/mentor-allowance.decider';
import { mentorDecider } from '../mentors/mentor.decider';
import { organisationDecider } from '../organisations/organisation.decider';
import { partnershipDecider } from '../partnerships/partnership.decider';
import { placementDecider } from '../placements/placement.decider';
import { Decider } from '../shared/decider';
import { DomainEvent } from '../shared/event';
import { streamIdOf } from '../shared/ids';
import { staffUserDecider } from '../staff-users/staff-user.decider';
import { studentDecider } from '../students/student.decider';
import { subjectTreeDecider } from '../subjects/subject-tree.decider';

export type AnyDecider = Decider<unknown, unknown, DomainEvent, unknown>;

/**
 * Every aggregate type by the prefix of its streams (`<type>-<id>`, each `*.stream.ts`), with the
 * decider whose `evolve` folds them. Registries are aggregates too (`academic-years` / `registry`).
 */
const DECIDERS: Record<string, Decider<any, any, any, any>> = {
  organisation: organisationDecider,
  student: studentDecider,
  user: staffUserDecider,
  'academic-year': academicYearDecider,
  'academic-years': academicYearRegistryDecider,
  classroom: classroomDecider,
  enrollment: enrollmentDecider,
  classroom_membership: classroomMembershipDecider,
  'program-enrollment': programEnrollmentDecider,
  'program-key': programKeyRegistryDecider,
  claim: claimDecider,
  'claim-window': claimWindowDecider,
  'claim-windows': claimWindowRegistryDecider,
  'claim-register': claimRegisterDecider,
  mentor: mentorDecider,
  'mentor-allowance': mentorAllowanceDecider,
  'hosting-interest': hostingInterestDecider,
  partnership: partnershipDecider,
  placement: placementDecider,
  'subject-tree': subjectTreeDecider,
};

export const AGGREGATE_TYPES = Object.keys(DECIDERS);

export function aggregateOf(type: string, id: string): { decider: AnyDecider; streamId: string } | null {
  if (!Object.hasOwn(DECIDERS, type)) return null;
  return { decider: DECIDERS[type] as AnyDecider, streamId: streamIdOf(type, id) };
}
