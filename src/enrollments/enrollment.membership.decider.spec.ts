import { SPEC_NOW, specFor } from '../../test/support/decider-spec';
import { ClaimClassroomMembership } from './enrollment.commands';
import { CLAIM_IN_FLIGHT_MS, classroomMembershipDecider, ClassroomMembershipLookups, EnrollmentFact } from './enrollment.membership.decider';
import { ClassroomMembershipEvent } from './enrollment.membership.events';

const key = { classroomId: 'c-1', role: 'student', personId: 'st-1' } as const;
const spec = specFor(classroomMembershipDecider, { enrollments: {} } as ClassroomMembershipLookups);
const now = SPEC_NOW.toISOString();
const longAgo = new Date(SPEC_NOW.getTime() - CLAIM_IN_FLIGHT_MS - 1).toISOString();

const claimed = (enrollmentId: string, enrollmentRevision: number, beginDate: string, endDate?: string, claimedAt = longAgo): ClassroomMembershipEvent => ({
  type: 'ClassroomMembershipClaimed',
  data: { ...key, enrollmentId, enrollmentRevision, beginDate, ...(endDate ? { endDate } : {}), claimedAt },
});
const claim = (enrollmentId: string, enrollmentRevision: number, beginDate: string, endDate?: string): ClaimClassroomMembership => ({
  type: 'ClaimClassroomMembership',
  ...key,
  enrollmentId,
  enrollmentRevision,
  beginDate,
  ...(endDate ? { endDate } : {}),
});
const facts = (enrollments: Record<string, EnrollmentFact>) => ({ lookups: { enrollments } });

describe('Classroom membership registry', () => {
  describe('rule 3: no two enrollments of a person in a classroom with one role overlap in time', () => {
    it('refuses an overlapping enrollment, naming the one it overlaps', () => {
      const failure = spec
        .given([claimed('e-1', 0, '2025-09-01')])
        .when(claim('e-2', 0, '2026-01-05', '2026-03-01'), facts({ 'e-1': { revision: 0, status: 'enrolled', beginDate: '2025-09-01' } }))
        .thenFails('AlreadyEnrolled');
      expect(failure.details).toEqual([{ enrollmentId: 'e-1', beginDate: '2025-09-01', endDate: null }]);
    });
    it('a new enrollment after the old one ended is fine (the end is exclusive), right after the end landed', () => {
      spec
        .given([claimed('e-1', 0, '2025-09-01', undefined, now), claimed('e-1', 1, '2025-09-01', '2025-12-20', now)])
        .when(claim('e-2', 0, '2025-12-20'), facts({ 'e-1': { revision: 1, status: 'enrolled', beginDate: '2025-09-01', endDate: '2025-12-20' } }))
        .then([claimed('e-2', 0, '2025-12-20', undefined, now)]);
    });
    it('a claim still on its way to its enrollment’s stream binds (the race the registry exists for)', () => {
      spec.given([claimed('e-1', 0, '2025-09-01', undefined, now)]).when(claim('e-2', 0, '2025-10-01'), facts({ 'e-1': { revision: -1, status: 'none' } })).thenFails('AlreadyEnrolled');
    });
    it('a claim a crash left behind, its enrollment never written, stops binding after a while', () => {
      spec.given([claimed('e-1', 0, '2025-09-01')]).when(claim('e-2', 0, '2025-10-01'), facts({ 'e-1': { revision: -1, status: 'none' } })).then([
        claimed('e-2', 0, '2025-10-01', undefined, now),
      ]);
    });
    it('the enrollment’s own stream binds even when a later claim of it never reached that stream', () => {
      spec
        .given([claimed('e-1', 0, '2025-09-01', '2025-12-20'), claimed('e-1', 1, '2026-04-01', '2026-07-01')])
        .when(claim('e-2', 0, '2025-10-01', '2025-11-01'), facts({ 'e-1': { revision: 0, status: 'enrolled', beginDate: '2025-09-01', endDate: '2025-12-20' } }))
        .thenFails('AlreadyEnrolled');
    });
    it('a claim that lost the race for its revision stops binding at once (its command retries with a new claim)', () => {
      spec
        .given([claimed('e-1', 0, '2025-09-01', undefined, now), claimed('e-1', 1, '2025-09-01', '2026-06-01', now), claimed('e-1', 1, '2025-09-01', '2025-10-01', now)])
        .when(claim('e-2', 0, '2025-11-01'), facts({ 'e-1': { revision: 1, status: 'enrolled', beginDate: '2025-09-01', endDate: '2025-10-01' } }))
        .then([claimed('e-2', 0, '2025-11-01', undefined, now)]);
    });
    it('a cancelled enrollment no longer binds, right after its cancellation landed', () => {
      spec
        .given([claimed('e-1', 0, '2025-09-01', undefined, now), { type: 'ClassroomMembershipReleased', data: { ...key, enrollmentId: 'e-1', releasedAt: now } }])
        .when(claim('e-2', 0, '2025-09-01'), facts({ 'e-1': { revision: 1, status: 'cancelled' } }))
        .then([claimed('e-2', 0, '2025-09-01', undefined, now)]);
    });
    it('an enrollment whose stream could not be read binds by every claim it made', () => {
      spec.given([claimed('e-1', 0, '2025-09-01', '2025-10-01')]).when(claim('e-2', 0, '2025-09-15')).thenFails('AlreadyEnrolled');
    });
    it('moving an enrollment’s own dates never clashes with itself, and always appends a fresh claim', () => {
      spec.given([claimed('e-1', 0, '2025-09-01', undefined, now)]).when(claim('e-1', 1, '2025-09-01')).then([claimed('e-1', 1, '2025-09-01', undefined, now)]);
    });
  });

  it('refuses a claim for another (classroom, role, person) that happens to share the stream', () => {
    spec.given([claimed('e-1', 0, '2025-09-01')]).when({ ...claim('e-2', 0, '2030-01-01'), personId: 'st-2' }).thenFails('MembershipRegistryCollision');
  });

  it('a cancellation gives the time back', () => {
    spec.given([claimed('e-1', 0, '2025-09-01')]).when({ type: 'ReleaseClassroomMembership', ...key, enrollmentId: 'e-1' }).then([
      { type: 'ClassroomMembershipReleased', data: { ...key, enrollmentId: 'e-1', releasedAt: now } },
    ]);
  });
});
