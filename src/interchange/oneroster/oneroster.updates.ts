import { PlannedCommand } from './oneroster.mapping';

/** The commands that bring an aggregate created from a record up to the record's new content. */
export function updatesFor(planned: PlannedCommand[], wasDeleted: boolean): PlannedCommand[] {
  return planned.flatMap((command): PlannedCommand[] => {
    const { body } = command;
    switch (command.name) {
      case 'RegisterOrganisation': {
        const { type: _type, organisationId, ...fields } = body;
        return [{ name: 'UpdateOrganisation', body: { organisationId, ...fields } }];
      }
      case 'CreateClassroom': {
        const { schoolId: _school, ...fields } = body;
        return [{ name: 'UpdateClassroom', body: fields }];
      }
      case 'RegisterStudent': {
        const { studentId, districtId: _district, username, externalIds: _ids, stateStudentId: _state, ...details } = body;
        return [
          ...(wasDeleted ? [{ name: 'ReactivateStudent', body: { studentId } }] : []),
          { name: 'ChangeStudentUsername', body: { studentId, username } },
          { name: 'UpdateStudentDetails', body: { studentId, ...details } },
        ];
      }
      case 'RegisterUser':
        return [];
      case 'EnrollInClassroom':
        return [{ name: 'ChangeEnrollmentDates', body: { enrollmentId: body.enrollmentId, beginDate: body.beginDate, ...(body.endDate ? { endDate: body.endDate } : {}) } }];
      case 'DefineAcademicYear':
      case 'DefineTerm':
        return [];
      default:
        return [command];
    }
  });
}

/** Answers that mean the command's effect is already there (a repeat after a crash, an admission still open). */
export const ALREADY_DONE = new Set(['AlreadyAdmitted', 'AlreadyExists', 'AlreadyEnrolled', 'AlreadyMember', 'MembershipExists', 'AlreadyClosed', 'AlreadyDeactivated']);
