import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { studentDecider, StudentState } from './student.decider';
import { studentStream } from './student.stream';

/** Students as their own streams say they are now: what enrollments check rule 8 against. */
@Injectable()
export class StudentLookup {
  constructor(private readonly commands: CommandHandling) {}

  async get(studentId: string): Promise<StudentState> {
    return (await this.commands.load(studentDecider, studentStream(studentId))).state;
  }
}
