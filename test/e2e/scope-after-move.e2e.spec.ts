import { TEST_METADATA } from '../support/event-builders';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { newId } from '../../src/shared/ids';
import { Answer, expectOk, TestApp, TOKENS } from '../support/test-app';
import { A, B, buildTwoDistricts } from '../support/two-districts';

/** Scope checks remember organisations' ancestors; a school that moves to another district must move its tokens' rights with it at once. */
describe('Scopes after a school moves to another district', () => {
  let app: TestApp;
  let position: string;
  let n = 0;
  const createClassroom = (token: string) => app.command('CreateClassroom', { classroomId: `cl-move-${n++}`, schoolId: A.school, title: 'Moved', classType: 'scheduled' }, { token });
  const status = (answer: Answer) => [answer.status, answer.body.error];
  beforeAll(async () => {
    app = await TestApp.start();
    position = await buildTwoDistricts(app);
  }, 60_000);
  afterAll(() => app.stop());

  it("moved by a command: the old district's token is refused at once, the new one's accepted, for commands and reads", async () => {
    expectOk(await createClassroom(TOKENS.districtA));
    expect(status(await createClassroom(TOKENS.districtB))).toEqual([403, 'Forbidden']);
    const before = await app.get(`/v1/schools/${A.school}/classrooms`, { token: TOKENS.districtA, minPosition: position });
    expect(before.body.items.length).toBeGreaterThan(0);

    position = expectOk(await app.command('UpdateOrganisation', { organisationId: A.school, parentId: B.district })).body.position;
    expect(status(await createClassroom(TOKENS.districtA))).toEqual([403, 'Forbidden']);
    expectOk(await createClassroom(TOKENS.districtB));
    const after = await app.get(`/v1/schools/${A.school}/classrooms`, { token: TOKENS.districtA, minPosition: position });
    expect([after.status, after.body.items]).toEqual([200, []]);
  });

  it('moved by another writer of the log (another replica, the command line): the change is followed from the log', async () => {
    expectOk(await createClassroom(TOKENS.districtB));
    const store = app.app.get<EventStore>(EVENT_STORE);
    await store.append(`organisation-${A.school}`, [{ eventId: newId(), type: 'OrganisationUpdated', data: { organisationId: A.school, parentId: A.district }, metadata: TEST_METADATA }], 'any');
    const deadline = Date.now() + 5_000;
    let answer = await createClassroom(TOKENS.districtB);
    while (answer.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer = await createClassroom(TOKENS.districtB);
    }
    expect(status(answer)).toEqual([403, 'Forbidden']);
    expectOk(await createClassroom(TOKENS.districtA));
  });
});
