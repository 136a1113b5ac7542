import { IDEMPOTENCY_STORE, IdempotencyStore } from '../../src/http/idempotency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { Answer, expectOk, TestApp, TOKENS } from '../support/test-app';
import { A, B, buildTwoDistricts } from '../support/two-districts';

/** The attacks of the security review (A1, A2, Integrity), replayed against the service: none gets through now. */
describe('Security review attacks, replayed', () => {
  let app: TestApp;
  let position: string;
  const refused = (answer: Answer, status: number, error: string) => expect([answer.status, answer.body.error]).toEqual([status, error]);
  beforeAll(async () => {
    app = await TestApp.start();
    position = await buildTwoDistricts(app);
  }, 60_000);
  afterAll(() => app.stop());

  describe('A1: organisation scopes were not enforced', () => {
    it("a district-A reports token no longer lists or reads district B's students", async () => {
      const list = await app.get(`/v1/districts/${B.district}/students`, { token: TOKENS.districtA, minPosition: position });
      expect([list.status, list.body.items, list.headers.get('x-total-count')]).toEqual([200, [], '0']);
      const record = await app.get(`/v1/students/${B.student}`, { token: TOKENS.districtA });
      refused(record, 404, 'NotFound');
      expect(JSON.stringify(record.body)).not.toContain('Learner b');
    });

    it("a district-A commands token can no longer change district B's student", async () => {
      refused(await app.command('UpdateStudentDetails', { studentId: B.student, givenName: 'Changed' }, { token: TOKENS.districtA }), 403, 'Forbidden');
      const record = await app.get(`/v1/students/${B.student}`, { token: TOKENS.admin, minPosition: position });
      expect(record.body.givenName).toBe('Lee');
    });

    it('a scoped audit token no longer reads every stream', async () => {
      refused(await app.get(`/v1/audit/streams/student-${B.student}`, { token: TOKENS.auditorA }), 404, 'NotFound');
      refused(await app.get(`/v1/audit/streams/claim-${B.claim}`, { token: TOKENS.auditorA }), 404, 'NotFound');
      const feed = await app.get('/v1/audit/events?limit=1000', { token: TOKENS.auditorA });
      expect(feed.status).toBe(200);
      const streams = feed.body.items.map((e: { data: Record<string, unknown> }) => JSON.stringify(e.data));
      for (const theirs of [B.student, B.school, B.claim, B.user, B.district]) expect(streams.join('\n')).not.toContain(`"${theirs}"`);
    });
  });

  describe('A2: any commands token could make itself a support user and approve its own clawback', () => {
    it('granting the support role needs an admin token, whatever the organisations', async () => {
      expectOk(await app.command('RegisterUser', { userId: 'u-x', email: 'x@education.gov.uk', givenName: 'X', familyName: 'X', service: 'claims' }, { token: TOKENS.districtA }));
      refused(await app.command('GrantMembership', { userId: 'u-x', organisationId: A.district, role: 'support' }, { token: TOKENS.districtA }), 403, 'Forbidden');
      refused(await app.command('GrantMembership', { userId: 'u-x', organisationId: A.district, role: 'support' }, { token: TOKENS.sis }), 403, 'Forbidden');
    });

    it('X-Acting-User is refused from a token without actingUsers', async () => {
      const answer = await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'Lee' }, { token: TOKENS.service, headers: { 'X-Acting-User': A.user } });
      refused(answer, 403, 'ActingUserNotAllowed');
    });

    it('the acting user must exist, be active and be a member within the token\'s organisations; support users only for * tokens', async () => {
      const as = (user: string, token = TOKENS.districtA) => app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'Lee' }, { token, headers: { 'X-Acting-User': user } });
      refused(await as('u-nobody'), 403, 'UnknownActingUser');
      refused(await as(B.user), 403, 'UnknownActingUser');
      expectOk(await as(A.user));
      expectOk(await app.command('RegisterUser', { userId: 'u-support', email: 'help@education.gov.uk', givenName: 'S', familyName: 'S', service: 'claims' }));
      expectOk(await app.command('GrantMembership', { userId: 'u-support', organisationId: A.district, role: 'support' }));
      refused(await as('u-support'), 403, 'UnknownActingUser');
      expectOk(await as('u-support', TOKENS.sis));
      expectOk(await app.command('RegisterUser', { userId: 'u-gone', email: 'gone@school-a.example', givenName: 'G', familyName: 'G', service: 'claims' }));
      expectOk(await app.command('GrantMembership', { userId: 'u-gone', organisationId: A.school, role: 'teacher' }));
      expectOk(await app.command('DeactivateUser', { userId: 'u-gone' }));
      refused(await as('u-gone'), 403, 'UnknownActingUser');
    });

    it('the clawback: a support user the token invented cannot be named, and approver ≠ requester cannot be skipped by leaving the header out', async () => {
      refused(await app.command('RequestClawback', { claimId: A.claim, mentors: [{ mentorId: A.mentor, hoursKept: 1, reason: 'r' }] }, { token: TOKENS.districtA, headers: { 'X-Acting-User': 'u-x' } }), 403, 'UnknownActingUser');
      refused(await app.command('ApproveClawback', { claimId: A.claim }, { token: TOKENS.sis }), 403, 'ActingUserRequired');
    });

    it('"no self-revocation" cannot be skipped by leaving the header out', async () => {
      expectOk(await app.command('GrantMembership', { userId: A.user, organisationId: A.school, role: 'administrator' }));
      refused(await app.command('RevokeMembership', { userId: A.user, organisationId: A.school, role: 'administrator' }, { token: TOKENS.districtA }), 403, 'ActingUserRequired');
      refused(
        await app.command('RevokeMembership', { userId: A.user, organisationId: A.school, role: 'administrator' }, { token: TOKENS.districtA, headers: { 'X-Acting-User': A.user } }),
        403,
        'CannotRevokeOwnMembership',
      );
    });
  });

  describe('Integrity: idempotency keys could swallow writes', () => {
    it("token B's write with a key token A used on the same aggregate is executed, not answered with A's events", async () => {
      const key = { 'Idempotency-Key': 'shared-key-1' };
      expectOk(await app.command('UpdateStudentDetails', { studentId: A.student, familyName: 'By sis' }, { token: TOKENS.sis, headers: key }));
      const other = expectOk(await app.command('UpdateStudentDetails', { studentId: A.student, familyName: 'By district' }, { token: TOKENS.districtA, headers: key }));
      expect(other.body.events).toEqual([{ type: 'StudentDetailsUpdated', revision: expect.any(Number) }]);
      const record = await app.get(`/v1/students/${A.student}`, { minPosition: other.body.position });
      expect(record.body.familyName).toBe('By district');
    });

    it('the same key with another body is 422 also after the 48 hours, and also when only the stream remembers the key', async () => {
      const key = { 'Idempotency-Key': 'reused-after-48h' };
      expectOk(await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'First' }, { token: TOKENS.sis, headers: key }));
      const store = app.app.get<IdempotencyStore>(IDEMPOTENCY_STORE);
      const realNow = Date.now;
      try {
        Date.now = () => realNow() + 49 * 3600 * 1000;
        expect(await store.purgeExpired()).toBeGreaterThan(0);
      } finally {
        Date.now = realNow;
      }
      refused(await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'Second' }, { token: TOKENS.sis, headers: key }), 422, 'IdempotencyKeyReused');

      // Without even the HTTP record (a lost read store), the key in the stream's metadata still refuses another body.
      const documents = app.app.get<DocumentStore>(DOCUMENT_STORE);
      for (const entry of await documents.collection('idempotency_keys').entries({ limit: 1000 })) await documents.collection('idempotency_keys').delete(entry.id);
      refused(await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'Second' }, { token: TOKENS.sis, headers: key }), 422, 'IdempotencyKeyReused');
      // The same request is still answered as the first time, appending nothing.
      const again = expectOk(await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'First' }, { token: TOKENS.sis, headers: key }));
      expect(again.body.events).toEqual([{ type: 'StudentDetailsUpdated', revision: expect.any(Number) }]);
      const history = await app.get(`/v1/audit/streams/student-${A.student}`);
      expect(history.body.items.filter((e: { metadata: { idempotencyKey?: string } }) => e.metadata.idempotencyKey === 'reused-after-48h')).toHaveLength(1);
    });
  });
});
