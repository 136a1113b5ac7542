import { expectOk, TestApp } from '../support/test-app';

describe('Subject moves racing into a cycle (embedded backend)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.stop());

  it('A under B and B under A, fired at once 20 times with fresh subjects: never both succeed', async () => {
    let last = '0';
    for (let round = 0; round < 20; round++) {
      const [a, b] = [`a-${round}`, `b-${round}`];
      expectOk(await app.command('DefineSubject', { subjectId: a, name: `A ${round}`, code: `A${round}`, phase: 'secondary' }));
      expectOk(await app.command('DefineSubject', { subjectId: b, name: `B ${round}`, code: `B${round}`, phase: 'secondary' }));
      const answers = await Promise.all([
        app.command('MoveSubject', { subjectId: a, parentSubjectId: b }),
        app.command('MoveSubject', { subjectId: b, parentSubjectId: a }),
      ]);
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 409]);
      expect(answers.find((answer) => answer.status === 409)!.body.error).toBe('SubjectHierarchyCycle');
      last = answers.find((answer) => answer.status === 200)!.body.position;
    }
    // The tree as read back: every pair is one subject under the other, never a loop.
    const tree = await app.get('/v1/subjects?limit=1000', { minPosition: last });
    expect(tree.body.items).toHaveLength(20);
    for (const root of tree.body.items) expect(root.children).toEqual([expect.objectContaining({ parentSubjectId: root.subjectId, children: [] })]);
  });
});
