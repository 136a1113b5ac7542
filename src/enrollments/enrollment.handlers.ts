import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClassroomLookup } from '../classrooms/classroom.lookup';
import { CommandHandling } from '../event-store/command-handling';
import { CommandResult } from '../event-store/command-envelope';
import { StaffUserLookup } from '../staff-users/staff-user.lookup';
import { StudentLookup } from '../students/student.lookup';
import { EnrollInClassroom, EnrollmentCommandMessage } from './enrollment.commands';
import { ClassroomFact, enrollmentDecider, EnrollmentLookups } from './enrollment.decider';
import { ClassroomMemberships } from './enrollment.memberships';
import { enrollmentStream } from './enrollment.stream';

@CommandHandler(EnrollmentCommandMessage)
export class EnrollmentCommandHandler implements ICommandHandler<EnrollmentCommandMessage, CommandResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly memberships: ClassroomMemberships,
    private readonly classrooms: ClassroomLookup,
    private readonly students: StudentLookup,
    private readonly users: StaffUserLookup,
  ) {}

  execute({ command, envelope }: EnrollmentCommandMessage): Promise<CommandResult> {
    return this.commands.handle({
      decider: enrollmentDecider,
      aggregateId: command.enrollmentId,
      streamId: enrollmentStream(command.enrollmentId),
      command,
      envelope,
      lookups: async (state) => (command.type === 'EnrollInClassroom' && state.status === 'none' ? this.lookups(command) : {}),
      surround: (plan) => this.memberships.around(plan),
    });
  }

  private async lookups(command: EnrollInClassroom): Promise<EnrollmentLookups> {
    const lookups: EnrollmentLookups = { classroom: await this.classroom(command.classroomId) };
    if (command.studentId !== undefined) {
      const student = await this.students.get(command.studentId);
      lookups.student = { id: command.studentId, status: student.status };
    }
    if (command.userId !== undefined) {
      const user = await this.users.get(command.userId);
      lookups.user = { id: command.userId, status: user.status };
    }
    return lookups;
  }

  private async classroom(classroomId: string): Promise<ClassroomFact> {
    const classroom = await this.classrooms.get(classroomId);
    return classroom.status === 'none' ? { classroomId, status: 'none' } : { classroomId, status: classroom.status, schoolId: classroom.schoolId };
  }
}
