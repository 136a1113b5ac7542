import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { ClassType } from './classroom.events';

/** What a classroom is made of, as a caller sends it (grades may be Ed-Fi descriptors). */
export interface ClassroomFields {
  title: string;
  classCode?: string;
  classType: ClassType;
  subjects?: string[];
  grades?: string[];
  academicYearId?: string;
  termIds?: string[];
}

export type CreateClassroom = { type: 'CreateClassroom'; classroomId: string; schoolId: string } & ClassroomFields;
/** The school is fixed: enrollments and reports carry it. */
export type UpdateClassroom = { type: 'UpdateClassroom'; classroomId: string } & Partial<ClassroomFields>;
export type CloseClassroom = { type: 'CloseClassroom'; classroomId: string };

export type ClassroomCommand = CreateClassroom | UpdateClassroom | CloseClassroom;

export class ClassroomCommandMessage extends Command<CommandResult> {
  constructor(readonly command: ClassroomCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
