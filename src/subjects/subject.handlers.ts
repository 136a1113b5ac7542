import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../event-store/command-handling';
import { CommandResult } from '../event-store/command-envelope';
import { SubjectCommandMessage } from './subject.commands';
import { subjectTreeDecider } from './subject-tree.decider';
import { SUBJECT_TREE_STREAM } from './subject.stream';

/** Every subject command appends to the tree's one stream with the revision it loaded: a lost race is decided again on the fresh tree. */
@CommandHandler(SubjectCommandMessage)
export class SubjectCommandHandler implements ICommandHandler<SubjectCommandMessage, CommandResult> {
  constructor(private readonly commands: CommandHandling) {}

  execute({ command, envelope }: SubjectCommandMessage): Promise<CommandResult> {
    return this.commands.handle({
      decider: subjectTreeDecider,
      aggregateId: command.subjectId,
      streamId: SUBJECT_TREE_STREAM,
      command,
      envelope,
    });
  }
}
