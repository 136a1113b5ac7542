import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { ClassroomCommand, ClassroomCommandMessage } from './classroom.commands';
import { CloseClassroomDto, CreateClassroomDto, UpdateClassroomDto } from './classroom.dto';

const route = <D extends object>(name: ClassroomCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new ClassroomCommandMessage({ ...(instanceToPlain(body) as object), type: name } as ClassroomCommand, envelope),
});

export const classroomRoutes: CommandRoute[] = [
  route('CreateClassroom', CreateClassroomDto, 'classroomId'),
  route('UpdateClassroom', UpdateClassroomDto),
  route('CloseClassroom', CloseClassroomDto),
];
