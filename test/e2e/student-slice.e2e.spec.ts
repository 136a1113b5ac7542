import { expectOk, TestApp } from '../support/test-app';

describe('Organisations and students over HTTP (embedded backend)', () => {
  let app: TestApp;
  let registered = '0';
  beforeAll(async () => {
    app = await TestApp.start();
    for (const [organisationId, type, parentId] of [
      ['d-a', 'district', undefined],
      ['d-b', 'district', undefined],
      ['s-north', 'school', 'd-a'],
      ['s-south', 'school', 'd-a'],
    ] as const) {
      registered = expectOk(await app.command('RegisterOrganisation', { organisationId, type, name: `Org ${organisationId}`, ...(parentId ? { parentId } : {}) })).body.position;
    }
  });
  afterAll(() => app.stop());

  it('usernames are unique per district: jsmith twice in one district is 409 UsernameTaken (JSmith too), in another district 200', async () => {
    const first = expectOk(await app.command('RegisterStudent', { studentId: 'st-1', districtId: 'd-a', username: 'jsmith', givenName: 'Jo', familyName: 'Smith' }));
    expect(first.body).toMatchObject({ aggregateId: 'st-1', streamId: 'student-st-1', revision: 0, events: [{ type: 'StudentRegistered', revision: 0 }] });
    expect(first.headers.get('etag')).toBe('"0"');
    expect(first.headers.get('x-position')).toBe(first.body.position);

    const same = await app.command('RegisterStudent', { studentId: 'st-2', districtId: 'd-a', username: 'jsmith', givenName: 'Jay', familyName: 'Smith' });
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({ error: 'UsernameTaken' });
    const cased = await app.command('RegisterStudent', { studentId: 'st-3', districtId: 'd-a', username: ' JSmith', givenName: 'Jay', familyName: 'Smith' });
    expect(cased.status).toBe(409);
    expect(cased.body.error).toBe('UsernameTaken');

    const other = expectOk(await app.command('RegisterStudent', { studentId: 'st-4', districtId: 'd-b', username: 'jsmith', givenName: 'Jules', familyName: 'Smith' }));
    const lookup = await app.get('/v1/districts/d-b/students?username=JSMITH', { minPosition: other.body.position });
    expect(lookup.status).toBe(200);
    expect(lookup.body.items.map((s: { studentId: string }) => s.studentId)).toEqual(['st-4']);
    expect(lookup.headers.get('x-total-count')).toBe('1');
  });

  it('a changed username frees the old one', async () => {
    expectOk(await app.command('RegisterStudent', { studentId: 'st-10', districtId: 'd-b', username: 'amy', givenName: 'Amy', familyName: 'Lee' }));
    expectOk(await app.command('ChangeStudentUsername', { studentId: 'st-10', username: 'amy.lee' }));
    expectOk(await app.command('RegisterStudent', { studentId: 'st-11', districtId: 'd-b', username: 'amy', givenName: 'Amy', familyName: 'Other' }));
    const taken = await app.command('RegisterStudent', { studentId: 'st-12', districtId: 'd-b', username: 'AMY.LEE', givenName: 'A', familyName: 'L' });
    expect([taken.status, taken.body.error]).toEqual([409, 'UsernameTaken']);
  });

  it('a student admitted to two schools is on both rosters; withdrawn from one, only on the other; the record keeps both stays', async () => {
    expectOk(await app.command('RegisterStudent', { studentId: 'st-20', districtId: 'd-a', username: 'twoschools', givenName: 'Tam', familyName: 'Two' }));
    expectOk(await app.command('AdmitStudentToSchool', { studentId: 'st-20', schoolId: 's-north', entryDate: '2025-09-01', entryGradeLevel: '09' }));
    const second = expectOk(
      await app.command('AdmitStudentToSchool', { studentId: 'st-20', schoolId: 's-south', entryDate: '2025-09-01', entryGradeLevel: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade' }),
    );
    const rosterIds = async (school: string, asOf: string, minPosition: string) =>
      (await app.get(`/v1/schools/${school}/students?asOf=${asOf}`, { minPosition })).body.items.map((s: { studentId: string }) => s.studentId);
    expect(await rosterIds('s-north', '2025-10-01', second.body.position)).toContain('st-20');
    expect(await rosterIds('s-south', '2025-10-01', second.body.position)).toContain('st-20');

    const withdrawn = expectOk(await app.command('WithdrawStudentFromSchool', { studentId: 'st-20', schoolId: 's-north', exitDate: '2025-12-20' }));
    expect(await rosterIds('s-north', '2026-01-10', withdrawn.body.position)).not.toContain('st-20');
    expect(await rosterIds('s-south', '2026-01-10', withdrawn.body.position)).toContain('st-20');
    expect(await rosterIds('s-north', '2025-10-01', withdrawn.body.position)).toContain('st-20');

    const record = await app.get('/v1/students/st-20', { minPosition: withdrawn.body.position });
    expect(record.status).toBe(200);
    expect(record.body.schoolAssociations).toEqual([
      { schoolId: 's-north', entryDate: '2025-09-01', exitDate: '2025-12-20', exitReason: null, entryGradeLevel: '09', primary: true },
      { schoolId: 's-south', entryDate: '2025-09-01', exitDate: null, exitReason: null, entryGradeLevel: '09', primary: false },
    ]);
  });

  it('an organisation reads back with its details', async () => {
    const org = await app.get('/v1/organisations/s-north', { minPosition: registered });
    expect(org.status).toBe(200);
    expect(org.body).toMatchObject({ organisationId: 's-north', type: 'school', name: 'Org s-north', parentId: 'd-a', status: 'active' });
    const unknown = await app.get('/v1/organisations/nope', { minPosition: registered });
    expect([unknown.status, unknown.body.error]).toEqual([404, 'NotFound']);
  });

  it('the audit trail shows a stream with its metadata', async () => {
    expectOk(await app.command('RegisterStudent', { studentId: 'st-30', districtId: 'd-a', username: 'audited', givenName: 'Al', familyName: 'Audit' }));
    expectOk(await app.command('AdmitStudentToSchool', { studentId: 'st-30', schoolId: 's-north', entryDate: '2025-09-01', entryGradeLevel: '09' }));
    expectOk(await app.command('AdmitStudentToSchool', { studentId: 'st-30', schoolId: 's-south', entryDate: '2025-09-01', entryGradeLevel: '09' }));
    expectOk(await app.command('WithdrawStudentFromSchool', { studentId: 'st-30', schoolId: 's-north', exitDate: '2025-12-20' }));
    const answer = await app.get('/v1/audit/streams/student-st-30');
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((e: { type: string }) => e.type)).toEqual(['StudentRegistered', 'StudentAdmittedToSchool', 'StudentAdmittedToSchool', 'StudentWithdrawnFromSchool']);
    expect(answer.body.items[0].metadata).toMatchObject({ actor: { type: 'token', id: 'admin' }, command: 'RegisterStudent' });
    expect(typeof answer.body.items[0].position).toBe('string');
  });
});
