import { ProjectionsService } from '../../projections/subscription/projections.service';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { expectOk, TestApp, TOKENS } from '../support/test-app';

describe('Rebuilding a projection', () => {
  let app: TestApp;
  let head = '0';
  beforeAll(async () => {
    app = await TestApp.start();
    expectOk(await app.command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'D' }));
    for (const school of ['s-1', 's-2']) expectOk(await app.command('RegisterOrganisation', { organisationId: school, type: 'school', name: school, parentId: 'd-1' }));
    for (let i = 0; i < 60; i++) {
      const studentId = `st-${i}`;
      expectOk(await app.command('RegisterStudent', { studentId, districtId: 'd-1', username: `user${i}`, givenName: `G${i}`, familyName: `F${i % 7}` }));
      expectOk(await app.command('AdmitStudentToSchool', { studentId, schoolId: i % 2 ? 's-1' : 's-2', entryDate: '2025-09-01', entryGradeLevel: '03' }));
      if (i % 3 === 0) expectOk(await app.command('AdmitStudentToSchool', { studentId, schoolId: i % 2 ? 's-2' : 's-1', entryDate: '2025-09-10', entryGradeLevel: '03', primary: true }));
      if (i % 5 === 0) expectOk(await app.command('ChangeStudentUsername', { studentId, username: `renamed${i}` }));
      const last = expectOk(await app.command('WithdrawStudentFromSchool', { studentId, schoolId: i % 2 ? 's-1' : 's-2', exitDate: '2025-12-01' }));
      head = last.body.position;
    }
  }, 120_000);
  afterAll(() => app.stop());

  /** Every projection has read up to the last command (verify refuses a projection that is behind). */
  const allCaughtUp = async () => {
    const projections = app.app.get(ProjectionsService);
    const behind: string[] = [];
    for (const name of projections.names()) if (!(await projections.waitFor(name, BigInt(head), 10_000))) behind.push(name);
    expect({ behindAfter10s: behind }).toEqual({ behindAfter10s: [] });
    return projections;
  };

  it('gives documents identical to the live ones (verify finds no difference)', async () => {
    const projections = await allCaughtUp();
    expect(projections.names().length).toBeGreaterThanOrEqual(13);
    for (const name of projections.names()) expect({ name, differences: await projections.verify(name) }).toEqual({ name, differences: [] });
  });

  it('POST /v1/projections/{name}/rebuild swaps in a copy that answers exactly as before', async () => {
    const query = `/v1/schools/s-2/students?asOf=2025-09-15&limit=1000`;
    const before = await app.get(query, { minPosition: head });
    const record = await app.get('/v1/students/st-3', { minPosition: head });
    const rebuilt = await app.request('POST', '/v1/projections/rosters/rebuild');
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toMatchObject({ name: 'rosters', status: 'rebuilt' });
    const after = await app.get(query, { minPosition: head });
    expect(after.body).toEqual(before.body);
    expect(before.body.items.length).toBeGreaterThan(10);
    expect((await app.get('/v1/students/st-3')).body).toEqual(record.body);
    expect(record.body.studentId).toBe('st-3');
    const unknown = await app.request('POST', '/v1/projections/nope/rebuild');
    expect([unknown.status, unknown.body.error]).toEqual([404, 'NotFound']);
    const notAdmin = await app.request('POST', '/v1/projections/rosters/rebuild', { token: TOKENS.sis });
    expect([notAdmin.status, notAdmin.body.error]).toEqual([403, 'Forbidden']);
  });

  it('verify reports a document changed behind the projection’s back, by field', async () => {
    const projections = await allCaughtUp();
    const documents = app.app.get<DocumentStore>(DOCUMENT_STORE, { strict: false });
    await documents.collection('student_records').put('st-1', { ...(await documents.collection('student_records').get('st-1')), givenName: 'Tampered' });
    const differences = await projections.verify('student-records');
    expect(differences).toEqual([expect.objectContaining({ collection: 'student_records', id: 'st-1', field: 'givenName', live: 'Tampered', rebuilt: 'G1' })]);
  });
});
