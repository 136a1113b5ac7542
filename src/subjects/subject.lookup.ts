import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { Subject, subjectTreeDecider } from './subject-tree.decider';
import { SUBJECT_TREE_STREAM } from './subject.stream';

/** The subject tree as its stream says it is now: what placements check subjects against. */
@Injectable()
export class SubjectLookup {
  constructor(private readonly commands: CommandHandling) {}

  async all(): Promise<Readonly<Record<string, Subject>>> {
    return (await this.commands.load(subjectTreeDecider, SUBJECT_TREE_STREAM)).state.subjects;
  }
}
