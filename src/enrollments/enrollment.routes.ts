import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { EnrollmentCommand, EnrollmentCommandMessage } from './enrollment.commands';
import { CancelEnrollmentDto, ChangeEnrollmentDatesDto, EndEnrollmentDto, EnrollInClassroomDto } from './enrollment.dto';

const route = <D extends object>(name: EnrollmentCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new EnrollmentCommandMessage({ ...(instanceToPlain(body) as object), type: name } as EnrollmentCommand, envelope),
});

export const enrollmentRoutes: CommandRoute[] = [
  route('EnrollInClassroom', EnrollInClassroomDto, 'enrollmentId'),
  route('ChangeEnrollmentDates', ChangeEnrollmentDatesDto),
  route('EndEnrollment', EndEnrollmentDto),
  route('CancelEnrollment', CancelEnrollmentDto),
];
