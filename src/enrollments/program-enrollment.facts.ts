import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { studentDecider } from '../students/student.decider';
import { studentStream } from '../students/student.stream';
import { ExistenceFact } from './program-enrollment.decider';

/** Other aggregates as their own streams say they are now: what program enrollments are checked against. */
@Injectable()
export class ProgramEnrollmentFacts {
  constructor(private readonly commands: CommandHandling, private readonly organisations: OrganisationLookup) {}

  async student(studentId: string): Promise<ExistenceFact> {
    const { state } = await this.commands.load(studentDecider, studentStream(studentId));
    return { id: studentId, exists: state.status !== 'none' };
  }

  async organisation(organisationId: string): Promise<ExistenceFact> {
    const state = await this.organisations.get(organisationId);
    return { id: organisationId, exists: state.status !== 'none' };
  }
}
