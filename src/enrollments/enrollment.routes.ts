import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { aggregate, ANY_TOKEN, scopedTo } from '../scopes/command-scope';
import { EnrollmentCommand, EnrollmentCommandMessage } from './enrollment.commands';
import { CancelEnrollmentDto, ChangeEnrollmentDatesDto, EndEnrollmentDto, EnrollInClassroomDto } from './enrollment.dto';

const route = commandRouteFor<EnrollmentCommand>(EnrollmentCommandMessage);

const ownEnrollment = scopedTo((d: { enrollmentId: string }) => [aggregate('enrollment', d.enrollmentId)]);

export const enrollmentRoutes: CommandRoute[] = [
  route(
    'EnrollInClassroom',
    EnrollInClassroomDto,
    scopedTo((d) => [
      aggregate('enrollment', d.enrollmentId, ANY_TOKEN),
      aggregate('classroom', d.classroomId),
      ...(d.studentId !== undefined ? [aggregate('student', d.studentId)] : []),
    ]),
    'enrollmentId',
  ),
  route('ChangeEnrollmentDates', ChangeEnrollmentDatesDto, ownEnrollment),
  route('EndEnrollment', EndEnrollmentDto, ownEnrollment),
  route('CancelEnrollment', CancelEnrollmentDto, ownEnrollment),
];
