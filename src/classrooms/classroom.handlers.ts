import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AcademicYearLookup } from '../academic-years/academic-year.lookup';
import { CommandHandling } from '../event-store/command-handling';
import { CommandResult } from '../event-store/command-envelope';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { ClassroomCommand, ClassroomCommandMessage } from './classroom.commands';
import { AcademicYearFact, classroomDecider, ClassroomLookups, ClassroomState, SchoolFact } from './classroom.decider';
import { classroomStream } from './classroom.stream';

@CommandHandler(ClassroomCommandMessage)
export class ClassroomCommandHandler implements ICommandHandler<ClassroomCommandMessage, CommandResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly organisations: OrganisationLookup,
    private readonly academicYears: AcademicYearLookup,
  ) {}

  execute({ command, envelope }: ClassroomCommandMessage): Promise<CommandResult> {
    return this.commands.handle({
      decider: classroomDecider,
      aggregateId: command.classroomId,
      streamId: classroomStream(command.classroomId),
      command,
      envelope,
      lookups: (state) => this.lookups(command, state),
    });
  }

  private async lookups(command: ClassroomCommand, state: ClassroomState): Promise<ClassroomLookups> {
    if (command.type === 'CloseClassroom') return {};
    const lookups: ClassroomLookups = {};
    if (command.type === 'CreateClassroom' && state.status === 'none') lookups.school = await this.school(command.schoolId);
    // The year the terms are checked against: the one given, else the classroom's own.
    const academicYearId = command.academicYearId ?? (state.status === 'none' ? undefined : state.academicYearId);
    if (academicYearId !== undefined) lookups.academicYear = await this.academicYear(academicYearId);
    return lookups;
  }

  private async school(schoolId: string): Promise<SchoolFact> {
    const organisation = await this.organisations.get(schoolId);
    return organisation.status === 'none'
      ? { id: schoolId, type: null, closed: false }
      : { id: schoolId, type: organisation.type, closed: organisation.status === 'closed' };
  }

  private async academicYear(academicYearId: string): Promise<AcademicYearFact> {
    const year = await this.academicYears.get(academicYearId);
    return year.status === 'none'
      ? { academicYearId, defined: false, termIds: [] }
      : { academicYearId, defined: true, termIds: year.terms.map((t) => t.termId) };
  }
}
