import { expectOk, TestApp } from '../support/test-app';

/**
 * Values unique across aggregates, enforced only through reservation streams (never a read model),
 * shown over HTTP with their error codes. URNs and UKPRNs, which an update can change and free,
 * are in organisation-rules.e2e.spec.ts. No command changes a TRN, a state student id or a subject
 * code once given, so those reservations are never released by a change.
 */
describe('Unique values over HTTP (embedded backend)', () => {
  let app: TestApp;
  const ok = async (name: string, body: object) => expectOk(await app.command(name, body)).body;
  const refused = (name: string, body: object) => app.refusal(name, body);

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.stop());

  it('student rule 2: a state student id is unique per district (409 StateStudentIdTaken), free in another district; a repeat of the same registration is no conflict', async () => {
    for (const districtId of ['ssid-d1', 'ssid-d2']) await ok('RegisterOrganisation', { organisationId: districtId, type: 'district', name: districtId });
    const student = (studentId: string, districtId: string, stateStudentId: string) => ({ studentId, districtId, username: studentId, givenName: 'G', familyName: 'F', stateStudentId });
    await ok('RegisterStudent', student('ssid-1', 'ssid-d1', 'S-0001'));
    expect(await refused('RegisterStudent', student('ssid-2', 'ssid-d1', 'S-0001'))).toEqual([409, 'StateStudentIdTaken']);
    expect(await refused('RegisterStudent', student('ssid-2', 'ssid-d1', ' S-0001 '))).toEqual([409, 'StateStudentIdTaken']);
    await ok('RegisterStudent', student('ssid-3', 'ssid-d2', 'S-0001'));
    expect((await ok('RegisterStudent', student('ssid-1', 'ssid-d1', 'S-0001'))).events).toEqual([]);
    // The refused registration left nothing behind: its username is still free.
    await ok('RegisterStudent', student('ssid-2', 'ssid-d1', 'S-0002'));
  });

  it('claims reference rule 2: a TRN is 7 digits (400) and belongs to one mentor (409 TrnTaken); a repeat of the same registration is no conflict', async () => {
    const mentor = (mentorId: string, trn: string) => ({ mentorId, trn, givenName: 'M', familyName: mentorId });
    await ok('RegisterMentor', mentor('trn-m1', '7000001'));
    expect(await refused('RegisterMentor', mentor('trn-m2', '7000001'))).toEqual([409, 'TrnTaken']);
    const shape = await app.command('RegisterMentor', mentor('trn-m2', '700001'));
    expect([shape.status, shape.body.error, shape.body.details.map((d: { field: string }) => d.field)]).toEqual([400, 'ValidationFailed', ['trn']]);
    expect((await ok('RegisterMentor', mentor('trn-m1', '7000001'))).events).toEqual([]);
    await ok('RegisterMentor', mentor('trn-m2', '7000002'));
  });

  it('subjects: a code is unique (409 SubjectCodeTaken, compared without surrounding spaces); a renamed subject keeps its code', async () => {
    await ok('DefineSubject', { subjectId: 'code-maths', name: 'Mathematics', code: 'CODE-G1', phase: 'secondary' });
    expect(await refused('DefineSubject', { subjectId: 'code-stats', name: 'Statistics', code: 'CODE-G1', phase: 'secondary' })).toEqual([409, 'SubjectCodeTaken']);
    expect(await refused('DefineSubject', { subjectId: 'code-stats', name: 'Statistics', code: ' CODE-G1', phase: 'primary' })).toEqual([409, 'SubjectCodeTaken']);
    await ok('RenameSubject', { subjectId: 'code-maths', name: 'Maths' });
    expect(await refused('DefineSubject', { subjectId: 'code-stats', name: 'Statistics', code: 'CODE-G1', phase: 'secondary' })).toEqual([409, 'SubjectCodeTaken']);
    await ok('DefineSubject', { subjectId: 'code-stats', name: 'Statistics', code: 'CODE-G2', phase: 'secondary' });
  });

  it('hosting interest: one per school and year, every change kept in its history; another year is another record', async () => {
    const startYear = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
    const years = [startYear, startYear + 1].map((y) => ({ academicYearId: `hi-ay-${y}`, name: `${y}/${y + 1}`, startsOn: `${y}-09-01`, endsOn: `${y + 1}-08-31` }));
    for (const year of years) await ok('DefineAcademicYear', year);
    await ok('RegisterOrganisation', { organisationId: 'hi-s', type: 'school', name: 'School' });
    const record = (academicYearId: string, appetite: string) => ok('RecordHostingInterest', { schoolId: 'hi-s', academicYearId, appetite, ...(appetite === 'not_open' ? { reasons: ['no mentors'] } : {}) });
    await record(years[0].academicYearId, 'interested');
    await record(years[0].academicYearId, 'actively_looking');
    const last = await record(years[1].academicYearId, 'not_open');

    const first = await app.get(`/v1/schools/hi-s/hosting-interest?academicYearId=${years[0].academicYearId}`, { minPosition: last.position });
    expect(first.body).toMatchObject({ schoolId: 'hi-s', academicYearId: years[0].academicYearId, appetite: 'actively_looking' });
    expect(first.body.history.map((h: { appetite: string }) => h.appetite)).toEqual(['interested', 'actively_looking']);
    const second = await app.get(`/v1/schools/hi-s/hosting-interest?academicYearId=${years[1].academicYearId}`, { minPosition: last.position });
    expect([second.body.appetite, second.body.history.length]).toEqual(['not_open', 1]);
    const streams = await Promise.all(years.map((y) => app.get(`/v1/audit/streams/hosting-interest-hi-s.${y.academicYearId}`)));
    expect(streams.map((s) => s.body.items.map((e: { type: string }) => e.type))).toEqual([['HostingInterestRecorded', 'HostingInterestRecorded'], ['HostingInterestRecorded']]);
  });
});
