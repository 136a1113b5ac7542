import { Command } from '@nestjs/cqrs';
import { BatchCommandResult, CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { InitialProgramEnrollmentStatus, ProgramEnrollmentStatus } from './program-enrollment.events';

export type EnrollInProgram = {
  type: 'EnrollInProgram';
  programEnrollmentId: string;
  programId: string;
  curriculumId: string;
  studentId?: string;
  externalUserKey?: string;
  organisationId?: string;
  status: InitialProgramEnrollmentStatus;
};
export type LinkProgramEnrollment = { type: 'LinkProgramEnrollment'; programEnrollmentId: string; studentId: string };
export type ChangeProgramEnrollmentStatus = { type: 'ChangeProgramEnrollmentStatus'; programEnrollmentId: string; status: ProgramEnrollmentStatus };

export type ProgramEnrollmentCommand = EnrollInProgram | LinkProgramEnrollment | ChangeProgramEnrollmentStatus;

/** Fans out to one LinkProgramEnrollment per waiting enrollment with that key under that organisation. */
export type LinkProgramEnrollmentsByKey = { type: 'LinkProgramEnrollmentsByKey'; externalUserKey: string; organisationId: string; studentId: string };

/** Adds a waiting enrollment to its (organisation, key) registry stream. */
export type RegisterProgramEnrollmentKey = { type: 'RegisterProgramEnrollmentKey'; organisationId: string; programEnrollmentId: string };

export class ProgramEnrollmentCommandMessage extends Command<CommandResult> {
  constructor(readonly command: ProgramEnrollmentCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}

export class LinkProgramEnrollmentsByKeyMessage extends Command<BatchCommandResult> {
  constructor(readonly command: LinkProgramEnrollmentsByKey, readonly envelope: CommandEnvelope) {
    super();
  }
}
