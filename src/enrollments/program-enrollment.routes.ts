import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { aggregate, CommandScope, organisations, scopedTo } from '../scopes/command-scope';
import { LinkProgramEnrollmentsByKeyMessage, ProgramEnrollmentCommand, ProgramEnrollmentCommandMessage } from './program-enrollment.commands';
import { ChangeProgramEnrollmentStatusDto, EnrollInProgramDto, LinkProgramEnrollmentDto, LinkProgramEnrollmentsByKeyDto } from './program-enrollment.dto';

const route = <D extends object>(name: ProgramEnrollmentCommand['type'], dto: CommandRoute<D>['dto'], scope: CommandScope<D>, generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  scope,
  generatedId,
  toCommand: (body, envelope) => new ProgramEnrollmentCommandMessage({ ...(instanceToPlain(body) as object), type: name } as ProgramEnrollmentCommand, envelope),
});

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
