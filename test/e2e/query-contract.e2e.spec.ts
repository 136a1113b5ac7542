import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { QUERY_CONTROLLERS } from '../../projections';
import { expectOk, TestApp } from '../support/test-app';

const today = new Date();
const startYear = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
const YEAR = { academicYearId: 'q-ay', name: `${startYear}/${startYear + 1}`, startsOn: `${startYear}-09-01`, endsOn: `${startYear + 1}-08-31` };
const PROGRAM = '0190a000-0000-7000-8000-000000000001';
const CURRICULUM = '0190a000-0000-7000-8000-000000000002';

/** Every GET route of the read models' controllers, as written in their decorators. */
function queryRoutes(): string[] {
  const routes: string[] = [];
  for (const controller of QUERY_CONTROLLERS) {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string;
      routes.push(`/${base}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1'));
    }
  }
  return routes.sort();
}

/** A request for each query route, answered from the small world built in beforeAll. */
const QUERIES: Record<string, string> = {
  '/v1/academic-years': '/v1/academic-years',
  '/v1/academic-years/:id': '/v1/academic-years/q-ay',
  '/v1/claim-windows/:id/payments.csv': '/v1/claim-windows/q-w/payments.csv',
  '/v1/claim-windows/:id/totals': '/v1/claim-windows/q-w/totals',
  '/v1/claims': '/v1/claims?schoolId=q-s',
  '/v1/claims/:id': '/v1/claims/q-claim',
  '/v1/claims/:id/history': '/v1/claims/q-claim/history',
  '/v1/claims/clawbacks.csv': '/v1/claims/clawbacks.csv',
  '/v1/classrooms/:id/roster': '/v1/classrooms/q-c/roster?asOf=2025-10-01',
  '/v1/classrooms/:id/work': '/v1/classrooms/q-c/work?from=2025-09-01&to=2026-09-01',
  '/v1/districts/:id/students': '/v1/districts/q-d/students',
  '/v1/mentors/:id/allowances': '/v1/mentors/q-m/allowances',
  '/v1/organisations': '/v1/organisations',
  '/v1/organisations/:id': '/v1/organisations/q-s',
  '/v1/organisations/:id/partnerships': '/v1/organisations/q-s/partnerships',
  '/v1/placements': `/v1/placements?academicYearId=${YEAR.academicYearId}`,
  '/v1/placements/:id': '/v1/placements/q-pl',
  [`/v1/programs/:programId/enrollments`]: `/v1/programs/${PROGRAM}/enrollments`,
  '/v1/schools/:id/classrooms': '/v1/schools/q-s/classrooms',
  '/v1/schools/:id/hosting-interest': `/v1/schools/q-s/hosting-interest?academicYearId=${YEAR.academicYearId}`,
  '/v1/schools/:id/students': '/v1/schools/q-s/students?asOf=2025-10-01',
  '/v1/schools/:id/work': '/v1/schools/q-s/work?from=2025-09-01&to=2026-09-01',
  '/v1/students/:id': '/v1/students/q-st',
  '/v1/students/:id/work': '/v1/students/q-st/work?from=2025-09-01&to=2026-09-01',
  '/v1/subjects': '/v1/subjects',
  '/v1/users/:id': '/v1/users/q-u',
};

/** Single resources: an unknown id is 404 NotFound. */
const SINGLE = ['/v1/academic-years/:id', '/v1/claims/:id', '/v1/claims/:id/history', '/v1/organisations/:id', '/v1/placements/:id', '/v1/students/:id', '/v1/users/:id'];

describe('The query contract on every read-model query (embedded backend)', () => {
  let app: TestApp;
  let head = '0';
  const ok = async (name: string, body: object, actingUser?: string) => {
    const answer = expectOk(await app.command(name, body, actingUser ? { headers: { 'X-Acting-User': actingUser } } : {}));
    if (answer.body.position) head = answer.body.position;
    return answer.body;
  };
  const withParam = (path: string, param: string) => `${path}${path.includes('?') ? '&' : '?'}${param}`;

  beforeAll(async () => {
    app = await TestApp.start();
    await ok('RegisterOrganisation', { organisationId: 'q-d', type: 'district', name: 'District' });
    await ok('RegisterOrganisation', { organisationId: 'q-s', type: 'school', name: 'School', parentId: 'q-d', fundingRegion: 'fringe' });
    await ok('RegisterOrganisation', { organisationId: 'q-p', type: 'provider', name: 'Provider', accredited: true });
    await ok('DefineAcademicYear', YEAR);
    await ok('RegisterUser', { userId: 'q-u', email: 'q-u@school.example', givenName: 'Q', familyName: 'U', service: 'claims' });
    await ok('GrantMembership', { userId: 'q-u', organisationId: 'q-s', role: 'school_contact' });
    for (const service of ['claims', 'placements']) await ok('OnboardOrganisation', { organisationId: 'q-s', service });
    await ok('AddOrganisationContact', { organisationId: 'q-s', contactId: 'q-lead', givenName: 'Pat', familyName: 'Lead', email: 'lead@q-s.example' });
    await ok('GrantSchoolEligibility', { schoolId: 'q-s', academicYearId: YEAR.academicYearId });
    await ok('AcceptGrantConditions', { schoolId: 'q-s' }, 'q-u');
    await ok('RegisterMentor', { mentorId: 'q-m', trn: '7654321', givenName: 'M', familyName: 'Entor' });
    await ok('AddMentorToSchool', { mentorId: 'q-m', schoolId: 'q-s' });
    await ok('DefineClaimWindow', { claimWindowId: 'q-w', academicYearId: YEAR.academicYearId, startsOn: `${startYear + 1}-06-01`, endsOn: `${startYear + 1}-06-30` });
    await ok('DraftClaim', { claimId: 'q-claim', schoolId: 'q-s', providerId: 'q-p', academicYearId: YEAR.academicYearId, mentorTrainings: [{ mentorId: 'q-m', hours: 4, trainingType: 'initial' }] }, 'q-u');
    await ok('DefineSubject', { subjectId: 'q-maths', name: 'Mathematics', code: 'Q-G1', phase: 'secondary' });
    await ok('RecordHostingInterest', { schoolId: 'q-s', academicYearId: YEAR.academicYearId, appetite: 'actively_looking' });
    await ok('CreatePlacement', { placementId: 'q-pl', schoolId: 'q-s', academicYearId: YEAR.academicYearId, subjectId: 'q-maths' });
    await ok('FormPartnership', { schoolId: 'q-s', providerId: 'q-p' });
    await ok('RegisterStudent', { studentId: 'q-st', districtId: 'q-d', username: 'q-st', givenName: 'S', familyName: 'T' });
    await ok('AdmitStudentToSchool', { studentId: 'q-st', schoolId: 'q-s', entryDate: '2025-09-01', entryGradeLevel: '05' });
    await ok('CreateClassroom', { classroomId: 'q-c', schoolId: 'q-s', title: 'Class', classType: 'homeroom' });
    await ok('EnrollInClassroom', { enrollmentId: 'q-e', classroomId: 'q-c', role: 'student', studentId: 'q-st', beginDate: '2025-09-01' });
    await ok('RecordStudentWork', { studentId: 'q-st', workId: 'q-w1', completedAt: '2025-09-10T10:00:00Z', activity: 'quiz', minutes: 5 });
    await ok('EnrollInProgram', { programId: PROGRAM, curriculumId: CURRICULUM, status: 'pending', studentId: 'q-st' });
  });
  afterAll(() => app.stop());

  it('the list below covers every GET query of the read models (a new query must join it)', () => {
    expect(Object.keys(QUERIES).sort()).toEqual(queryRoutes());
  });

  it('every query answers 200 with X-Position, a position at or past the last command when asked for minPosition', async () => {
    const answers = await Promise.all(
      Object.entries(QUERIES).map(async ([route, path]) => {
        const answer = await app.get(path, { minPosition: head });
        const position = answer.headers.get('x-position');
        return { route, status: answer.status, position: position !== null && /^\d+$/.test(position) && BigInt(position) >= BigInt(head) };
      }),
    );
    expect(answers).toEqual(Object.keys(QUERIES).map((route) => ({ route, status: 200, position: true })));
  });

  it('a single resource that does not exist is 404 NotFound, still with X-Position', async () => {
    const answers = await Promise.all(
      SINGLE.map(async (route) => {
        const answer = await app.get(route.replace(':id', 'q-nothing'));
        return { route, status: answer.status, error: answer.body.error, position: /^\d+$/.test(answer.headers.get('x-position') ?? '') };
      }),
    );
    expect(answers).toEqual(SINGLE.map((route) => ({ route, status: 404, error: 'NotFound', position: true })));
  });

  it('every list pages: limit=1001 and limit=0 are 400 ValidationFailed naming limit; limit=1000 is fine and X-Total-Count counts', async () => {
    const lists: string[] = [];
    for (const [route, path] of Object.entries(QUERIES)) {
      const answer = await app.get(path, { minPosition: head });
      if (!Array.isArray(answer.body.items) || answer.headers.get('x-total-count') === null) continue;
      lists.push(route);
      for (const limit of ['1001', '0', 'ten']) {
        const refused = await app.get(withParam(path, `limit=${limit}`));
        expect({ route, limit, status: refused.status, error: refused.body.error, fields: refused.body.details?.map((d: { field: string }) => d.field) }).toEqual({
          route, limit, status: 400, error: 'ValidationFailed', fields: ['limit'],
        });
      }
      const full = await app.get(withParam(path, 'limit=1000'));
      expect({ route, status: full.status, total: Number(full.headers.get('x-total-count')) >= full.body.items.length }).toEqual({ route, status: 200, total: true });
    }
    expect(lists.length).toBeGreaterThanOrEqual(10);
  });

  it('X-Min-Position (the header form of minPosition): a read waits for the write it names; beyond the log it is 503 ProjectionBehind', async () => {
    const renamed = await ok('UpdateOrganisation', { organisationId: 'q-p', name: `Provider ${Date.now()}` });
    const seen = await app.request('GET', '/v1/organisations/q-p', { headers: { 'X-Min-Position': renamed.position } });
    expect([seen.status, seen.body.name, BigInt(seen.headers.get('x-position')!) >= BigInt(renamed.position)]).toEqual([200, expect.stringMatching(/^Provider \d+$/), true]);

    const beyond = (BigInt(renamed.position) + 1_000_000n).toString();
    const behind = await app.request('GET', '/v1/organisations/q-p', { headers: { 'X-Min-Position': beyond } });
    expect([behind.status, behind.body.error, behind.headers.get('retry-after')]).toEqual([503, 'ProjectionBehind', '1']);
    expect(BigInt(behind.headers.get('x-position') ?? '-1')).toBeGreaterThanOrEqual(BigInt(renamed.position));
    const bad = await app.request('GET', '/v1/organisations/q-p', { headers: { 'X-Min-Position': 'soon' } });
    expect([bad.status, bad.body.error, bad.body.details.map((d: { field: string }) => d.field)]).toEqual([400, 'ValidationFailed', ['minPosition']]);
  }, 15_000);
});
