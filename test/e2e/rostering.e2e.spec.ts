import { expectOk, TestApp } from '../support/test-app';

const NINTH = 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade';

describe('Rostering over HTTP: seed 000’s limitations made impossible (embedded backend)', () => {
  let app: TestApp;
  /** Position of the latest accepted command: every query below waits for it. */
  let position = '0';

  const ok = async (name: string, body: object) => {
    const answer = expectOk(await app.command(name, body));
    position = answer.body.position;
    return answer.body;
  };
  const read = async (path: string) => {
    const answer = await app.get(path, { minPosition: position });
    expect(answer.status).toBe(200);
    return answer;
  };
  const ids = (items: { studentId?: string; userId?: string }[]) => items.map((i) => i.studentId ?? i.userId);
  const student = (studentId: string, districtId = 'd-a', username = studentId) =>
    ok('RegisterStudent', { studentId, districtId, username, givenName: `Given ${studentId}`, familyName: `Family ${studentId}` });
  const enroll = (enrollmentId: string, classroomId: string, person: { studentId: string } | { userId: string; role?: string }, beginDate: string, endDate?: string) => {
    const party = 'studentId' in person ? { role: 'student', studentId: person.studentId } : { role: person.role ?? 'teacher', userId: person.userId };
    return app.command('EnrollInClassroom', { enrollmentId, classroomId, ...party, beginDate, ...(endDate ? { endDate } : {}) });
  };

  beforeAll(async () => {
    app = await TestApp.start();
    for (const [organisationId, type, parentId] of [
      ['d-a', 'district', undefined],
      ['d-b', 'district', undefined],
      ['s-north', 'school', 'd-a'],
      ['s-south', 'school', 'd-a'],
    ] as const) {
      await ok('RegisterOrganisation', { organisationId, type, name: `Org ${organisationId}`, ...(parentId ? { parentId } : {}) });
    }
    await ok('DefineAcademicYear', { academicYearId: 'ay-2025', name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31' });
    await ok('DefineTerm', { academicYearId: 'ay-2025', termId: 'autumn-2025', name: 'Autumn', startsOn: '2025-09-01', endsOn: '2025-12-19' });
    await ok('RegisterUser', { userId: 'u-ann', email: 'ann@school.example', givenName: 'Ann', familyName: 'Archer' });
    await ok('RegisterUser', { userId: 'u-bob', email: 'bob@school.example', givenName: 'Bob', familyName: 'Baker' });
  });
  afterAll(() => app.stop());

  it('the same username in two districts, rejected twice in one', async () => {
    await student('st-a1', 'd-a', 'jsmith');
    await student('st-b1', 'd-b', 'jsmith');
    const again = await app.command('RegisterStudent', { studentId: 'st-a2', districtId: 'd-a', username: 'jsmith', givenName: 'Jay', familyName: 'Smith' });
    const cased = await app.command('RegisterStudent', { studentId: 'st-a3', districtId: 'd-a', username: ' JSmith ', givenName: 'Jem', familyName: 'Smith' });
    expect([again.status, again.body.error, cased.status, cased.body.error]).toEqual([409, 'UsernameTaken', 409, 'UsernameTaken']);

    for (const [district, expected] of [['d-a', 'st-a1'], ['d-b', 'st-b1']]) {
      const lookup = await read(`/v1/districts/${district}/students?username=JSMITH`);
      expect(ids(lookup.body.items)).toEqual([expected]);
      expect(lookup.headers.get('x-total-count')).toBe('1');
    }
  });

  it('a student in two schools at once, on both rosters, primary in one', async () => {
    await student('st-2s');
    await ok('AdmitStudentToSchool', { studentId: 'st-2s', schoolId: 's-north', entryDate: '2025-09-01', entryGradeLevel: '09' });
    await ok('AdmitStudentToSchool', { studentId: 'st-2s', schoolId: 's-south', entryDate: '2025-09-01', entryGradeLevel: '09', primary: true });

    const row = async (schoolId: string) => (await read(`/v1/schools/${schoolId}/students?asOf=2025-10-01`)).body.items.find((s: { studentId: string }) => s.studentId === 'st-2s');
    expect(await row('s-north')).toMatchObject({ primary: false, entryGradeLevel: '09' });
    expect(await row('s-south')).toMatchObject({ primary: true, entryGradeLevel: '09' });
    const record = await read('/v1/students/st-2s');
    expect(record.body.schoolAssociations.map((a: { schoolId: string; primary: boolean }) => [a.schoolId, a.primary])).toEqual([
      ['s-north', false],
      ['s-south', true],
    ]);
  });

  it('rule 4: a student in two classrooms of two schools, on both classroom rosters', async () => {
    await student('st-2c');
    await ok('CreateClassroom', { classroomId: 'c-maths', schoolId: 's-north', title: 'Maths 9', classType: 'scheduled', subjects: ['Mathematics'], academicYearId: 'ay-2025', termIds: ['autumn-2025'] });
    await ok('CreateClassroom', { classroomId: 'c-art', schoolId: 's-south', title: 'Art 9', classType: 'scheduled' });
    expectOk(await enroll('e-2c-maths', 'c-maths', { studentId: 'st-2c' }, '2025-09-01'));
    expectOk(await enroll('e-2c-art', 'c-art', { studentId: 'st-2c' }, '2025-09-01'));
    position = expectOk(await enroll('e-ann-maths', 'c-maths', { userId: 'u-ann' }, '2025-09-01')).body.position;

    const maths = await read('/v1/classrooms/c-maths/roster?asOf=2025-10-01');
    expect(maths.body.classroom).toMatchObject({ classroomId: 'c-maths', schoolId: 's-north', title: 'Maths 9', termIds: ['autumn-2025'], status: 'active' });
    expect(ids(maths.body.students)).toEqual(['st-2c']);
    expect(maths.body.teachers).toEqual([expect.objectContaining({ userId: 'u-ann', role: 'teacher', givenName: 'Ann', familyName: 'Archer' })]);
    expect(maths.headers.get('x-total-count')).toBe('1');
    expect(ids((await read('/v1/classrooms/c-art/roster?asOf=2025-10-01')).body.students)).toEqual(['st-2c']);

    const record = await read('/v1/students/st-2c');
    expect(record.body.enrollments.map((e: { classroomId: string; schoolId: string }) => [e.classroomId, e.schoolId])).toEqual([
      ['c-maths', 's-north'],
      ['c-art', 's-south'],
    ]);
    const classrooms = await read('/v1/schools/s-north/classrooms');
    expect(classrooms.body.items.map((c: { classroomId: string }) => c.classroomId)).toEqual(['c-maths']);
    expect(classrooms.headers.get('x-total-count')).toBe('1');
  });

  it('a student’s school associations keep (student, school, entryDate) history across withdraw and re-admit', async () => {
    await student('st-h');
    await ok('AdmitStudentToSchool', { studentId: 'st-h', schoolId: 's-north', entryDate: '2025-09-01', entryGradeLevel: '09' });
    await ok('WithdrawStudentFromSchool', { studentId: 'st-h', schoolId: 's-north', exitDate: '2025-12-20', exitReason: 'moved' });
    await ok('AdmitStudentToSchool', { studentId: 'st-h', schoolId: 's-north', entryDate: '2026-01-05', entryGradeLevel: '10' });
    const twice = await app.command('AdmitStudentToSchool', { studentId: 'st-h', schoolId: 's-north', entryDate: '2026-02-01', entryGradeLevel: '10' });
    expect([twice.status, twice.body.error]).toEqual([409, 'AlreadyAdmitted']);

    const record = await read('/v1/students/st-h');
    expect(record.body.schoolAssociations).toEqual([
      { schoolId: 's-north', entryDate: '2025-09-01', exitDate: '2025-12-20', exitReason: 'moved', entryGradeLevel: '09', primary: true },
      { schoolId: 's-north', entryDate: '2026-01-05', exitDate: null, exitReason: null, entryGradeLevel: '10', primary: true },
    ]);
    const onRoster = async (asOf: string) =>
      (await read(`/v1/schools/s-north/students?asOf=${asOf}`)).body.items.filter((s: { studentId: string }) => s.studentId === 'st-h').map((s: { entryDate: string; entryGradeLevel: string }) => [s.entryDate, s.entryGradeLevel]);
    expect(await onRoster('2025-10-01')).toEqual([['2025-09-01', '09']]);
    expect(await onRoster('2025-12-20')).toEqual([]);
    expect(await onRoster('2026-02-01')).toEqual([['2026-01-05', '10']]);
  });

  it('grade descriptors round-trip', async () => {
    await student('st-g');
    await ok('AdmitStudentToSchool', { studentId: 'st-g', schoolId: 's-south', entryDate: '2025-09-01', entryGradeLevel: NINTH });

    const byDescriptor = await read(`/v1/schools/s-south/students?asOf=2025-10-01&grade=${encodeURIComponent(NINTH)}`);
    const row = byDescriptor.body.items.find((s: { studentId: string }) => s.studentId === 'st-g');
    expect(row).toMatchObject({ entryGradeLevel: '09', entryGradeLevelDescriptor: NINTH });
    expect(ids((await read('/v1/schools/s-south/students?asOf=2025-10-01&grade=09')).body.items)).toContain('st-g');
    expect(ids((await read('/v1/schools/s-south/students?asOf=2025-10-01&grade=10')).body.items)).not.toContain('st-g');
    const unknown = await app.get('/v1/schools/s-south/students?grade=Grade%20Nine');
    expect([unknown.status, unknown.body.error]).toEqual([400, 'ValidationFailed']);

    await ok('CreateClassroom', { classroomId: 'c-graded', schoolId: 's-south', title: 'Science 9/10', classType: 'homeroom', grades: [NINTH, '10'] });
    const classroom = (await read('/v1/schools/s-south/classrooms')).body.items.find((c: { classroomId: string }) => c.classroomId === 'c-graded');
    expect(classroom.grades).toEqual(['09', '10']);
  });

  it('rosters as of a past date show who was enrolled then', async () => {
    for (const id of ['st-p1', 'st-p2', 'st-p3']) await student(id);
    await ok('AdmitStudentToSchool', { studentId: 'st-p1', schoolId: 's-south', entryDate: '2025-09-01', entryGradeLevel: '09' });
    await ok('WithdrawStudentFromSchool', { studentId: 'st-p1', schoolId: 's-south', exitDate: '2025-11-01' });
    await ok('AdmitStudentToSchool', { studentId: 'st-p2', schoolId: 's-south', entryDate: '2025-11-01', entryGradeLevel: '09' });

    await ok('CreateClassroom', { classroomId: 'c-history', schoolId: 's-south', title: 'History 9', classType: 'scheduled' });
    expectOk(await enroll('e-p1', 'c-history', { studentId: 'st-p1' }, '2025-09-01'));
    expectOk(await app.command('EndEnrollment', { enrollmentId: 'e-p1', endDate: '2025-11-01' }));
    expectOk(await enroll('e-p2', 'c-history', { studentId: 'st-p2' }, '2025-11-01'));
    expectOk(await enroll('e-p3', 'c-history', { studentId: 'st-p3' }, '2025-09-01'));
    expectOk(await app.command('CancelEnrollment', { enrollmentId: 'e-p3', reason: 'the sync withdrew the row' }));
    expectOk(await enroll('e-ann-history', 'c-history', { userId: 'u-ann' }, '2025-09-01', '2026-01-01'));
    position = expectOk(await enroll('e-bob-history', 'c-history', { userId: 'u-bob' }, '2026-01-01')).body.position;

    const classroomOn = async (asOf: string) => {
      const roster = (await read(`/v1/classrooms/c-history/roster?asOf=${asOf}`)).body;
      return { students: ids(roster.students), teachers: ids(roster.teachers) };
    };
    expect(await classroomOn('2025-10-15')).toEqual({ students: ['st-p1'], teachers: ['u-ann'] });
    expect(await classroomOn('2025-11-01')).toEqual({ students: ['st-p2'], teachers: ['u-ann'] });
    expect(await classroomOn('2026-02-01')).toEqual({ students: ['st-p2'], teachers: ['u-bob'] });
    expect(await classroomOn('2025-08-31')).toEqual({ students: [], teachers: [] });

    const schoolOn = async (asOf: string) =>
      ids((await read(`/v1/schools/s-south/students?asOf=${asOf}`)).body.items).filter((id) => ['st-p1', 'st-p2'].includes(id!));
    expect(await schoolOn('2025-10-15')).toEqual(['st-p1']);
    expect(await schoolOn('2025-11-01')).toEqual(['st-p2']);

    const unknown = await app.get('/v1/classrooms/nope/roster');
    expect([unknown.status, unknown.body.error]).toEqual([404, 'NotFound']);
  });

  it('a new enrollment after the old one ended is fine; an overlapping one is AlreadyEnrolled', async () => {
    await student('st-re');
    await ok('CreateClassroom', { classroomId: 'c-re', schoolId: 's-north', title: 'Maths 9 (set 2)', classType: 'scheduled' });
    expectOk(await enroll('e-re-1', 'c-re', { studentId: 'st-re' }, '2025-09-01', '2025-12-20'));
    const overlapping = await enroll('e-re-2', 'c-re', { studentId: 'st-re' }, '2025-12-19');
    expect([overlapping.status, overlapping.body.error]).toEqual([409, 'AlreadyEnrolled']);
    expect(overlapping.body.details).toEqual([{ enrollmentId: 'e-re-1', beginDate: '2025-09-01', endDate: '2025-12-20' }]);
    expectOk(await enroll('e-re-2', 'c-re', { studentId: 'st-re' }, '2025-12-20'));
    const extended = await app.command('ChangeEnrollmentDates', { enrollmentId: 'e-re-1', beginDate: '2025-09-01', endDate: '2026-01-10' });
    expect([extended.status, extended.body.error]).toEqual([409, 'AlreadyEnrolled']);
    expectOk(await app.command('CancelEnrollment', { enrollmentId: 'e-re-2' }));
    expectOk(await app.command('ChangeEnrollmentDates', { enrollmentId: 'e-re-1', beginDate: '2025-09-01', endDate: '2026-01-10' }));
    expectOk(await enroll('e-re-ann', 'c-re', { userId: 'u-ann' }, '2025-09-01'));
    const teacherTwice = await enroll('e-re-3', 'c-re', { userId: 'u-ann' }, '2025-10-01');
    expect([teacherTwice.status, teacherTwice.body.error]).toEqual([409, 'AlreadyEnrolled']);
    expectOk(await enroll('e-re-4', 'c-re', { userId: 'u-ann', role: 'aide' }, '2025-10-01'));
  });

  it('a deactivated student shows in the directory’s status filter and takes no enrollment until reactivated', async () => {
    await student('st-off', 'd-b');
    await ok('DeactivateStudent', { studentId: 'st-off', reason: 'left the district' });
    expect(ids((await read('/v1/districts/d-b/students?status=deactivated')).body.items)).toEqual(['st-off']);
    expect(ids((await read('/v1/districts/d-b/students?status=active')).body.items)).not.toContain('st-off');

    await ok('CreateClassroom', { classroomId: 'c-off', schoolId: 's-south', title: 'Drama', classType: 'scheduled' });
    const refused = await enroll('e-off', 'c-off', { studentId: 'st-off' }, '2025-09-01');
    expect([refused.status, refused.body.error]).toEqual([409, 'StudentDeactivated']);
    await ok('ReactivateStudent', { studentId: 'st-off' });
    expectOk(await enroll('e-off', 'c-off', { studentId: 'st-off' }, '2025-09-01'));
    expect((await read('/v1/students/st-off')).body.status).toBe('active');
  });

  it('a details update changes only what was sent, null clears an optional field, and rosters show the new name', async () => {
    await ok('RegisterStudent', { studentId: 'st-d', districtId: 'd-a', username: 'dee', givenName: 'Dee', familyName: 'Old', middleName: 'M', email: 'dee@example.org' });
    await ok('CreateClassroom', { classroomId: 'c-d', schoolId: 's-south', title: 'Music', classType: 'scheduled' });
    expectOk(await enroll('e-d', 'c-d', { studentId: 'st-d' }, '2025-09-01'));
    const updated = await ok('UpdateStudentDetails', { studentId: 'st-d', givenName: 'Dee', familyName: 'New', email: null });
    expect(updated.events).toEqual([{ type: 'StudentDetailsUpdated', revision: 1 }]);
    expect((await ok('UpdateStudentDetails', { studentId: 'st-d', familyName: 'New' })).events).toEqual([]);
    const blank = await app.command('UpdateStudentDetails', { studentId: 'st-d', givenName: null });
    expect([blank.status, blank.body.error, blank.body.details[0].field]).toEqual([400, 'ValidationFailed', 'givenName']);

    expect((await read('/v1/students/st-d')).body).toMatchObject({ givenName: 'Dee', familyName: 'New', middleName: 'M', email: null });
    const roster = await read('/v1/classrooms/c-d/roster?asOf=2025-10-01');
    expect(roster.body.students.find((s: { studentId: string }) => s.studentId === 'st-d')).toMatchObject({ familyName: 'New' });
  });

  it('an enrollment names the person by the field its role needs (400 otherwise), and a closed classroom takes no one', async () => {
    await student('st-names');
    await ok('CreateClassroom', { classroomId: 'c-names', schoolId: 's-south', title: 'Geography', classType: 'scheduled' });
    const wrong = await app.command('EnrollInClassroom', { classroomId: 'c-names', role: 'teacher', studentId: 'st-names', beginDate: '2025-09-01' });
    expect([wrong.status, wrong.body.error]).toEqual([400, 'ValidationFailed']);
    expect(wrong.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['studentId', 'userId']);
    await ok('CreateClassroom', { classroomId: 'c-closed', schoolId: 's-north', title: 'Old', classType: 'homeroom' });
    await ok('CloseClassroom', { classroomId: 'c-closed' });
    expectOk(await enroll('e-names', 'c-names', { studentId: 'st-names' }, '2025-09-01'));
    const closed = await enroll('e-closed', 'c-closed', { studentId: 'st-names' }, '2025-09-01');
    expect([closed.status, closed.body.error]).toEqual([409, 'ClassroomClosed']);
    const terms = await app.command('CreateClassroom', { classroomId: 'c-terms', schoolId: 's-north', title: 'T', classType: 'homeroom', termIds: ['autumn-2025'] });
    expect([terms.status, terms.body.error]).toEqual([422, 'AcademicYearRequired']);
  });

  it('two overlapping enrollments of one student in one classroom and role, fired at once 20 times: exactly one wins each time', async () => {
    await ok('CreateClassroom', { classroomId: 'c-race', schoolId: 's-north', title: 'Race', classType: 'scheduled' });
    for (let round = 0; round < 20; round++) {
      const studentId = `st-race-${round}`;
      await student(studentId);
      const answers = await Promise.all([
        enroll(`e-race-${round}-a`, 'c-race', { studentId }, '2025-09-01'),
        enroll(`e-race-${round}-b`, 'c-race', { studentId }, '2025-10-01', '2025-12-01'),
      ]);
      const statuses = answers.map((a) => a.status).sort();
      expect({ round, statuses }).toEqual({ round, statuses: [200, 409] });
      expect(answers.find((a) => a.status === 409)!.body.error).toBe('AlreadyEnrolled');
      position = answers.find((a) => a.status === 200)!.body.position;
    }
    const roster = await read('/v1/classrooms/c-race/roster?asOf=2025-10-15&limit=1000');
    expect(roster.headers.get('x-total-count')).toBe('20');
    expect(new Set(ids(roster.body.students)).size).toBe(20);
  });
});
