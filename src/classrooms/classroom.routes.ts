import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { aggregate, CommandScope, scopedTo } from '../scopes/command-scope';
import { ClassroomCommand, ClassroomCommandMessage } from './classroom.commands';
import { CloseClassroomDto, CreateClassroomDto, UpdateClassroomDto } from './classroom.dto';

const route = <D extends object>(name: ClassroomCommand['type'], dto: CommandRoute<D>['dto'], scope: CommandScope<D>, generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  scope,
  generatedId,
  toCommand: (body, envelope) => new ClassroomCommandMessage({ ...(instanceToPlain(body) as object), type: name } as ClassroomCommand, envelope),
});

export const classroomRoutes: CommandRoute[] = [
  route('CreateClassroom', CreateClassroomDto, scopedTo((d) => [aggregate('classroom', d.classroomId, [d.schoolId])]), 'classroomId'),
  route('UpdateClassroom', UpdateClassroomDto, scopedTo((d) => [aggregate('classroom', d.classroomId)])),
  route('CloseClassroom', CloseClassroomDto, scopedTo((d) => [aggregate('classroom', d.classroomId)])),
];
