import { parse } from 'csv-parse/sync';
import { routeTable } from '../support/route-table';
import { TestApp, TOKENS } from '../support/test-app';
import { A, B, buildTwoDistricts, PROGRAM, PUBLISHED_IN_B, WINDOW, YEAR } from '../support/two-districts';

/**
 * Every scoped read route, asked by district A's token for a thing of district A (answered) and
 * the same thing of district B (404 like a missing resource, or an empty or filtered list).
 */
type Expect404 = { out: 404; missing: string };
type ExpectEmpty = { out: 'empty' };
type ExpectNational = { out: 'national'; method?: 'POST' };
type ExpectFiltered = { out: 'filtered'; ids: (items: any[]) => string[]; mine: string[]; theirs: string[] };
type Case = { route: string; token?: string; inScope: string; outOfScope: string } & (Expect404 | ExpectEmpty | ExpectFiltered | ExpectNational);

const PERIOD = 'from=2025-09-01&to=2026-06-30';
const CASES: Case[] = [
  { route: 'GET /v1/districts/:id/students', inScope: `/v1/districts/${A.district}/students`, outOfScope: `/v1/districts/${B.district}/students`, out: 'empty' },
  { route: 'GET /v1/schools/:id/students', inScope: `/v1/schools/${A.school}/students`, outOfScope: `/v1/schools/${B.school}/students`, out: 'empty' },
  { route: 'GET /v1/schools/:id/classrooms', inScope: `/v1/schools/${A.school}/classrooms`, outOfScope: `/v1/schools/${B.school}/classrooms`, out: 'empty' },
  { route: 'GET /v1/organisations/:id/partnerships', inScope: `/v1/organisations/${A.school}/partnerships`, outOfScope: `/v1/organisations/${B.school}/partnerships`, out: 'empty' },
  { route: 'GET /v1/classrooms/:id/roster', inScope: `/v1/classrooms/${A.classroom}/roster`, outOfScope: `/v1/classrooms/${B.classroom}/roster`, out: 404, missing: '/v1/classrooms/cl-none/roster' },
  { route: 'GET /v1/classrooms/:id/work', inScope: `/v1/classrooms/${A.classroom}/work?${PERIOD}`, outOfScope: `/v1/classrooms/${B.classroom}/work?${PERIOD}`, out: 404, missing: `/v1/classrooms/cl-none/work?${PERIOD}` },
  { route: 'GET /v1/schools/:id/work', inScope: `/v1/schools/${A.school}/work?${PERIOD}`, outOfScope: `/v1/schools/${B.school}/work?${PERIOD}`, out: 404, missing: `/v1/schools/s-none/work?${PERIOD}` },
  { route: 'GET /v1/students/:id/work', inScope: `/v1/students/${A.student}/work?${PERIOD}`, outOfScope: `/v1/students/${B.student}/work?${PERIOD}`, out: 404, missing: `/v1/students/st-none/work?${PERIOD}` },
  { route: 'GET /v1/students/:id', inScope: `/v1/students/${A.student}`, outOfScope: `/v1/students/${B.student}`, out: 404, missing: '/v1/students/st-none' },
  { route: 'GET /v1/users/:id', inScope: `/v1/users/${A.user}`, outOfScope: `/v1/users/${B.user}`, out: 404, missing: '/v1/users/u-none' },
  { route: 'GET /v1/organisations/:id', inScope: `/v1/organisations/${A.school}`, outOfScope: `/v1/organisations/${B.school}`, out: 404, missing: '/v1/organisations/o-none' },
  { route: 'GET /v1/schools/:id/hosting-interest', inScope: `/v1/schools/${A.school}/hosting-interest?academicYearId=${YEAR}`, outOfScope: `/v1/schools/${B.school}/hosting-interest?academicYearId=${YEAR}`, out: 404, missing: `/v1/schools/s-none/hosting-interest?academicYearId=${YEAR}` },
  { route: 'GET /v1/claims/:id', inScope: `/v1/claims/${A.claim}`, outOfScope: `/v1/claims/${B.claim}`, out: 404, missing: '/v1/claims/c-none' },
  { route: 'GET /v1/claims/:id/history', inScope: `/v1/claims/${A.claim}/history`, outOfScope: `/v1/claims/${B.claim}/history`, out: 404, missing: '/v1/claims/c-none/history' },
  { route: 'GET /v1/mentors/:id/allowances', inScope: `/v1/mentors/${A.mentor}/allowances`, outOfScope: `/v1/mentors/${B.mentor}/allowances`, out: 404, missing: '/v1/mentors/m-none/allowances' },
  { route: 'GET /v1/placements/:id', inScope: `/v1/placements/${A.placement}`, outOfScope: `/v1/placements/${B.placement}`, out: 404, missing: '/v1/placements/pl-none' },
  { route: 'GET /v1/claim-windows/:id/totals', inScope: `/v1/claim-windows/${WINDOW}/totals`, outOfScope: `/v1/claim-windows/${WINDOW}/totals`, out: 'national' },
  { route: 'GET /v1/audit/disclosures', token: TOKENS.auditorA, inScope: `/v1/audit/disclosures?studentId=${A.student}`, outOfScope: '/v1/audit/disclosures', out: 'national' },
  { route: 'POST /v1/imports/claims/:kind', inScope: '/v1/imports/claims/sampling', outOfScope: '/v1/imports/claims/sampling', out: 'national', method: 'POST' },
  {
    route: 'GET /v1/claim-windows/:id/payments.csv', inScope: `/v1/claim-windows/${WINDOW}/payments.csv`, outOfScope: `/v1/claim-windows/${WINDOW}/payments.csv`, out: 'filtered',
    ids: (rows) => rows.map((r) => r.school_name), mine: ['School a'], theirs: ['School b'],
  },
  // Neither district has a clawback yet: the file answers, with its header only (claims-csv.e2e.spec.ts filters real ones).
  { route: 'GET /v1/claims/clawbacks.csv', inScope: '/v1/claims/clawbacks.csv', outOfScope: `/v1/claims/clawbacks.csv?claimWindowId=${WINDOW}`, out: 'filtered', ids: (rows) => rows.map((r) => r.school_name), mine: [], theirs: [] },
  {
    route: 'GET /v1/organisations', inScope: '/v1/organisations', outOfScope: `/v1/organisations?parentId=${B.district}`, out: 'filtered',
    ids: (items) => items.map((o) => o.organisationId), mine: [A.district, A.school], theirs: [B.district, B.school, A.provider],
  },
  {
    route: 'GET /v1/claims', inScope: '/v1/claims', outOfScope: `/v1/claims?schoolId=${B.school}`, out: 'filtered',
    ids: (items) => items.map((c) => c.claimId), mine: [A.claim], theirs: [B.claim],
  },
  {
    route: 'GET /v1/placements', inScope: '/v1/placements', outOfScope: `/v1/placements?schoolId=${B.school}`, out: 'filtered',
    ids: (items) => items.map((p) => p.placementId), mine: [A.placement, PUBLISHED_IN_B], theirs: [B.placement],
  },
  {
    route: 'GET /v1/programs/:programId/enrollments', inScope: `/v1/programs/${PROGRAM}/enrollments`, outOfScope: `/v1/programs/${PROGRAM}/enrollments?linked=true`, out: 'filtered',
    ids: (items) => items.map((e) => e.programEnrollmentId), mine: [A.programEnrollment], theirs: [B.programEnrollment],
  },
  { route: 'GET /v1/audit/streams/:streamId', token: TOKENS.auditorA, inScope: `/v1/audit/streams/student-${A.student}`, outOfScope: `/v1/audit/streams/student-${B.student}`, out: 404, missing: '/v1/audit/streams/student-st-none' },
  { route: 'GET /v1/audit/streams/:streamId/verify', token: TOKENS.auditorA, inScope: `/v1/audit/streams/student-${A.student}/verify`, outOfScope: `/v1/audit/streams/student-${B.student}/verify`, out: 404, missing: '/v1/audit/streams/student-st-none/verify' },
  { route: 'GET /v1/audit/aggregates/:type/:id', token: TOKENS.auditorA, inScope: `/v1/audit/aggregates/student/${A.student}`, outOfScope: `/v1/audit/aggregates/student/${B.student}`, out: 404, missing: '/v1/audit/aggregates/student/st-none' },
  {
    route: 'GET /v1/audit/events', token: TOKENS.auditorA, inScope: '/v1/audit/events?limit=1000', outOfScope: '/v1/audit/events?limit=1000&type=StudentRegistered', out: 'filtered',
    ids: (items) => items.map((e) => e.data.studentId).filter(Boolean), mine: [A.student], theirs: [B.student],
  },
];

describe('The scope matrix: each route with an in-scope and an out-of-scope token', () => {
  let app: TestApp;
  let position: string;
  beforeAll(async () => {
    app = await TestApp.start();
    position = await buildTwoDistricts(app);
  }, 60_000);
  afterAll(() => app.stop());

  it('covers every scoped route of the route table (a new route needs its row here)', () => {
    const scoped = routeTable(app.app).filter((r) => r.scope && !['unscoped', 'command'].includes(r.scope.kind)).map((r) => `${r.method} ${r.path}`);
    expect(CASES.map((c) => c.route).sort()).toEqual([...new Set(scoped)].sort());
  });

  it.each(CASES.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
    const token = c.token ?? TOKENS.districtA;
    if (c.out === 'national') {
      // National data (a window's totals, every district's disclosures, imports): tokens with *; others get what a missing thing gets (403 for a POST).
      const star = c.token ? TOKENS.auditor : TOKENS.admin;
      if (c.method === 'POST') {
        const answer = await app.request('POST', c.inScope, { token, raw: 'PK', headers: { 'content-type': 'application/zip' } });
        expect([answer.status, answer.body.error]).toEqual([403, 'Forbidden']);
        expect((await app.request('POST', c.inScope, { token: star, raw: 'PK', headers: { 'content-type': 'application/zip' } })).status).not.toBe(403);
        return;
      }
      const scoped = await app.get(c.inScope, { token });
      expect([scoped.status, scoped.body.error]).toEqual([404, 'NotFound']);
      expect((await app.get(c.inScope, { token: star })).status).toBe(200);
      return;
    }
    const mine = await app.get(c.inScope, { minPosition: c.route.startsWith('GET /v1/audit') ? undefined : position, token });
    const theirs = await app.get(c.outOfScope, { token });
    expect(mine.status).toBe(200);
    switch (c.out) {
      case 404: {
        const missing = await app.get(c.missing, { token: TOKENS.admin });
        expect([theirs.status, theirs.body.error]).toEqual([404, 'NotFound']);
        expect([missing.status, missing.body.error]).toEqual([404, 'NotFound']);
        // The same resource is there for a token that sees everything.
        expect((await app.get(c.outOfScope, { token: c.token ? TOKENS.auditor : TOKENS.dashboard })).status).toBe(200);
        break;
      }
      case 'empty':
        expect(mine.body.items.length).toBeGreaterThan(0);
        expect([theirs.status, theirs.body.items, theirs.headers.get('x-total-count')]).toEqual([200, [], '0']);
        expect(theirs.headers.get('x-position')).toMatch(/^\d+$/);
        expect((await app.get(c.outOfScope, { token: TOKENS.dashboard })).body.items.length).toBeGreaterThan(0);
        break;
      case 'filtered': {
        // A CSV file's rows, by column name, stand for a list's items.
        const items = (body: any) => (typeof body === 'string' ? parse(body, { columns: true }) : body.items);
        const ids = c.ids(items(mine.body));
        expect(ids).toEqual(expect.arrayContaining(c.mine));
        for (const id of c.theirs) expect(ids).not.toContain(id);
        for (const id of c.theirs) expect(c.ids(items(theirs.body))).not.toContain(id);
        if (mine.headers.get('x-total-count') !== null) expect(Number(mine.headers.get('x-total-count'))).toBe(mine.body.items.length);
        const everything = c.ids(items((await app.get(c.inScope, { token: c.token ? TOKENS.auditor : TOKENS.dashboard })).body));
        expect(everything).toEqual(expect.arrayContaining([...c.mine, ...c.theirs]));
        break;
      }
    }
  });

  describe('commands: each kind of rule, in scope and out of scope', () => {
    const as = (token: string) => ({ token });
    const expectForbidden = (answer: { status: number; body: any }) => expect([answer.status, answer.body.error]).toEqual([403, 'Forbidden']);

    it('an aggregate: its owners from its stream (a student of district B is out of district A\'s reach)', async () => {
      expect((await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'Lea' }, as(TOKENS.districtA))).status).toBe(200);
      expectForbidden(await app.command('UpdateStudentDetails', { studentId: B.student, givenName: 'Mallory' }, as(TOKENS.districtA)));
      // A school's token covers the students who attend it; a district's covers its schools' classrooms.
      expect((await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'Lee' }, as(TOKENS.schoolA))).status).toBe(200);
      expect((await app.command('UpdateClassroom', { classroomId: A.classroom, title: 'Maths A' }, as(TOKENS.districtA))).status).toBe(200);
      expectForbidden(await app.command('UpdateClassroom', { classroomId: B.classroom, title: 'Mine now' }, as(TOKENS.districtA)));
      // A claim is its provider's too.
      expect((await app.command('DeleteClaim', { claimId: B.claim }, as(TOKENS.providerA))).status).toBe(403);
    });

    it('a create: the organisation it names', async () => {
      expect((await app.command('RegisterStudent', { studentId: 'st-a-new', districtId: A.district, username: 'new-a', givenName: 'N', familyName: 'A' }, as(TOKENS.districtA))).status).toBe(200);
      expectForbidden(await app.command('RegisterStudent', { studentId: 'st-b-new', districtId: B.district, username: 'new-b', givenName: 'N', familyName: 'B' }, as(TOKENS.districtA)));
      // An id already taken in district B is not district A's to "create" either.
      expectForbidden(await app.command('RegisterStudent', { studentId: B.student, districtId: A.district, username: 'steal', givenName: 'S', familyName: 'B' }, as(TOKENS.districtA)));
      expectForbidden(await app.command('CreateClassroom', { classroomId: 'cl-b-new', schoolId: B.school, title: 'X', classType: 'scheduled' }, as(TOKENS.districtA)));
    });

    it('organisations named by the command: admitting district A\'s student to district B\'s school is refused', async () => {
      expectForbidden(await app.command('AdmitStudentToSchool', { studentId: A.student, schoolId: B.school, entryDate: '2025-10-01', entryGradeLevel: '09' }, as(TOKENS.districtA)));
    });

    it('national work: tokens with * only', async () => {
      expectForbidden(await app.command('DefineAcademicYear', { academicYearId: 'y-x', name: 'X', startsOn: '2030-09-01', endsOn: '2031-08-31' }, as(TOKENS.districtA)));
      expectForbidden(await app.command('RequestClaimPayments', { claimWindowId: WINDOW }, as(TOKENS.districtA)));
      expectForbidden(await app.command('RegisterOrganisation', { organisationId: 'd-c', type: 'district', name: 'C' }, as(TOKENS.districtA)));
    });

    it('new things nobody owns yet (a user before any membership) may be created by any token', async () => {
      expect((await app.command('RegisterUser', { userId: 'u-a-new', email: 'new@school-a.example', givenName: 'N', familyName: 'U', service: 'claims' }, as(TOKENS.districtA))).status).toBe(200);
      expect((await app.command('GrantMembership', { userId: 'u-a-new', organisationId: A.school, role: 'teacher' }, as(TOKENS.districtA))).status).toBe(200);
      expectForbidden(await app.command('GrantMembership', { userId: 'u-a-new', organisationId: B.school, role: 'teacher' }, as(TOKENS.districtA)));
    });
  });
});
