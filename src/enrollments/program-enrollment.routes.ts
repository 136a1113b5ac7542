import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { aggregate, organisations, scopedTo } from '../scopes/command-scope';
import { LinkProgramEnrollmentsByKeyMessage, ProgramEnrollmentCommand, ProgramEnrollmentCommandMessage } from './program-enrollment.commands';
import { ChangeProgramEnrollmentStatusDto, EnrollInProgramDto, LinkProgramEnrollmentDto, LinkProgramEnrollmentsByKeyDto } from './program-enrollment.dto';

const route = commandRouteFor<ProgramEnrollmentCommand>(ProgramEnrollmentCommandMessage);

export const programEnrollmentRoutes: CommandRoute[] = [
  route(
    'EnrollInProgram',
    EnrollInProgramDto,
    scopedTo((d) => [
      aggregate('program-enrollment', d.programEnrollmentId, [d.organisationId]),
      ...(d.studentId !== undefined ? [aggregate('student', d.studentId)] : []),
    ]),
    'programEnrollmentId',
  ),
  route('LinkProgramEnrollment', LinkProgramEnrollmentDto, scopedTo((d) => [aggregate('program-enrollment', d.programEnrollmentId), aggregate('student', d.studentId)])),
  route('ChangeProgramEnrollmentStatus', ChangeProgramEnrollmentStatusDto, scopedTo((d) => [aggregate('program-enrollment', d.programEnrollmentId)])),
  {
    name: 'LinkProgramEnrollmentsByKey',
    dto: LinkProgramEnrollmentsByKeyDto,
    batch: true,
    scope: scopedTo((d: LinkProgramEnrollmentsByKeyDto) => [organisations(d.organisationId), aggregate('student', d.studentId)]),
    toCommand: (body: LinkProgramEnrollmentsByKeyDto, envelope) =>
      new LinkProgramEnrollmentsByKeyMessage({ type: 'LinkProgramEnrollmentsByKey', externalUserKey: body.externalUserKey, organisationId: body.organisationId, studentId: body.studentId }, envelope),
  },
];
