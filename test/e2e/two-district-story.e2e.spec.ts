import { expectOk, TestApp, TOKENS } from '../support/test-app';
import { A, B, buildTwoDistricts, PROGRAM } from '../support/two-districts';

/** Two districts on one service: district A's tokens see and change district A only. */
describe('A two-district story over HTTP', () => {
  let app: TestApp;
  let position: string;
  beforeAll(async () => {
    app = await TestApp.start();
    position = await buildTwoDistricts(app);
  }, 60_000);
  afterAll(() => app.stop());

  it("district A's token sees and changes only district A; its counts exclude district B; its audit answers hold no event of district B", async () => {
    const asA = { token: TOKENS.districtA };
    // It changes its own student, and is refused district B's.
    const changed = expectOk(await app.command('UpdateStudentDetails', { studentId: A.student, preferredName: 'Lee A' }, asA));
    const refused = await app.command('UpdateStudentDetails', { studentId: B.student, preferredName: 'Mallory' }, asA);
    expect([refused.status, refused.body.error]).toEqual([403, 'Forbidden']);
    position = changed.body.position;

    // It reads its own and not district B's, which answers as if missing.
    expect((await app.get(`/v1/students/${A.student}`, { ...asA, minPosition: position })).body.preferredName).toBe('Lee A');
    expect((await app.get(`/v1/students/${B.student}`, asA)).status).toBe(404);
    expect((await app.get(`/v1/students/${B.student}`, { token: TOKENS.admin })).body.preferredName).toBeNull();

    // Its counts exclude district B: claims, organisations, program enrollments.
    const counts = async (path: string, token: string) => Number((await app.get(path, { token, minPosition: position })).headers.get('x-total-count'));
    expect([await counts('/v1/claims', TOKENS.districtA), await counts('/v1/claims', TOKENS.admin)]).toEqual([1, 2]);
    expect([await counts(`/v1/programs/${PROGRAM}/enrollments`, TOKENS.districtA), await counts(`/v1/programs/${PROGRAM}/enrollments`, TOKENS.admin)]).toEqual([1, 2]);
    expect(await counts(`/v1/districts/${B.district}/students`, TOKENS.districtA)).toBe(0);
    expect(await counts(`/v1/districts/${A.district}/students`, TOKENS.districtA)).toBe(1);
    const organisations = (await app.get('/v1/organisations', { ...asA, minPosition: position })).body.items.map((o: { organisationId: string }) => o.organisationId);
    expect(organisations.sort()).toEqual([A.district, A.school]);

    // Its audit answers hold no event of district B, however far it pages.
    const seen: string[] = [];
    let from = '0';
    for (let page = 0; page < 50; page++) {
      const feed = await app.get(`/v1/audit/events?fromPosition=${from}&limit=100`, { token: TOKENS.auditorA });
      expect(feed.status).toBe(200);
      for (const event of feed.body.items) seen.push(JSON.stringify(event));
      if (feed.body.nextPosition === from) break;
      from = feed.body.nextPosition;
    }
    expect(seen.length).toBeGreaterThan(5);
    for (const theirs of [B.district, B.school, B.student, B.claim, B.user, B.classroom, B.placement, B.mentor]) {
      expect(seen.filter((line) => line.includes(`"${theirs}"`))).toEqual([]);
    }
    expect(seen.some((line) => line.includes(`"${A.student}"`))).toBe(true);
  });
});
