import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { StudentDetailChanges, StudentDetails } from './student.events';
import { StudentWorkCommand } from './student-work.commands';

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

/** Absent fields stay as they are; null clears an optional field. */
export type UpdateStudentDetails = { type: 'UpdateStudentDetails'; studentId: string } & StudentDetailChanges;
export type DeactivateStudent = { type: 'DeactivateStudent'; studentId: string; reason?: string };
export type ReactivateStudent = { type: 'ReactivateStudent'; studentId: string };
/** Admin only: destroys the student's data key (domain/audit.md "Personal data of students"). */
export type EraseStudentPersonalData = { type: 'EraseStudentPersonalData'; studentId: string; reason: string };

export type StudentCommand =
  | RegisterStudent
  | ChangeStudentUsername
  | AdmitStudentToSchool
  | WithdrawStudentFromSchool
  | UpdateStudentDetails
  | DeactivateStudent
  | ReactivateStudent
  | EraseStudentPersonalData
  | StudentWorkCommand;

export class StudentCommandMessage extends Command<CommandResult> {
  constructor(readonly command: StudentCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
