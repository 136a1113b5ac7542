import { Injectable } from '@nestjs/common';
import { enrollmentDecider } from '../enrollments/enrollment.decider';
import { classroomMembershipDecider } from '../enrollments/enrollment.membership.decider';
import { classroomMembershipStream, enrollmentStream } from '../enrollments/enrollment.stream';
import { CommandHandling } from '../event-store/command-handling';
import { EnrollmentSpan } from './student-work.decider';

/**
 * A student's enrollments in one classroom, read from the event streams, never a read model: the
 * classroom-membership registry (`classroom_membership-<classroom>.student.<student>`) names every
 * enrollment of that pair, because each one claims its dates there before its own stream is
 * written; each enrollment's own stream then says whether it stands and with which dates now.
 */
@Injectable()
export class StudentClassroomEnrollments {
  constructor(private readonly commands: CommandHandling) {}

  async spans(classroomId: string, studentId: string): Promise<EnrollmentSpan[]> {
    const registry = await this.commands.load(classroomMembershipDecider, classroomMembershipStream({ classroomId, role: 'student', personId: studentId }));
    const spans: EnrollmentSpan[] = [];
    for (const enrollmentId of new Set(registry.state.claims.map((claim) => claim.enrollmentId))) {
      const { state } = await this.commands.load(enrollmentDecider, enrollmentStream(enrollmentId));
      // A claim whose enrollment was never written (a lost race) or was cancelled holds nothing.
      if (state.status !== 'enrolled' || state.studentId !== studentId || state.classroomId !== classroomId) continue;
      spans.push({ enrollmentId, beginDate: state.beginDate, ...(state.endDate !== undefined ? { endDate: state.endDate } : {}) });
    }
    return spans;
  }
}
