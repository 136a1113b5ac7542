import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { aggregate, organisations, scopedTo } from '../scopes/command-scope';
import { StudentCommand, StudentCommandMessage } from './student.commands';
import {
  AdmitStudentToSchoolDto, ChangeStudentUsernameDto, DeactivateStudentDto, EraseStudentPersonalDataDto, ReactivateStudentDto, RegisterStudentDto, UpdateStudentDetailsDto,
  WithdrawStudentFromSchoolDto,
} from './student.dto';
import { AttributeStudentWorkDto, ClearWorkAttributionDto, RecordStudentWorkDto } from './student-work.dto';

const route = commandRouteFor<StudentCommand>(StudentCommandMessage);

const ownStudent = scopedTo((d: { studentId: string }) => [aggregate('student', d.studentId)]);
const ownStudentAndClassroom = scopedTo((d: { studentId: string; classroomId?: string }) => [
  aggregate('student', d.studentId),
  ...(d.classroomId !== undefined ? [aggregate('classroom', d.classroomId)] : []),
]);

export const studentRoutes: CommandRoute[] = [
  route('RegisterStudent', RegisterStudentDto, scopedTo((d) => [aggregate('student', d.studentId, [d.districtId])]), 'studentId'),
  route('ChangeStudentUsername', ChangeStudentUsernameDto, ownStudent),
  route('AdmitStudentToSchool', AdmitStudentToSchoolDto, scopedTo((d) => [aggregate('student', d.studentId), organisations(d.schoolId)])),
  route('WithdrawStudentFromSchool', WithdrawStudentFromSchoolDto, ownStudent),
  route('UpdateStudentDetails', UpdateStudentDetailsDto, ownStudent),
  route('DeactivateStudent', DeactivateStudentDto, ownStudent),
  route('ReactivateStudent', ReactivateStudentDto, ownStudent),
  route('RecordStudentWork', RecordStudentWorkDto, ownStudentAndClassroom),
  route('AttributeStudentWork', AttributeStudentWorkDto, ownStudentAndClassroom),
  route('ClearWorkAttribution', ClearWorkAttributionDto, ownStudent),
  route('EraseStudentPersonalData', EraseStudentPersonalDataDto, ownStudent, undefined, 'admin'),
];
