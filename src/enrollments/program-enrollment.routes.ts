import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { LinkProgramEnrollmentsByKeyMessage, ProgramEnrollmentCommand, ProgramEnrollmentCommandMessage } from './program-enrollment.commands';
import { ChangeProgramEnrollmentStatusDto, EnrollInProgramDto, LinkProgramEnrollmentDto, LinkProgramEnrollmentsByKeyDto } from './program-enrollment.dto';

const route = <D extends object>(name: ProgramEnrollmentCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new ProgramEnrollmentCommandMessage({ ...(instanceToPlain(body) as object), type: name } as ProgramEnrollmentCommand, envelope),
});

export const programEnrollmentRoutes: CommandRoute[] = [
  route('EnrollInProgram', EnrollInProgramDto, 'programEnrollmentId'),
  route('LinkProgramEnrollment', LinkProgramEnrollmentDto),
  route('ChangeProgramEnrollmentStatus', ChangeProgramEnrollmentStatusDto),
  {
    name: 'LinkProgramEnrollmentsByKey',
    dto: LinkProgramEnrollmentsByKeyDto,
    batch: true,
    toCommand: (body: LinkProgramEnrollmentsByKeyDto, envelope) =>
      new LinkProgramEnrollmentsByKeyMessage({ type: 'LinkProgramEnrollmentsByKey', externalUserKey: body.externalUserKey, organisationId: body.organisationId, studentId: body.studentId }, envelope),
  },
];
