import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../event-store/command-handling';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { PersonalDataEraser } from '../privacy/personal-data-eraser';
import { StudentCommand, StudentCommandMessage } from './student.commands';
import { OrganisationFact, studentDecider, StudentLookups } from './student.decider';
import { StudentClassroomEnrollments } from './student-work.enrollment-lookup';
import { studentReservations } from './student.reservations';
import { studentStream } from './student.stream';

@CommandHandler(StudentCommandMessage)
export class StudentCommandHandler implements ICommandHandler<StudentCommandMessage, CommandResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly organisations: OrganisationLookup,
    private readonly classroomEnrollments: StudentClassroomEnrollments,
    private readonly eraser: PersonalDataEraser,
  ) {}

  async execute({ command, envelope }: StudentCommandMessage): Promise<CommandResult> {
    const result = await this.decideAndAppend(command, envelope);
    // After the event (so a crash leaves the command to be sent again), and on a repeat too.
    if (command.type === 'EraseStudentPersonalData') await this.eraser.erase(command.studentId, result.streamId);
    return result;
  }

  private decideAndAppend(command: StudentCommand, envelope: CommandEnvelope): Promise<CommandResult> {
    return this.commands.handle({
      decider: studentDecider,
      aggregateId: command.studentId,
      streamId: studentStream(command.studentId),
      command,
      envelope,
      lookups: async (state): Promise<StudentLookups> => {
        if (command.type === 'RegisterStudent' && state.status === 'none') return { district: await this.fact(command.districtId) };
        if (command.type === 'AdmitStudentToSchool') return { school: await this.fact(command.schoolId) };
        if (command.type === 'AttributeStudentWork') return { classroomEnrollments: await this.classroomEnrollments.spans(command.classroomId, command.studentId) };
        return {};
      },
      reservations: studentReservations,
    });
  }

  private async fact(organisationId: string): Promise<OrganisationFact> {
    const organisation = await this.organisations.get(organisationId);
    return organisation.status === 'none'
      ? { id: organisationId, type: null, closed: false }
      : { id: organisationId, type: organisation.type, closed: organisation.status === 'closed' };
  }
}
