import { ZipFile } from 'yazl';
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

  describe('Integrity: X-Correlation-Id could tag events with another import or request', () => {
    const oneDistrictPackage = (): Promise<Buffer> =>
      new Promise((resolve) => {
        const zip = new ZipFile();
        zip.addBuffer(Buffer.from('propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\nsource.systemCode,corr\n'), 'manifest.csv');
        zip.addBuffer(Buffer.from('sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nd-1,,,Imported District,district,,\n'), 'orgs.csv');
        zip.end();
        const chunks: Buffer[] = [];
        zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      });
    const finishedImport = async () => {
      const response = await fetch(`${app.url}/v1/imports/oneroster`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.sis}`, 'content-type': 'application/zip' }, body: await oneDistrictPackage() });
      const { importId } = (await response.json()) as { importId: string };
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        const report = await app.get(`/v1/imports/${importId}`);
        if (report.body.status === 'done') return report.body as { correlationId: string; position: string };
      }
      throw new Error(`import ${importId} did not finish`);
    };
    const followed = async (correlationId: string) =>
      (await app.get(`/v1/audit/events?fromPosition=0&limit=1000&correlationId=${encodeURIComponent(correlationId)}`)).body.items as { type: string; metadata: { actor: { id: string } } }[];

    it("a token cannot tag its command with an import's correlation id: refused, and following the import shows only the import's events", async () => {
      const imported = await finishedImport();
      const before = await followed(imported.correlationId);
      expect(before.map((e) => e.type)).toEqual(['OrganisationRegistered']);
      const tagged = await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'Tagged' }, { token: TOKENS.districtA, headers: { 'X-Correlation-Id': imported.correlationId } });
      refused(tagged, 400, 'ValidationFailed');
      expect(tagged.body.details).toEqual([{ field: 'X-Correlation-Id', message: expect.stringContaining('issued by the service') }]);
      expect(await followed(imported.correlationId)).toEqual(before);
    });

    it("a token cannot reuse the id generated for another token's request, in any case", async () => {
      const theirs = expectOk(await app.command('UpdateStudentDetails', { studentId: B.student, familyName: 'Learner b2' }, { token: TOKENS.districtB }));
      const generated = theirs.headers.get('x-correlation-id')!;
      expect(generated).toBe(theirs.body.correlationId);
      for (const spoof of [generated, generated.toUpperCase()]) {
        refused(await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'Lee' }, { token: TOKENS.districtA, headers: { 'X-Correlation-Id': spoof } }), 400, 'ValidationFailed');
      }
      expect((await followed(generated)).map((e) => e.metadata.actor.id)).toEqual(['district-b']);
    });

    it('a chosen id is printable ASCII of 1–200 characters, and is stamped and echoed as given', async () => {
      for (const bad of ['tab\there', 'x'.repeat(201), 'caf\u00e9']) {
        refused(await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'Lee' }, { token: TOKENS.districtA, headers: { 'X-Correlation-Id': bad } }), 400, 'ValidationFailed');
      }
      const chosen = expectOk(await app.command('UpdateStudentDetails', { studentId: A.student, givenName: 'Chosen' }, { token: TOKENS.districtA, headers: { 'X-Correlation-Id': 'sync 2026/42 (nightly)' } }));
      expect([chosen.headers.get('x-correlation-id'), chosen.body.correlationId]).toEqual(['sync 2026/42 (nightly)', 'sync 2026/42 (nightly)']);
    });
  });
});
