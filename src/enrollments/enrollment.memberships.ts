import { Injectable } from '@nestjs/common';
import { CommandHandling, SurroundingAppends, SurroundPlan } from '../event-store/command-handling';
import { ClassroomMembershipCommand, MembershipKey } from './enrollment.commands';
import { enrollmentDecider, EnrollmentState } from './enrollment.decider';
import { EnrollmentEvent } from './enrollment.events';
import { classroomMembershipDecider, ClassroomMembershipLookups, ClassroomMembershipState, EnrollmentFact } from './enrollment.membership.decider';
import { classroomMembershipStream, enrollmentStream } from './enrollment.stream';

/** The registry's half of an enrollment command (rule 3): appended with its expected revision before the enrollment's own stream. */
@Injectable()
export class ClassroomMemberships {
  constructor(private readonly commands: CommandHandling) {}

  around(plan: SurroundPlan<EnrollmentState, EnrollmentEvent>): SurroundingAppends {
    return { before: () => this.record(plan) };
  }

  private async record({ events, owner, envelope }: SurroundPlan<EnrollmentState, EnrollmentEvent>): Promise<void> {
    for (const event of events) {
      const { enrollmentId, classroomId, role, studentId, userId } = event.data;
      const key: MembershipKey = { classroomId, role, personId: (role === 'student' ? studentId : userId) ?? '' };
      const command: ClassroomMembershipCommand =
        event.type === 'EnrollmentCancelled'
          ? { type: 'ReleaseClassroomMembership', ...key, enrollmentId }
          : {
              type: 'ClaimClassroomMembership',
              ...key,
              enrollmentId,
              enrollmentRevision: Number(owner.revision),
              beginDate: event.data.beginDate,
              ...(event.data.endDate !== undefined ? { endDate: event.data.endDate } : {}),
            };
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
      const { state: enrollment, revision } = await this.commands.load(enrollmentDecider, enrollmentStream(id));
      const at = revision === null ? -1 : Number(revision);
      enrollments[id] =
        enrollment.status === 'enrolled'
          ? { revision: at, status: 'enrolled', beginDate: enrollment.beginDate, ...(enrollment.endDate !== undefined ? { endDate: enrollment.endDate } : {}) }
          : { revision: at, status: enrollment.status };
    }
    return { enrollments };
  }
}
