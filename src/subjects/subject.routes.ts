import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { CommandScope, NATIONAL } from '../scopes/command-scope';
import { SubjectCommand, SubjectCommandMessage } from './subject.commands';
import { DefineSubjectDto, MoveSubjectDto, RenameSubjectDto } from './subject.dto';

const route = <D extends object>(name: SubjectCommand['type'], dto: CommandRoute<D>['dto'], scope: CommandScope<D>, generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  scope,
  generatedId,
  toCommand: (body, envelope) => new SubjectCommandMessage({ ...(instanceToPlain(body) as object), type: name } as SubjectCommand, envelope),
});

export const subjectRoutes: CommandRoute[] = [
  route('DefineSubject', DefineSubjectDto, NATIONAL, 'subjectId'),
  route('MoveSubject', MoveSubjectDto, NATIONAL),
  route('RenameSubject', RenameSubjectDto, NATIONAL),
];
