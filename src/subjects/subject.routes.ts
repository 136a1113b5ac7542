import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { NATIONAL } from '../scopes/command-scope';
import { SubjectCommand, SubjectCommandMessage } from './subject.commands';
import { DefineSubjectDto, MoveSubjectDto, RenameSubjectDto } from './subject.dto';

const route = commandRouteFor<SubjectCommand>(SubjectCommandMessage);

export const subjectRoutes: CommandRoute[] = [
  route('DefineSubject', DefineSubjectDto, NATIONAL, 'subjectId'),
  route('MoveSubject', MoveSubjectDto, NATIONAL),
  route('RenameSubject', RenameSubjectDto, NATIONAL),
];
