import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { StudentCommand, StudentCommandMessage } from './student.commands';
import {
  AdmitStudentToSchoolDto, ChangeStudentUsernameDto, DeactivateStudentDto, EraseStudentPersonalDataDto, ReactivateStudentDto, RegisterStudentDto, UpdateStudentDetailsDto,
  WithdrawStudentFromSchoolDto,
} from './student.dto';
import { AttributeStudentWorkDto, ClearWorkAttributionDto, RecordStudentWorkDto } from './student-work.dto';

const route = <D extends object>(name: StudentCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string, role?: CommandRoute['role']): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  role,
  toCommand: (body, envelope) => new StudentCommandMessage({ ...(instanceToPlain(body) as object), type: name } as StudentCommand, envelope),
});

export const studentRoutes: CommandRoute[] = [
  route('RegisterStudent', RegisterStudentDto, 'studentId'),
  route('ChangeStudentUsername', ChangeStudentUsernameDto),
  route('AdmitStudentToSchool', AdmitStudentToSchoolDto),
  route('WithdrawStudentFromSchool', WithdrawStudentFromSchoolDto),
  route('UpdateStudentDetails', UpdateStudentDetailsDto),
  route('DeactivateStudent', DeactivateStudentDto),
  route('ReactivateStudent', ReactivateStudentDto),
  route('RecordStudentWork', RecordStudentWorkDto),
  route('AttributeStudentWork', AttributeStudentWorkDto),
  route('ClearWorkAttribution', ClearWorkAttributionDto),
  route('EraseStudentPersonalData', EraseStudentPersonalDataDto, undefined, 'admin'),
];
