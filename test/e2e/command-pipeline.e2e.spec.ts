import { PROJECTIONS } from '../../projections';
import { expectOk, TestApp, TOKENS } from '../support/test-app';

describe('The command pipeline over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
    expectOk(await app.command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District' }));
    expectOk(await app.command('RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'School', parentId: 'd-1' }));
  });
  afterAll(() => app.stop());

  describe('bad input is a 4xx in the API error shape, never a 500', () => {
    it('malformed JSON → 400 MalformedJson', async () => {
      const answer = await app.request('POST', '/v1/commands/RegisterStudent', { raw: '{"studentId": ' });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'MalformedJson' });
      expect(typeof answer.body.message).toBe('string');
    });
    it('wrong content type → 415 UnsupportedMediaType', async () => {
      const answer = await app.request('POST', '/v1/commands/RegisterStudent', { raw: 'studentId=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(answer.status).toBe(415);
      expect(answer.body.error).toBe('UnsupportedMediaType');
    });
    it('a body over 1 MB → 413 PayloadTooLarge', async () => {
      const answer = await app.request('POST', '/v1/commands/RegisterStudent', { body: { givenName: 'x'.repeat(1_100_000) } });
      expect(answer.status).toBe(413);
      expect(answer.body.error).toBe('PayloadTooLarge');
    });
    it('an unknown command → 404 UnknownCommand', async () => {
      const answer = await app.command('LaunchRocket', {});
      expect(answer.status).toBe(404);
      expect(answer.body.error).toBe('UnknownCommand');
    });
    it('every failing field is listed', async () => {
      const answer = await app.command('RegisterStudent', { studentId: 'bad id!', districtId: 'd-1', username: '', birthDate: '2025-02-30', extra: 1 });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('ValidationFailed');
      const fields = new Set(answer.body.details.map((d: { field: string }) => d.field));
      for (const field of ['studentId', 'username', 'givenName', 'familyName', 'birthDate', 'extra']) expect(fields).toContain(field);
    });
    it('a body that is not an object → 400 ValidationFailed', async () => {
      const answer = await app.request('POST', '/v1/commands/RegisterStudent', { raw: '[1,2]' });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('ValidationFailed');
    });
    it('an invalid id in a path → 400 InvalidId', async () => {
      const answer = await app.get('/v1/students/has%20space');
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('InvalidId');
    });
    it('an unknown route → 404 NotFound in the same shape', async () => {
      const answer = await app.get('/v1/nothing-here');
      expect(answer.status).toBe(404);
      expect(answer.body.error).toBe('NotFound');
    });
  });

  describe('tokens and roles', () => {
    it('no token → 401; an unknown token → 401', async () => {
      const none = await app.command('CloseOrganisation', { organisationId: 'd-1' }, { token: null });
      expect([none.status, none.body.error, typeof none.body.message]).toEqual([401, 'Unauthenticated', 'string']);
      const answer = await app.command('CloseOrganisation', { organisationId: 'd-1' }, { token: 'not-a-real-token-000000' });
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBe('Unauthenticated');
    });
    it('a reports token cannot send commands; a commands token cannot read the audit trail', async () => {
      const command = await app.command('CloseOrganisation', { organisationId: 'd-1' }, { token: TOKENS.dashboard });
      expect([command.status, command.body.error]).toEqual([403, 'Forbidden']);
      const audit = await app.get('/v1/audit/streams/organisation-d-1', { token: TOKENS.sis });
      expect([audit.status, audit.body.error]).toEqual([403, 'Forbidden']);
      const allowed = await app.get('/v1/audit/streams/organisation-d-1', { token: TOKENS.auditor });
      expect([allowed.status, allowed.body.items.map((e: { type: string }) => e.type)]).toEqual([200, ['OrganisationRegistered']]);
      const stillOpen = await app.get('/v1/organisations/d-1', { token: TOKENS.dashboard });
      expect(stillOpen.body.status).toBe('active');
    });
    it('health needs no token', async () => {
      expect((await app.request('GET', '/health', { token: null })).status).toBe(200);
      const ready = await app.request('GET', '/health/ready', { token: null });
      expect(ready.status).toBe(200);
      // Without an admin token readiness says only ready or degraded.
      expect(ready.body).toEqual({ status: 'ready' });
      const detailed = await app.request('GET', '/health/ready');
      expect(detailed.body.stores).toEqual({ events: { status: 'up' }, readModels: { status: 'up' } });
    });
  });

  describe('Idempotency-Key', () => {
    it('a retry with the same key and body returns the first response and appends nothing', async () => {
      const headers = { 'Idempotency-Key': 'register-st-idem' };
      const body = { studentId: 'st-idem', districtId: 'd-1', username: 'idem', givenName: 'I', familyName: 'D' };
      const first = expectOk(await app.command('RegisterStudent', body, { headers }));
      const again = await app.command('RegisterStudent', body, { headers });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const stream = await app.get('/v1/audit/streams/student-st-idem');
      expect(stream.body.items).toHaveLength(1);
      expect(stream.body.items[0].metadata.idempotencyKey).toBe('register-st-idem');
    });
    it('the first error is replayed too', async () => {
      expectOk(await app.command('RegisterStudent', { studentId: 'st-idem-err', districtId: 'd-1', username: 'idem-err', givenName: 'I', familyName: 'E' }));
      const headers = { 'Idempotency-Key': 'withdraw-nothing' };
      const first = await app.command('WithdrawStudentFromSchool', { studentId: 'st-idem-err', schoolId: 's-1', exitDate: '2025-10-01' }, { headers });
      expect([first.status, first.body.error]).toEqual([409, 'NotAdmitted']);
      // Admitted meanwhile: the retry still answers what the first attempt answered.
      expectOk(await app.command('AdmitStudentToSchool', { studentId: 'st-idem-err', schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: '05' }));
      const again = await app.command('WithdrawStudentFromSchool', { studentId: 'st-idem-err', schoolId: 's-1', exitDate: '2025-10-01' }, { headers });
      expect(again).toMatchObject({ status: 409, body: first.body });
    });
    it('the same key with another body → 422 IdempotencyKeyReused', async () => {
      const headers = { 'Idempotency-Key': 'register-st-reused' };
      expectOk(await app.command('RegisterStudent', { studentId: 'st-reused', districtId: 'd-1', username: 'reused', givenName: 'R', familyName: 'U' }, { headers }));
      const answer = await app.command('RegisterStudent', { studentId: 'st-other', districtId: 'd-1', username: 'other', givenName: 'O', familyName: 'T' }, { headers });
      expect(answer.status).toBe(422);
      expect(answer.body.error).toBe('IdempotencyKeyReused');
      const other = await app.get('/v1/audit/streams/student-st-other');
      expect(other.body.items ?? []).toEqual([]);
    });
  });

  describe('If-Match', () => {
    it('a stale revision → 412 RevisionMismatch with the actual revision; the current one goes through', async () => {
      const created = expectOk(await app.command('RegisterStudent', { studentId: 'st-etag', districtId: 'd-1', username: 'etag', givenName: 'E', familyName: 'T' }));
      const etag = created.headers.get('etag')!;
      expectOk(await app.command('ChangeStudentUsername', { studentId: 'st-etag', username: 'etag2' }, { headers: { 'If-Match': etag } }));
      const stale = await app.command('ChangeStudentUsername', { studentId: 'st-etag', username: 'etag3' }, { headers: { 'If-Match': etag } });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ error: 'RevisionMismatch', details: [{ actualRevision: 1 }] });
    });
  });

  it('a command that decides nothing new answers 200 with no events', async () => {
    const answer = expectOk(await app.command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District' }));
    expect(answer.body.events).toEqual([]);
  });

  it('create commands may leave the id out and get a UUIDv7 back', async () => {
    const answer = expectOk(await app.command('RegisterOrganisation', { type: 'provider', name: 'Provider' }));
    expect(answer.body.aggregateId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('X-Correlation-Id is echoed and stamped on the events', async () => {
    // The acting user must exist and be a member somewhere within the token's organisations.
    expectOk(await app.command('RegisterOrganisation', { organisationId: 'd-corr', type: 'district', name: 'D' }));
    expectOk(await app.command('RegisterUser', { userId: 'u-7', email: 'seven@school.example', givenName: 'S', familyName: 'Even' }));
    expectOk(await app.command('GrantMembership', { userId: 'u-7', organisationId: 'd-corr', role: 'administrator' }));
    const answer = expectOk(await app.command('RegisterOrganisation', { organisationId: 't-corr', type: 'trust', name: 'T' }, { headers: { 'X-Correlation-Id': 'import-42', 'X-Acting-User': 'u-7' } }));
    expect(answer.headers.get('x-correlation-id')).toBe('import-42');
    const stream = await app.get('/v1/audit/streams/organisation-t-corr');
    expect(stream.body.items[0].metadata).toMatchObject({ correlationId: 'import-42', actor: { type: 'token', id: 'admin', actingUserId: 'u-7' } });
  });

  it('minPosition beyond the log → 503 ProjectionBehind with Retry-After', async () => {
    const answer = await app.get('/v1/organisations/d-1', { minPosition: '999999999' });
    expect(answer.status).toBe(503);
    expect(answer.body.error).toBe('ProjectionBehind');
    expect(answer.headers.get('retry-after')).toBe('1');
  }, 10_000);

  it('GET /v1/projections lists every projection with its lag', async () => {
    const answer = await app.get('/v1/projections');
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((p: { name: string }) => p.name).sort()).toEqual(PROJECTIONS.map((p) => p.name).sort());
    expect(answer.body.items[0]).toEqual(expect.objectContaining({ status: expect.any(String), checkpoint: expect.any(String), lagEvents: expect.any(Number), lagSeconds: expect.any(Number) }));
  });
});
