import { parse } from 'csv-parse/sync';
import { as, buildClaimsWorld, RATES, WINDOW } from '../support/claims-world';
import { Answer, TestApp, TOKENS } from '../support/test-app';

const HEADER = 'claim_reference,school_urn,school_name,school_local_authority,provider_name,claim_amount,school_type_of_establishment,school_group,claim_submission_date,claim_status,claim_unpaid_reason';

/**
 * The claims support files over real HTTP on the embedded backend: the window's payments file out,
 * the payer's, sampling, provider and clawback responses in (each twice: the second time appends
 * nothing), the clawbacks file out; a file with one wrong row and a dry run append nothing.
 */
describe('Claims CSV interchange over HTTP (embedded backend)', () => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof buildClaimsWorld>>;
  const ref: Record<string, string> = {};
  const trn: Record<string, string> = {};

  const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
  const importFile = (kind: string, body: string, { dryRun = false, userId = 'u-sup1', token = TOKENS.admin } = {}) =>
    app.request('POST', `/v1/imports/claims/${kind}${dryRun ? '?dryRun=true' : ''}`, { raw: body, token, headers: { 'content-type': 'text/csv', 'X-Acting-User': userId } });
  /** Every event appended after `position` (the audit feed). */
  const eventsAfter = async (position: string) => (await app.get(`/v1/audit/events?fromPosition=${position}&limit=1000`)).body.items as { type: string; position: string; metadata: { correlationId: string } }[];
  const claim = async (claimId: string, position: string) => (await app.get(`/v1/claims/${claimId}`, { minPosition: position })).body;
  const download = async (path: string, position: string, token = TOKENS.admin): Promise<Answer<string>> => app.get(`${path}`, { minPosition: position, token });
  const lines = (text: string) => text.split('\r\n').filter((line) => line !== '');
  /** Imports the file, then again: the second import appends nothing and says every row is unchanged. */
  const importTwice = async (kind: string, body: string, rows: number) => {
    const first = await importFile(kind, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: `claims/${kind}`, status: 'done', dryRun: false, counts: { [`${kind}.csv`]: { updated: rows, unchanged: 0, failed: 0 } } });
    expect(first.body.position).toMatch(/^\d+$/);
    const applied = await eventsAfter(first.body.position);
    expect(applied).toEqual([]);
    const second = await importFile(kind, body);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'done', position: null, counts: { [`${kind}.csv`]: { updated: 0, unchanged: rows, failed: 0 } } });
    expect(await eventsAfter(first.body.position)).toEqual([]);
    return first.body;
  };

  beforeAll(async () => {
    app = await TestApp.start();
    world = await buildClaimsWorld(app, {
      parents: [{ organisationId: 'd-a', type: 'district', name: 'Lambeth' }, { organisationId: 't-oak', type: 'trust', name: 'Oak Trust' }, { organisationId: 'd-x', type: 'district', name: 'Elsewhere' }],
      schools: [
        { schoolId: 's-a1', name: 'Brixton Primary, "North"', parentId: 'd-a', fundingRegion: 'fringe', urn: '100001', userId: 'u-a1' },
        { schoolId: 's-oak', name: 'Oak Academy', parentId: 't-oak', fundingRegion: 'rest_of_england', urn: '100002', userId: 'u-oak' },
        { schoolId: 's-x', name: 'Far School', parentId: 'd-x', fundingRegion: 'fringe', userId: 'u-x' },
      ],
      providers: [{ organisationId: 'p-1', name: 'Best Teacher Training' }],
    });
    for (const [mentorId, schoolId] of [['m-1', 's-a1'], ['m-2', 's-a1'], ['m-3', 's-oak'], ['m-4', 's-x']]) trn[mentorId] = await world.mentor(mentorId, schoolId);
    ref['c-1'] = await world.submittedClaim('c-1', 's-a1', 'p-1', { 'm-1': 10, 'm-2': 5 });
    ref['c-2'] = await world.submittedClaim('c-2', 's-oak', 'p-1', { 'm-3': 8 });
    ref['c-3'] = await world.submittedClaim('c-3', 's-x', 'p-1', { 'm-4': 3 });
    await world.ok('RequestClaimPayments', { claimWindowId: WINDOW }, 'u-sup1');
  }, 60_000);
  afterAll(() => app.stop());

  it('1. the window payments file: every claim of the window, its school, provider, amount and status, by reference', async () => {
    const answer = await download(`/v1/claim-windows/${WINDOW}/payments.csv`, world.position);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(answer.headers.get('x-position')).toMatch(/^\d+$/);
    const submitted = Object.fromEntries(await Promise.all(['c-1', 'c-2', 'c-3'].map(async (id) => [id, (await claim(id, world.position)).submittedAt])));
    const rows = [
      `${ref['c-1']},100001,"Brixton Primary, ""North""",Lambeth,Best Teacher Training,${((15 * RATES.fringe) / 100).toFixed(2)},,,${submitted['c-1']},payment_in_progress,`,
      `${ref['c-2']},100002,Oak Academy,,Best Teacher Training,${((8 * RATES.rest_of_england) / 100).toFixed(2)},,Oak Trust,${submitted['c-2']},payment_in_progress,`,
      `${ref['c-3']},,Far School,Elsewhere,Best Teacher Training,${((3 * RATES.fringe) / 100).toFixed(2)},,,${submitted['c-3']},payment_in_progress,`,
    ].sort();
    expect(lines(answer.body)).toEqual([HEADER, ...rows]);
    expect(rows[0]).toMatch(/,676\.50,|,350\.40,|,135\.30,/);

    // In scope for the token: district A's token sees its own school's claim only.
    const scoped = await download(`/v1/claim-windows/${WINDOW}/payments.csv`, world.position, TOKENS.districtA);
    expect(lines(scoped.body)).toEqual([HEADER, rows.find((r) => r.startsWith(ref['c-1']))]);
  });

  it('2. the payer response: paid and unpaid with a reason, visible in the claim, its history and the payments file; twice appends nothing', async () => {
    const file = csv('claim_reference,claim_status,claim_unpaid_reason', `${ref['c-1']},paid,`, `${ref['c-2']},unpaid,Bank details missing`, `${ref['c-3']},paid,`);
    const report = await importTwice('payer-response', file, 3);
    expect((await eventsAfter(world.position)).map((e) => [e.type, e.metadata.correlationId])).toEqual([
      ['ClaimPaid', report.correlationId], ['ClaimPaymentInformationRequested', report.correlationId], ['ClaimPaid', report.correlationId],
    ]);
    expect((await claim('c-1', report.position)).status).toBe('paid');
    expect((await claim('c-2', report.position)).status).toBe('payment_information_requested');
    const history = await app.get('/v1/claims/c-2/history', { minPosition: report.position });
    expect(history.body.timeline.at(-1)).toMatchObject({ status: 'payment_information_requested', reason: 'Bank details missing', actor: { id: 'admin', actingUserId: 'u-sup1' } });
    const payments = lines((await download(`/v1/claim-windows/${WINDOW}/payments.csv`, report.position)).body);
    expect(payments.find((r) => r.startsWith(ref['c-2']))).toMatch(/,payment_information_requested,Bank details missing$/);
    expect(payments.find((r) => r.startsWith(ref['c-1']))).toMatch(/,paid,$/);
    // The report stays readable by its id.
    const kept = await app.get(`/v1/imports/${report.importId}`);
    expect(kept.body).toEqual(report);
  });

  it('3. sampling: a dry run counts and appends nothing; the import samples the claim; twice appends nothing', async () => {
    const file = csv('claim_reference,sample_reason', `${ref['c-1']},Random quality sample`);
    const before = world.position;
    const head = (await eventsAfter(before)).at(-1)!.position;
    const dry = await importFile('sampling', file, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'done', dryRun: true, position: null, counts: { 'sampling.csv': { updated: 1, unchanged: 0 } } });
    expect(await eventsAfter(head)).toEqual([]);
    const report = await importTwice('sampling', file, 1);
    expect(await claim('c-1', report.position)).toMatchObject({ status: 'sampling_in_progress' });
  });

  it('4. a file with one unknown reference applies nothing and names the line', async () => {
    const head = (await eventsAfter(world.position)).at(-1)!.position;
    const file = csv('claim_reference,claim_status', `${ref['c-1']},clawback_complete`, '99999999,clawback_complete');
    const answer = await importFile('clawback-response', file);
    expect(answer.status).toBe(422);
    expect(answer.body.error).toBe('ImportRejected');
    expect(answer.body.details).toEqual(expect.arrayContaining([
      { file: 'clawback-response.csv', line: 3, field: 'claim_reference', code: 'UnknownClaimReference', message: expect.stringContaining('99999999'), severity: 'error' },
    ]));
    const provider = csv(
      'claim_reference,mentor_trn,mentor_full_name,mentor_hours_of_training,claim_accepted,rejection_reason',
      `${ref['c-1']},${trn['m-1']},Mentor m-1,10,yes,`,
      `12345678,${trn['m-2']},Mentor m-2,5,no,No attendance record`,
    );
    const rejected = await importFile('provider-response', provider);
    expect(rejected.status).toBe(422);
    expect(rejected.body.details.map((i: { line: number; code: string }) => [i.line, i.code])).toEqual(
      expect.arrayContaining([[3, 'UnknownClaimReference'], [2, 'MentorMissing']]),
    );
    expect(await eventsAfter(head)).toEqual([]);
    expect((await claim('c-1', head)).status).toBe('sampling_in_progress');
  });

  it('5. the provider response, one row per mentor by TRN: a rejected mentor leaves the claim not approved; twice appends nothing', async () => {
    const file = csv(
      'claim_reference,mentor_trn,mentor_full_name,mentor_hours_of_training,claim_accepted,rejection_reason',
      `${ref['c-1']},${trn['m-1']},Mentor m-1,10,yes,`,
      `${ref['c-1']},${trn['m-2']},Mentor m-2,5,No,No attendance record`,
    );
    const report = await importTwice('provider-response', file, 2);
    expect((await claim('c-1', report.position)).status).toBe('sampling_provider_not_approved');
    const history = await app.get('/v1/claims/c-1/history', { minPosition: report.position });
    expect(history.body.timeline.at(-1)).toMatchObject({ status: 'sampling_provider_not_approved', reason: 'm-2: No attendance record' });
  });

  it('6. the clawbacks file (with the amount clawed back), then the clawback response; twice appends nothing', async () => {
    await world.ok('RejectSampledClaim', { claimId: 'c-1', mentors: [{ mentorId: 'm-2', reason: 'School could not show attendance' }] }, 'u-sup1');
    await world.ok('RequestClawback', { claimId: 'c-1', mentors: [{ mentorId: 'm-2', hoursKept: 1, reason: 'One hour evidenced' }] }, 'u-sup1');
    await world.ok('ApproveClawback', { claimId: 'c-1' }, 'u-sup2');
    await world.ok('SendClawbacks', { claimWindowId: WINDOW }, 'u-sup1');
    const answer = await download('/v1/claims/clawbacks.csv', world.position);
    expect(answer.status).toBe(200);
    const submittedAt = (await claim('c-1', world.position)).submittedAt;
    expect(lines(answer.body)).toEqual([
      `${HEADER},clawback_amount`,
      `${ref['c-1']},100001,"Brixton Primary, ""North""",Lambeth,Best Teacher Training,676.50,,,${submittedAt},clawback_in_progress,,${((4 * RATES.fringe) / 100).toFixed(2)}`,
    ]);
    expect(parse(answer.body, { columns: true })[0]).toMatchObject({ school_name: 'Brixton Primary, "North"', clawback_amount: '180.40' });
    // Out of district A's reach: s-x's claims never show; its own clawback does.
    expect(lines((await download('/v1/claims/clawbacks.csv', world.position, TOKENS.districtB)).body)).toEqual([`${HEADER},clawback_amount`]);
    expect(lines((await download('/v1/claims/clawbacks.csv', world.position, TOKENS.districtA)).body)).toHaveLength(2);

    const report = await importTwice('clawback-response', csv('claim_reference,claim_status', `${ref['c-1']},clawback_complete`), 1);
    expect((await claim('c-1', report.position)).status).toBe('clawback_complete');
  });

  it('7. wrong headers, wrong values, duplicates and wrong statuses are issues on their lines; nothing is applied', async () => {
    const head = (await eventsAfter(world.position)).at(-1)!.position;
    const header = await importFile('sampling', csv('claim_reference,reason', `${ref['c-2']},x`));
    expect([header.status, header.body.details[0]]).toEqual([422, expect.objectContaining({ line: 1, code: 'HeaderMismatch' })]);
    const file = csv(
      'claim_reference,claim_status,claim_unpaid_reason',
      `${ref['c-2']},paid,`, `${ref['c-3']},maybe,`, `${ref['c-3']},unpaid,`, '1234,paid,', `${ref['c-2']},paid,`, `${ref['c-3']},paid,`,
    );
    const answer = await importFile('payer-response', file);
    expect(answer.status).toBe(422);
    expect(answer.body.details.map((i: { line: number; field: string; code: string }) => [i.line, i.field, i.code])).toEqual([
      [3, 'claim_status', 'InvalidValue'],
      [4, 'claim_unpaid_reason', 'ReasonRequired'],
      [5, 'claim_reference', 'InvalidClaimReference'],
      [6, 'claim_reference', 'DuplicateRow'],
      [2, 'claim_reference', 'InvalidClaimTransition'],
    ]);
    expect(answer.body.details[4].message).toBe(`Claim ${ref['c-2']} is payment_information_requested; RecordClaimPaymentResponse needs it payment_in_progress.`);
    expect(await eventsAfter(head)).toEqual([]);
  });

  it('8. the routes are in /openapi.json: CSV answers and a CSV body', async () => {
    const document = (await app.request('GET', '/openapi.json', { token: null })).body;
    for (const path of ['/v1/claim-windows/{id}/payments.csv', '/v1/claims/clawbacks.csv']) {
      expect(document.paths[path].get.responses['200'].content['text/csv'].schema).toEqual({ type: 'string' });
    }
    const post = document.paths['/v1/imports/claims/{kind}'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['text/csv']);
    expect(post.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['kind', 'dryRun', 'X-Acting-User']));
    expect(post.responses['200'].content['application/json'].schema).toBeDefined();
  });

  it('9. the request: an acting user, text/csv and a known kind', async () => {
    const body = csv('claim_reference,sample_reason', `${ref['c-3']},x`);
    const anonymous = await app.request('POST', '/v1/imports/claims/sampling', { raw: body, headers: { 'content-type': 'text/csv' } });
    expect([anonymous.status, anonymous.body.error]).toEqual([403, 'ActingUserRequired']);
    expect((await app.request('POST', '/v1/imports/claims/sampling', { raw: body, headers: { 'content-type': 'text/plain', 'X-Acting-User': 'u-sup1' } })).status).toBe(415);
    expect((await importFile('payments', body)).status).toBe(404);
    expect((await importFile('sampling', body, { token: TOKENS.districtA })).status).toBe(403);
    // A school user is known, but the rows are support work: the file is refused, dry run or not.
    for (const dryRun of [true, false]) {
      const school = await importFile('sampling', body, { userId: 'u-a1', dryRun });
      expect([school.status, school.body.details]).toEqual([422, [expect.objectContaining({ line: 0, code: 'SupportUserRequired' })]]);
    }
  });
});
