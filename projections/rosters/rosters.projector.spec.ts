import { project } from '../../test/support/projector-spec';
import { StudentEvent } from '../../src/students/student.events';
import { rostersProjection } from './rosters.projector';
import { DISTRICT_STUDENTS, SCHOOL_STUDENTS } from './rosters.read-model';

const events: (StudentEvent & { streamId: string })[] = [
  { streamId: 'student-st-1', type: 'StudentRegistered', data: { studentId: 'st-1', districtId: 'd-1', username: 'JSmith', givenName: 'Jo', familyName: 'Smith' } },
  { streamId: 'student-st-1', type: 'StudentAdmittedToSchool', data: { studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: '05', primary: true } },
  { streamId: 'student-st-1', type: 'StudentAdmittedToSchool', data: { studentId: 'st-1', schoolId: 's-2', entryDate: '2025-09-02', entryGradeLevel: '05', primary: true, previousPrimary: { schoolId: 's-1', entryDate: '2025-09-01' } } },
  { streamId: 'student-st-1', type: 'StudentUsernameChanged', data: { studentId: 'st-1', districtId: 'd-1', username: 'jo.smith', previousUsername: 'JSmith' } },
  { streamId: 'student-st-1', type: 'StudentWithdrawnFromSchool', data: { studentId: 'st-1', schoolId: 's-1', entryDate: '2025-09-01', exitDate: '2025-12-01' } },
];

describe('rosters projector', () => {
  it('keeps the district directory entry and one roster row per school association', async () => {
    const given = await project(rostersProjection, events);
    expect(await given.get(DISTRICT_STUDENTS, 'st-1')).toEqual({
      studentId: 'st-1', districtId: 'd-1', username: 'jo.smith', usernameKey: 'jo.smith', givenName: 'Jo', familyName: 'Smith', status: 'active', grades: [],
    });
    expect(await given.get(SCHOOL_STUDENTS, 's-1|st-1|2025-09-01')).toMatchObject({ exitDate: '2025-12-01', primary: false, username: 'jo.smith' });
    expect(await given.get(SCHOOL_STUDENTS, 's-2|st-1|2025-09-02')).toMatchObject({ exitDate: null, primary: true, username: 'jo.smith' });
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(rostersProjection, events);
    const before = [await given.all(DISTRICT_STUDENTS), await given.all(SCHOOL_STUDENTS)];
    await given.replayed();
    expect([await given.all(DISTRICT_STUDENTS), await given.all(SCHOOL_STUDENTS)]).toEqual(before);
    await given.close();
  });
});
