import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { classroomDecider, ClassroomState } from './classroom.decider';
import { classroomStream } from './classroom.stream';

/** Classrooms as their own streams say they are now: what enrollments check against. */
@Injectable()
export class ClassroomLookup {
  constructor(private readonly commands: CommandHandling) {}

  async get(classroomId: string): Promise<ClassroomState> {
    return (await this.commands.load(classroomDecider, classroomStream(classroomId))).state;
  }
}
