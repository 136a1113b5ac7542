import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { aggregate, scopedTo } from '../scopes/command-scope';
import { ClassroomCommand, ClassroomCommandMessage } from './classroom.commands';
import { CloseClassroomDto, CreateClassroomDto, UpdateClassroomDto } from './classroom.dto';

const route = commandRouteFor<ClassroomCommand>(ClassroomCommandMessage);

export const classroomRoutes: CommandRoute[] = [
  route('CreateClassroom', CreateClassroomDto, scopedTo((d) => [aggregate('classroom', d.classroomId, [d.schoolId])]), 'classroomId'),
  route('UpdateClassroom', UpdateClassroomDto, scopedTo((d) => [aggregate('classroom', d.classroomId)])),
  route('CloseClassroom', CloseClassroomDto, scopedTo((d) => [aggregate('classroom', d.classroomId)])),
];
