import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { SubjectCommand, SubjectCommandMessage } from './subject.commands';
import { DefineSubjectDto, MoveSubjectDto, RenameSubjectDto } from './subject.dto';

const route = <D extends object>(name: SubjectCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new SubjectCommandMessage({ ...(instanceToPlain(body) as object), type: name } as SubjectCommand, envelope),
});

export const subjectRoutes: CommandRoute[] = [
  route('DefineSubject', DefineSubjectDto, 'subjectId'),
  route('MoveSubject', MoveSubjectDto),
  route('RenameSubject', RenameSubjectDto),
];
