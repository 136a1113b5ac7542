import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { TEST_METADATA } from '../support/event-builders';
import { Answer, expectOk, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const RATES = { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 };
const FRINGE = RATES.fringe;

describe('Claims over HTTP (embedded backend)', () => {
  let app: TestApp;
  let trn = 1_000_000;
  const as = (userId: string) => ({ headers: { 'X-Acting-User': userId } });
  const ok = async <T = any>(answer: Promise<Answer<T>>) => expectOk(await answer);
  const newMentor = async (mentorId: string, schoolIds: string[]) => {
    await ok(app.command('RegisterMentor', { mentorId, trn: String(trn++), givenName: 'Mentor', familyName: mentorId }));
    for (const schoolId of schoolIds) await ok(app.command('AddMentorToSchool', { mentorId, schoolId }));
  };
  const draft = (claimId: string, schoolId: string, userId: string, mentorTrainings: object[], academicYearId = 'y-2026', providerId = 'p-1') =>
    app.command('DraftClaim', { claimId, schoolId, providerId, academicYearId, mentorTrainings }, as(userId));

  beforeAll(async () => {
    app = await TestApp.start();
    await ok(app.command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District' }));
    await ok(app.command('RegisterOrganisation', { organisationId: 's-a', type: 'school', name: 'School A', parentId: 'd-1', fundingRegion: 'fringe' }));
    await ok(app.command('RegisterOrganisation', { organisationId: 's-b', type: 'school', name: 'School B', parentId: 'd-1', fundingRegion: 'rest_of_england' }));
    for (const providerId of ['p-1', 'p-2']) await ok(app.command('RegisterOrganisation', { organisationId: providerId, type: 'provider', name: providerId, accredited: true }));
    await ok(app.command('DefineAcademicYear', { academicYearId: 'y-2026', name: '2026/27', startsOn: '2026-09-01', endsOn: '2027-08-31' }));
    await ok(app.command('DefineAcademicYear', { academicYearId: 'y-2027', name: '2027/28', startsOn: '2027-09-01', endsOn: '2028-08-31' }));
    for (const academicYearId of ['y-2026', 'y-2027']) await ok(app.command('SetFundingRates', { academicYearId, rates: RATES }));
    const users: [string, string, string, string][] = [
      ['u-school-a', 'a@school-a.example', 's-a', 'school_contact'],
      ['u-school-b', 'b@school-b.example', 's-b', 'school_contact'],
      ['u-support-1', 'one@education.gov.uk', 'd-1', 'support'],
      ['u-support-2', 'two@education.gov.uk', 'd-1', 'support'],
    ];
    for (const [userId, email, organisationId, role] of users) {
      await ok(app.command('RegisterUser', { userId, email, givenName: 'User', familyName: userId, service: 'claims' }));
      await ok(app.command('GrantMembership', { userId, organisationId, role }));
    }
    for (const schoolId of ['s-a', 's-b']) {
      await ok(app.command('OnboardOrganisation', { organisationId: schoolId, service: 'claims' }));
      await ok(app.command('GrantSchoolEligibility', { schoolId, academicYearId: 'y-2026' }));
      await ok(app.command('AcceptGrantConditions', { schoolId }, as(schoolId === 's-a' ? 'u-school-a' : 'u-school-b')));
    }
    await ok(app.command('GrantSchoolEligibility', { schoolId: 's-a', academicYearId: 'y-2027' }));
    await ok(app.command('DefineClaimWindow', { claimWindowId: 'w-open', academicYearId: 'y-2026', startsOn: day(-10), endsOn: day(30) }));
    await ok(app.command('DefineClaimWindow', { claimWindowId: 'w-later', academicYearId: 'y-2027', startsOn: day(100), endsOn: day(120) }));
    for (const mentorId of ['m-1', 'm-2', 'm-3']) await newMentor(mentorId, ['s-a']);
  });
  afterAll(() => app.stop());

  it('the whole life of one claim, its history and its audit trail', async () => {
    const drafted = await ok(draft('c-life', 's-a', 'u-school-a', [{ mentorId: 'm-1', hours: 10, trainingType: 'initial' }, { mentorId: 'm-2', hours: 5, trainingType: 'initial' }]));
    expect(drafted.body.events).toEqual([{ type: 'ClaimDrafted', revision: 0 }]);
    await ok(app.command('ReviseClaim', { claimId: 'c-life', mentorTrainings: [{ mentorId: 'm-1', hours: 12, trainingType: 'initial' }, { mentorId: 'm-2', hours: 5, trainingType: 'initial' }] }, as('u-school-a')));
    await ok(app.command('ReviseClaim', { claimId: 'c-life', mentorTrainings: [{ mentorId: 'm-1', hours: 12, trainingType: 'initial' }, { mentorId: 'm-2', hours: 5, trainingType: 'initial' }, { mentorId: 'm-3', hours: 4, trainingType: 'initial' }] }, as('u-school-a')));
    await ok(app.command('SubmitClaim', { claimId: 'c-life' }, as('u-school-a')));

    const requested = await ok(app.command('RequestClaimPayments', { claimWindowId: 'w-open' }, as('u-support-1')));
    expect(requested.body.affected).toBe(1);
    // Rule 10: a second run moves nothing.
    expect((await ok(app.command('RequestClaimPayments', { claimWindowId: 'w-open' }, as('u-support-1')))).body.affected).toBe(0);

    const steps: [string, object, string][] = [
      ['RecordClaimPaymentResponse', { outcome: 'unpaid', reason: 'Bank details missing' }, 'u-support-1'],
      ['RecordPaymentInformationSent', {}, 'u-support-1'],
      ['ApproveClaimPayment', {}, 'u-support-1'],
      ['SampleClaim', { reason: 'Random quality sample' }, 'u-support-1'],
      ['RecordProviderSamplingResponse', { mentors: [{ mentorId: 'm-1', accepted: true }, { mentorId: 'm-2', accepted: false, reason: 'No attendance record' }, { mentorId: 'm-3', accepted: true }] }, 'u-support-1'],
      ['RejectSampledClaim', { mentors: [{ mentorId: 'm-2', reason: 'School could not show attendance' }] }, 'u-support-1'],
      ['RequestClawback', { mentors: [{ mentorId: 'm-2', hoursKept: 1, reason: 'Only one hour evidenced' }] }, 'u-support-1'],
    ];
    for (const [name, body, user] of steps) await ok(app.command(name, { claimId: 'c-life', ...body }, as(user)));

    const same = await app.command('ApproveClawback', { claimId: 'c-life' }, as('u-support-1'));
    expect(same.status).toBe(422);
    expect(same.body.error).toBe('SameApproverAndRequester');
    await ok(app.command('ApproveClawback', { claimId: 'c-life' }, as('u-support-2')));
    expect((await ok(app.command('SendClawbacks', { claimWindowId: 'w-open' }, as('u-support-1')))).body.affected).toBe(1);
    const done = await ok(app.command('RecordClawbackComplete', { claimId: 'c-life' }, as('u-support-1')));

    const claim = await app.get('/v1/claims/c-life', { minPosition: done.body.position });
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({
      claimId: 'c-life', status: 'clawback_complete', schoolId: 's-a', providerId: 'p-1', academicYearId: 'y-2026', claimWindowId: 'w-open', revision: 3,
      ratePence: FRINGE, amountPence: 21 * FRINGE, submittedBy: 'u-school-a', clawback: { amountPence: 4 * FRINGE },
    });
    expect(claim.body.reference).toMatch(/^\d{8}$/);

    const history = await app.get('/v1/claims/c-life/history', { minPosition: done.body.position });
    expect(history.status).toBe(200);
    expect(history.body.revisions.map((r: { revision: number; changes: unknown[] }) => [r.revision, r.changes])).toEqual([
      [1, []],
      [2, [{ path: 'mentorTrainings[m-1].hours', from: 10, to: 12 }]],
      [3, [{ path: 'mentorTrainings[m-3]', from: null, to: { hours: 4, trainingType: 'initial' } }]],
    ]);
    expect(history.body.revisions[2]).toMatchObject({ actor: { actingUserId: 'u-school-a' }, content: { mentorTrainings: [{ mentorId: 'm-1' }, { mentorId: 'm-2' }, { mentorId: 'm-3' }] } });
    const timeline = history.body.timeline.map((t: { status: string; actor: { actingUserId: string }; reason: string | null; at: string }) => [t.status, t.actor.actingUserId, t.reason]);
    expect(timeline).toEqual([
      ['draft', 'u-school-a', null],
      ['submitted', 'u-school-a', null],
      ['payment_in_progress', 'u-support-1', null],
      ['payment_information_requested', 'u-support-1', 'Bank details missing'],
      ['payment_information_sent', 'u-support-1', null],
      ['paid', 'u-support-1', null],
      ['sampling_in_progress', 'u-support-1', 'Random quality sample'],
      ['sampling_provider_not_approved', 'u-support-1', 'm-2: No attendance record'],
      ['sampling_not_approved', 'u-support-1', 'm-2: School could not show attendance'],
      ['clawback_requires_approval', 'u-support-1', 'm-2: Only one hour evidenced'],
      ['clawback_requested', 'u-support-2', null],
      ['clawback_in_progress', 'u-support-1', null],
      ['clawback_complete', 'u-support-1', null],
    ]);
    expect(history.body.timeline.every((t: { at: string }) => typeof t.at === 'string')).toBe(true);

    const audit = await app.get('/v1/audit/streams/claim-c-life');
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { type: string }) => e.type)).toEqual([
      'ClaimDrafted', 'ClaimRevised', 'ClaimRevised', 'ClaimSubmitted', 'ClaimPaymentRequested', 'ClaimPaymentInformationRequested',
      'ClaimPaymentInformationSent', 'ClaimPaid', 'ClaimSampled', 'ClaimProviderSamplingRejected', 'ClaimSamplingRejected',
      'ClaimClawbackRequested', 'ClaimClawbackApproved', 'ClaimClawbackSent', 'ClaimClawbackCompleted',
    ]);
    expect(audit.body.items.map((e: { metadata: { actor: { actingUserId?: string } } }) => e.metadata.actor.actingUserId)).toEqual([
      ...Array(4).fill('u-school-a'), ...Array(8).fill('u-support-1'), 'u-support-2', 'u-support-1', 'u-support-1',
    ]);

    const totals = await app.get('/v1/claim-windows/w-open/totals', { minPosition: done.body.position });
    expect(totals.body.statuses).toContainEqual({ status: 'clawback_complete', count: 1, amountPence: 21 * FRINGE, clawbackAmountPence: 4 * FRINGE });
  });

  it('transition-table commands need X-Acting-User, and a claim in the wrong status says so', async () => {
    const missing = await app.command('DraftClaim', { claimId: 'c-anon', schoolId: 's-a', providerId: 'p-1', academicYearId: 'y-2026', mentorTrainings: [{ mentorId: 'm-1', hours: 1, trainingType: 'initial' }] });
    expect(missing.status).toBe(403);
    expect(missing.body.error).toBe('ActingUserRequired');
    await newMentor('m-wrong', ['s-a']);
    await ok(draft('c-wrong', 's-a', 'u-school-a', [{ mentorId: 'm-wrong', hours: 1, trainingType: 'initial' }]));
    const wrong = await app.command('ApproveClaimPayment', { claimId: 'c-wrong' }, as('u-support-1'));
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ error: 'InvalidClaimTransition', details: [{ status: 'draft', command: 'ApproveClaimPayment' }] });
  });

  it('submitting outside an open window of the claim’s year is 422 ClaimWindowClosed', async () => {
    await ok(draft('c-closed', 's-a', 'u-school-a', [{ mentorId: 'm-1', hours: 2, trainingType: 'initial' }], 'y-2027'));
    const answer = await app.command('SubmitClaim', { claimId: 'c-closed' }, as('u-school-a'));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: 'ClaimWindowClosed', details: [{ academicYearId: 'y-2027', nextWindow: { claimWindowId: 'w-later' } }] });
  });

  it('over the allowance is 422 AllowanceExceeded with the hours remaining, across schools', async () => {
    await newMentor('m-shared', ['s-a', 's-b']);
    const first = await ok(draft('c-shared-a', 's-a', 'u-school-a', [{ mentorId: 'm-shared', hours: 10, trainingType: 'initial' }]));
    const over = await draft('c-shared-b', 's-b', 'u-school-b', [{ mentorId: 'm-shared', hours: 8, trainingType: 'initial' }]);
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ error: 'AllowanceExceeded', details: [{ mentorId: 'm-shared', providerId: 'p-1', allowanceHours: 16, hoursRemaining: 6 }] });
    const allowances = await app.get('/v1/mentors/m-shared/allowances?academicYearId=y-2026', { minPosition: first.body.position });
    expect(allowances.body.items).toEqual([expect.objectContaining({ providerId: 'p-1', allowanceHours: 16, hoursUsed: 10, hoursRemaining: 6 })]);

    // Deleting the first claim gives its hours back.
    const deleted = await ok(app.command('DeleteClaim', { claimId: 'c-shared-a' }, as('u-school-a')));
    await ok(draft('c-shared-b', 's-b', 'u-school-b', [{ mentorId: 'm-shared', hours: 16, trainingType: 'initial' }]));
    const after = await app.get('/v1/mentors/m-shared/allowances', { minPosition: deleted.body.position });
    expect(after.body.items[0]).toMatchObject({ hoursUsed: 16, hoursRemaining: 0 });
  });

  it('a rate changed after submission leaves the submitted amount unchanged', async () => {
    await newMentor('m-rate', ['s-b']);
    await ok(draft('c-rate', 's-b', 'u-school-b', [{ mentorId: 'm-rate', hours: 10, trainingType: 'initial' }]));
    await ok(app.command('SubmitClaim', { claimId: 'c-rate' }, as('u-school-b')));
    const changed = await ok(app.command('SetFundingRates', { academicYearId: 'y-2026', rates: { ...RATES, rest_of_england: 9999 } }));
    const claim = await app.get('/v1/claims/c-rate', { minPosition: changed.body.position });
    expect(claim.body).toMatchObject({ status: 'submitted', ratePence: RATES.rest_of_england, amountPence: 10 * RATES.rest_of_england });
    await ok(app.command('SetFundingRates', { academicYearId: 'y-2026', rates: RATES }));
  });

  it('a mentor cannot leave a school while in one of its open claims', async () => {
    await newMentor('m-leave', ['s-b']);
    await ok(draft('c-leave', 's-b', 'u-school-b', [{ mentorId: 'm-leave', hours: 2, trainingType: 'initial' }]));
    const answer = await app.command('RemoveMentorFromSchool', { mentorId: 'm-leave', schoolId: 's-b' });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: 'MentorInOpenClaim', details: [{ claimId: 'c-leave', status: 'draft' }] });
  });

  it('claim windows may not overlap', async () => {
    const answer = await app.command('DefineClaimWindow', { claimWindowId: 'w-overlap', academicYearId: 'y-2027', startsOn: day(20), endsOn: day(40) });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: 'ClaimWindowsOverlap', details: [{ claimWindowId: 'w-open' }] });
  });

  it('lists claims newest first, filtered by school, provider and status, in pages', async () => {
    await newMentor('m-list', ['s-a', 's-b']);
    const ids = ['c-list-1', 'c-list-2', 'c-list-3'];
    for (const claimId of ids) await ok(draft(claimId, 's-a', 'u-school-a', [{ mentorId: 'm-list', hours: 1, trainingType: 'initial' }], 'y-2026', 'p-2'));
    await ok(draft('c-list-other-school', 's-b', 'u-school-b', [{ mentorId: 'm-list', hours: 1, trainingType: 'initial' }], 'y-2026', 'p-2'));
    const last = await ok(app.command('SubmitClaim', { claimId: 'c-list-2' }, as('u-school-a')));
    const query = '/v1/claims?schoolId=s-a&providerId=p-2';
    const page = async (params: string) => {
      const answer = await app.get(`${query}${params}`, { minPosition: last.body.position });
      return [answer.body.items.map((c: { claimId: string }) => c.claimId), answer.headers.get('x-total-count')];
    };
    expect(await page('')).toEqual([['c-list-3', 'c-list-2', 'c-list-1'], '3']);
    expect(await page('&limit=2')).toEqual([['c-list-3', 'c-list-2'], '3']);
    expect(await page('&limit=2&offset=2')).toEqual([['c-list-1'], '3']);
    expect(await page('&status=draft')).toEqual([['c-list-3', 'c-list-1'], '2']);
    expect(await page('&status=submitted')).toEqual([['c-list-2'], '1']);
    const badStatus = await app.get(`${query}&status=lost`);
    expect([badStatus.status, badStatus.body.error]).toEqual([400, 'ValidationFailed']);
  });

  it('a crash between the allowance reservation and the claim append: held for the grace period, then released, never phantom hours', async () => {
    const store = app.app.get<EventStore>(EVENT_STORE);
    // What a DraftClaim that crashed after reserving leaves behind: hours reserved for a claim that has no events.
    const leftBehind = (mentorId: string, reservedAt: Date) => ({
      eventId: `crash-${mentorId}`,
      type: 'MentorAllowanceReserved',
      data: {
        mentorId, providerId: 'p-1', academicYearId: 'y-2026', claimId: `c-ghost-${mentorId}`, claimRevision: 0, claimEventId: `ghost-${mentorId}`, hours: 12,
        trainingType: 'initial', reservedAt: reservedAt.toISOString(), allowanceHours: 16, hoursUsed: 12, hoursRemaining: 4,
      },
      metadata: TEST_METADATA,
    });
    const stream = (mentorId: string) => `mentor-allowance-${mentorId}.p-1.y-2026`;

    await newMentor('m-crash-now', ['s-b']);
    await store.append(stream('m-crash-now'), [leftBehind('m-crash-now', new Date())], 'no_stream');
    const held = await draft('c-crash-now', 's-b', 'u-school-b', [{ mentorId: 'm-crash-now', hours: 10, trainingType: 'initial' }]);
    expect(held.body).toMatchObject({ error: 'AllowanceExceeded', details: [{ hoursRemaining: 4 }] });

    await newMentor('m-crash-old', ['s-b']);
    await store.append(stream('m-crash-old'), [leftBehind('m-crash-old', new Date(Date.now() - 120_000))], 'no_stream');
    const drafted = await ok(draft('c-crash-old', 's-b', 'u-school-b', [{ mentorId: 'm-crash-old', hours: 10, trainingType: 'initial' }]));
    const events: string[] = [];
    for await (const event of store.readStream(stream('m-crash-old'))) {
      const data = event.data as { claimId: string; reason?: string };
      events.push([event.type, data.claimId, data.reason].filter(Boolean).join(' '));
    }
    expect(events).toEqual(['MentorAllowanceReserved c-ghost-m-crash-old', 'MentorAllowanceReleased c-ghost-m-crash-old abandoned', 'MentorAllowanceReserved c-crash-old']);
    const allowances = await app.get('/v1/mentors/m-crash-old/allowances', { minPosition: drafted.body.position });
    expect(allowances.body.items).toEqual([expect.objectContaining({ hoursUsed: 10, hoursRemaining: 6 })]);
  });

  it('two schools racing for the last hours of one mentor with one provider: exactly one wins, 50 times over', async () => {
    const results: number[][] = [];
    for (let round = 0; round < 50; round++) {
      const mentorId = `m-race-${round}`;
      await newMentor(mentorId, ['s-a', 's-b']);
      const answers = await Promise.all([
        draft(`c-race-${round}-a`, 's-a', 'u-school-a', [{ mentorId, hours: 10, trainingType: 'initial' }]),
        draft(`c-race-${round}-b`, 's-b', 'u-school-b', [{ mentorId, hours: 10, trainingType: 'initial' }]),
      ]);
      results.push(answers.map((a) => a.status).sort());
      for (const answer of answers) if (answer.status !== 200) expect(answer.body.error).toBe('AllowanceExceeded');
    }
    expect(results).toEqual(Array.from({ length: 50 }, () => [200, 422]));
    const head = await ok(draft('c-race-marker', 's-a', 'u-school-a', [{ mentorId: 'm-3', hours: 1, trainingType: 'initial' }]));
    for (let round = 0; round < 50; round++) {
      const allowances = await app.get(`/v1/mentors/m-race-${round}/allowances`, { minPosition: head.body.position });
      expect(allowances.body.items).toEqual([expect.objectContaining({ allowanceHours: 16, hoursUsed: 10, hoursRemaining: 6 })]);
    }
  }, 120_000);
});
