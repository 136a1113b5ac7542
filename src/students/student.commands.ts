import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { StudentDetails } from './student.events';

export type RegisterStudent = {
  type: 'RegisterStudent';
  studentId: string;
  districtId: string;
  username: string;
  stateStudentId?: string;
  externalIds?: { source: string; id: string }[];
} & StudentDetails;
export type ChangeStudentUsername = { type: 'ChangeStudentUsername'; studentId: string; username: string };
export type AdmitStudentToSchool = {
  type: 'AdmitStudentToSchool';
  studentId: string;
  schoolId: string;
  entryDate: string;
  entryGradeLevel: string;
  primary?: boolean;
};
export type WithdrawStudentFromSchool = {
  type: 'WithdrawStudentFromSchool';
  studentId: string;
  schoolId: string;
  exitDate: string;
  exitReason?: string;
};

export type StudentCommand = RegisterStudent | ChangeStudentUsername | AdmitStudentToSchool | WithdrawStudentFromSchool;

export class StudentCommandMessage extends Command<CommandResult> {
  constructor(readonly command: StudentCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
