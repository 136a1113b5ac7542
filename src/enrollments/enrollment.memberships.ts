import { Injectable } from '@nestjs/common';
import { CommandEnvelope } from '../event-store/command-envelope';
import { CommandHandling } from '../event-store/command-handling';
import { ClassroomMembershipCommand, MembershipKey } from './enrollment.commands';
import { enrollmentDecider } from './enrollment.decider';
import { EnrollmentEvent } from './enrollment.events';
import { classroomMembershipDecider, ClassroomMembershipLookups, ClassroomMembershipState, EnrollmentFact } from './enrollment.membership.decider';
import { classroomMembershipStream, enrollmentStream } from './enrollment.stream';

/** The registry's half of an enrollment command (rule 3): appended with its expected revision before the enrollment's own stream. */
@Injectable()
export class ClassroomMemberships {
  constructor(private readonly commands: CommandHandling) {}

  async record(events: EnrollmentEvent[], envelope: CommandEnvelope): Promise<void> {
    for (const event of events) {
      const { enrollmentId, classroomId, role, studentId, userId } = event.data;
      const key: MembershipKey = { classroomId, role, personId: (role === 'student' ? studentId : userId) ?? '' };
      const command: ClassroomMembershipCommand =
        event.type === 'EnrollmentCancelled'
          ? { type: 'ReleaseClassroomMembership', ...key, enrollmentId }
          : { type: 'ClaimClassroomMembership', ...key, enrollmentId, beginDate: event.data.beginDate, ...(event.data.endDate !== undefined ? { endDate: event.data.endDate } : {}) };
      await this.commands.handle({
        decider: classroomMembershipDecider,
        aggregateId: enrollmentId,
        streamId: classroomMembershipStream(key),
        command,
        // The registry is shared: the caller's Idempotency-Key and If-Match belong to the enrollment's stream.
        envelope: { ...envelope, idempotencyKey: undefined, expectedRevision: undefined },
        lookups: (state) => this.enrollmentsIn(state, enrollmentId),
      });
    }
  }

  /** The other enrollments the registry names, as their own streams say they are now. */
  private async enrollmentsIn(state: ClassroomMembershipState, own: string): Promise<ClassroomMembershipLookups> {
    const enrollments: Record<string, EnrollmentFact> = {};
    for (const id of new Set(state.claims.map((c) => c.enrollmentId))) {
      if (id === own) continue;
      const enrollment = (await this.commands.load(enrollmentDecider, enrollmentStream(id))).state;
      enrollments[id] =
        enrollment.status === 'enrolled'
          ? { status: 'enrolled', beginDate: enrollment.beginDate, ...(enrollment.endDate !== undefined ? { endDate: enrollment.endDate } : {}) }
          : { status: enrollment.status };
    }
    return { enrollments };
  }
}
