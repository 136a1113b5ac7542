import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { SubjectPhase } from './subject.events';

export type DefineSubject = { type: 'DefineSubject'; subjectId: string; name: string; code: string; phase: SubjectPhase; parentSubjectId?: string | null };
/** No parent (absent or null) makes the subject a root. */
export type MoveSubject = { type: 'MoveSubject'; subjectId: string; parentSubjectId?: string | null };
export type RenameSubject = { type: 'RenameSubject'; subjectId: string; name: string };

export type SubjectCommand = DefineSubject | MoveSubject | RenameSubject;

export class SubjectCommandMessage extends Command<CommandResult> {
  constructor(readonly command: SubjectCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
