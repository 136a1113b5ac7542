import { Answer, expectOk, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const RATES = { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 };

/**
 * The facts claim decisions read from other claims' streams (never a read model), run for real:
 * refresher eligibility (`ClaimFacts.refresherEligible`), a mentor's open claims at a school
 * (`ClaimLookup.openClaimsOfMentorAt`) and the allowance released by a downward revision or by
 * payment_not_approved. Each test registers its own mentors and claims; the one claim window open
 * today is shared, so no test counts what a batch command moved.
 */
describe('Claims: lookups over real streams (embedded backend)', () => {
  let app: TestApp;
  let trn = 2_000_000;
  const as = (userId: string) => ({ headers: { 'X-Acting-User': userId } });
  const ok = async (name: string, body: object, userId?: string) => expectOk(await app.command(name, body, userId ? as(userId) : {})).body;
  const outcome = (answer: Answer) => (answer.status === 200 ? [200] : [answer.status, answer.body.error]);
  const mentor = async (mentorId: string, schoolIds: string[]) => {
    await ok('RegisterMentor', { mentorId, trn: String(trn++), givenName: 'Mentor', familyName: mentorId });
    for (const schoolId of schoolIds) await ok('AddMentorToSchool', { mentorId, schoolId });
  };
  const SCHOOL_USER: Record<string, string> = { 's-a': 'u-a', 's-b': 'u-b' };
  const draft = (claimId: string, schoolId: string, mentorId: string, hours: number, { trainingType = 'initial', academicYearId = 'y-2026', providerId = 'p-1' } = {}) =>
    app.command('DraftClaim', { claimId, schoolId, providerId, academicYearId, mentorTrainings: [{ mentorId, hours, trainingType }] }, as(SCHOOL_USER[schoolId]));
  const submit = (claimId: string, schoolId = 's-a') => ok('SubmitClaim', { claimId }, SCHOOL_USER[schoolId]);
  const support = (name: string, body: object, userId = 'u-sup1') => ok(name, body, userId);
  const allowance = async (mentorId: string, position: string) =>
    (await app.get(`/v1/mentors/${mentorId}/allowances?academicYearId=y-2026`, { minPosition: position })).body.items.map((a: { providerId: string; hoursUsed: number; hoursRemaining: number }) => [
      a.providerId, a.hoursUsed, a.hoursRemaining,
    ]);

  beforeAll(async () => {
    app = await TestApp.start();
    await ok('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District' });
    await ok('RegisterOrganisation', { organisationId: 's-a', type: 'school', name: 'School A', parentId: 'd-1', fundingRegion: 'fringe' });
    await ok('RegisterOrganisation', { organisationId: 's-b', type: 'school', name: 'School B', parentId: 'd-1', fundingRegion: 'rest_of_england' });
    for (const providerId of ['p-1', 'p-2']) await ok('RegisterOrganisation', { organisationId: providerId, type: 'provider', name: providerId, accredited: true });
    await ok('DefineAcademicYear', { academicYearId: 'y-2026', name: '2026/27', startsOn: '2026-09-01', endsOn: '2027-08-31' });
    await ok('DefineAcademicYear', { academicYearId: 'y-2027', name: '2027/28', startsOn: '2027-09-01', endsOn: '2028-08-31' });
    for (const academicYearId of ['y-2026', 'y-2027']) await ok('SetFundingRates', { academicYearId, rates: RATES });
    const users: [string, string, string, string][] = [
      ['u-a', 'a@school-a.example', 's-a', 'school_contact'],
      ['u-b', 'b@school-b.example', 's-b', 'school_contact'],
      ['u-sup1', 'one@education.gov.uk', 'd-1', 'support'],
      ['u-sup2', 'two@education.gov.uk', 'd-1', 'support'],
    ];
    for (const [userId, email, organisationId, role] of users) {
      await ok('RegisterUser', { userId, email, givenName: 'User', familyName: userId, service: 'claims' });
      await ok('GrantMembership', { userId, organisationId, role });
    }
    for (const schoolId of ['s-a', 's-b']) {
      await ok('OnboardOrganisation', { organisationId: schoolId, service: 'claims' });
      for (const academicYearId of ['y-2026', 'y-2027']) await ok('GrantSchoolEligibility', { schoolId, academicYearId });
      await ok('AcceptGrantConditions', { schoolId }, SCHOOL_USER[schoolId]);
    }
    await ok('DefineClaimWindow', { claimWindowId: 'w-open', academicYearId: 'y-2026', startsOn: day(-10), endsOn: day(30) });
  });
  afterAll(() => app.stop());

  describe('claims rule 3: a refresher needs a submitted (or later) claim with the same provider in an earlier academic year', () => {
    it('refused with no earlier claim, with only a draft, with another provider, or in the same year; accepted once the earlier claim is submitted', async () => {
      await mentor('m-r', ['s-a']);
      const refresher = (claimId: string, options: { providerId?: string; academicYearId?: string } = {}) =>
        draft(claimId, 's-a', 'm-r', 6, { trainingType: 'refresher', academicYearId: 'y-2027', ...options });
      expect(outcome(await refresher('c-r-none'))).toEqual([422, 'RefresherNotAllowed']);

      expectOk(await draft('c-r-earlier', 's-a', 'm-r', 10));
      expect(outcome(await refresher('c-r-draft-only'))).toEqual([422, 'RefresherNotAllowed']);

      await submit('c-r-earlier');
      expect(outcome(await refresher('c-r-other-provider', { providerId: 'p-2' }))).toEqual([422, 'RefresherNotAllowed']);
      expect(outcome(await draft('c-r-same-year', 's-a', 'm-r', 2, { trainingType: 'refresher', academicYearId: 'y-2026', providerId: 'p-1' }))).toEqual([422, 'RefresherNotAllowed']);
      expect(outcome(await refresher('c-r-ok'))).toEqual([200]);
    });

    it('a refresher over its 6 hours is AllowanceExceeded', async () => {
      await mentor('m-r6', ['s-a']);
      expectOk(await draft('c-r6-earlier', 's-a', 'm-r6', 4));
      await submit('c-r6-earlier');
      const over = await draft('c-r6-over', 's-a', 'm-r6', 7, { trainingType: 'refresher', academicYearId: 'y-2027' });
      expect([over.status, over.body.error, over.body.details[0]]).toEqual([422, 'AllowanceExceeded', expect.objectContaining({ mentorId: 'm-r6', allowanceHours: 6, hoursRemaining: 6 })]);
    });

    it('an earlier claim that was deleted after submission does not make a mentor eligible', async () => {
      await mentor('m-rd', ['s-a']);
      expectOk(await draft('c-rd-earlier', 's-a', 'm-rd', 10));
      await submit('c-rd-earlier');
      await support('DeleteClaim', { claimId: 'c-rd-earlier' });
      expect(outcome(await draft('c-rd-refresher', 's-a', 'm-rd', 6, { trainingType: 'refresher', academicYearId: 'y-2027' }))).toEqual([422, 'RefresherNotAllowed']);
    });
  });

  describe('reference rule 3: a mentor cannot leave a school while in one of its claims that is not settled', () => {
    const leave = async (mentorId: string, schoolId = 's-a') => outcome(await app.command('RemoveMentorFromSchool', { mentorId, schoolId }));
    const claimAt = async (status: string) => {
      await mentor(`m-${status}`, ['s-a']);
      expectOk(await draft(`c-${status}`, 's-a', `m-${status}`, 2));
      return `c-${status}`;
    };

    it('draft, submitted, payment_in_progress, payment_information_requested and sampling_in_progress hold the mentor; deleted, paid, payment_not_approved and clawback_complete let them go', async () => {
      const results: Record<string, unknown[]> = {};
      const check = async (status: string) => {
        const answer = await app.command('RemoveMentorFromSchool', { mentorId: `m-${status}`, schoolId: 's-a' });
        results[status] = outcome(answer);
        if (answer.status === 409) expect(answer.body.details).toEqual([{ claimId: `c-${status}`, reference: expect.stringMatching(/^\d{8}$/), status }]);
      };

      await claimAt('draft');
      await check('draft');
      await support('DeleteClaim', { claimId: await claimAt('deleted') });
      await check('deleted');
      await submit(await claimAt('submitted'));
      await check('submitted');

      const later = ['payment_in_progress', 'payment_information_requested', 'paid', 'payment_not_approved', 'sampling_in_progress', 'clawback_complete'];
      for (const status of later) await submit(await claimAt(status));
      expect((await support('RequestClaimPayments', { claimWindowId: 'w-open' })).affected).toBeGreaterThanOrEqual(later.length);
      await check('payment_in_progress');
      await support('RecordClaimPaymentResponse', { claimId: 'c-payment_information_requested', outcome: 'unpaid', reason: 'Bank details missing' });
      await check('payment_information_requested');
      await support('RecordClaimPaymentResponse', { claimId: 'c-paid', outcome: 'paid' });
      await check('paid');
      await support('RecordClaimPaymentResponse', { claimId: 'c-payment_not_approved', outcome: 'unpaid', reason: 'No bank account' });
      await support('RejectClaimPayment', { claimId: 'c-payment_not_approved', reason: 'Never evidenced' });
      await check('payment_not_approved');
      for (const status of ['sampling_in_progress', 'clawback_complete']) {
        await support('RecordClaimPaymentResponse', { claimId: `c-${status}`, outcome: 'paid' });
        await support('SampleClaim', { claimId: `c-${status}`, reason: 'Quality sample' });
      }
      await check('sampling_in_progress');
      const clawedBack = { claimId: 'c-clawback_complete' };
      await support('RecordProviderSamplingResponse', { ...clawedBack, mentors: [{ mentorId: 'm-clawback_complete', accepted: false, reason: 'No record' }] });
      await support('RejectSampledClaim', { ...clawedBack, mentors: [{ mentorId: 'm-clawback_complete', reason: 'Not evidenced' }] });
      await support('RequestClawback', { ...clawedBack, mentors: [{ mentorId: 'm-clawback_complete', hoursKept: 0, reason: 'Nothing evidenced' }] });
      await support('ApproveClawback', clawedBack, 'u-sup2');
      await support('SendClawbacks', { claimWindowId: 'w-open' });
      await support('RecordClawbackComplete', clawedBack);
      await check('clawback_complete');

      expect(results).toEqual({
        draft: [409, 'MentorInOpenClaim'],
        deleted: [200],
        submitted: [409, 'MentorInOpenClaim'],
        payment_in_progress: [409, 'MentorInOpenClaim'],
        payment_information_requested: [409, 'MentorInOpenClaim'],
        paid: [200],
        payment_not_approved: [200],
        sampling_in_progress: [409, 'MentorInOpenClaim'],
        clawback_complete: [200],
      });
    }, 60_000);

    it('only claims of that school count: an open claim at another school does not hold the mentor here', async () => {
      await mentor('m-two', ['s-a', 's-b']);
      expectOk(await draft('c-two-b', 's-b', 'm-two', 3));
      expect(await leave('m-two', 's-a')).toEqual([200]);
      expect(await leave('m-two', 's-b')).toEqual([409, 'MentorInOpenClaim']);
    });

    it('a claim revised to no longer name the mentor does not hold them', async () => {
      await mentor('m-gone', ['s-a']);
      await mentor('m-stays', ['s-a']);
      expectOk(await draft('c-gone', 's-a', 'm-gone', 3));
      await ok('ReviseClaim', { claimId: 'c-gone', mentorTrainings: [{ mentorId: 'm-stays', hours: 3, trainingType: 'initial' }] }, 'u-a');
      expect(await leave('m-gone')).toEqual([200]);
      expect(await leave('m-stays')).toEqual([409, 'MentorInOpenClaim']);
    });
  });

  describe('claims rule 4: hours are released on a downward revision and on payment_not_approved', () => {
    it('a downward revision gives the hours back to the other schools at once; an upward one over the allowance is refused', async () => {
      await mentor('m-down', ['s-a', 's-b']);
      const first = await ok('DraftClaim', { claimId: 'c-down-a', schoolId: 's-a', providerId: 'p-1', academicYearId: 'y-2026', mentorTrainings: [{ mentorId: 'm-down', hours: 12, trainingType: 'initial' }] }, 'u-a');
      expect(await allowance('m-down', first.position)).toEqual([['p-1', 12, 4]]);
      const over = await draft('c-down-b', 's-b', 'm-down', 8);
      expect([over.status, over.body.error, over.body.details[0].hoursRemaining]).toEqual([422, 'AllowanceExceeded', 4]);

      const revised = await ok('ReviseClaim', { claimId: 'c-down-a', mentorTrainings: [{ mentorId: 'm-down', hours: 8, trainingType: 'initial' }] }, 'u-a');
      expect(await allowance('m-down', revised.position)).toEqual([['p-1', 8, 8]]);
      const second = expectOk(await draft('c-down-b', 's-b', 'm-down', 8));
      expect(await allowance('m-down', second.body.position)).toEqual([['p-1', 16, 0]]);
      const up = await app.command('ReviseClaim', { claimId: 'c-down-a', mentorTrainings: [{ mentorId: 'm-down', hours: 9, trainingType: 'initial' }] }, as('u-a'));
      expect([up.status, up.body.error, up.body.details[0].hoursRemaining]).toEqual([422, 'AllowanceExceeded', 0]);
    });

    it('payment_not_approved gives the claim’s hours back; the earlier steps of payment keep them', async () => {
      await mentor('m-npa', ['s-a', 's-b']);
      expectOk(await draft('c-npa-a', 's-a', 'm-npa', 16));
      await submit('c-npa-a');
      await support('RequestClaimPayments', { claimWindowId: 'w-open' });
      await support('RecordClaimPaymentResponse', { claimId: 'c-npa-a', outcome: 'unpaid', reason: 'Bank details missing' });
      expect(outcome(await draft('c-npa-b', 's-b', 'm-npa', 1))).toEqual([422, 'AllowanceExceeded']);

      const rejected = await support('RejectClaimPayment', { claimId: 'c-npa-a', reason: 'Never evidenced' });
      expect(await allowance('m-npa', rejected.position)).toEqual([['p-1', 0, 16]]);
      const taken = expectOk(await draft('c-npa-b', 's-b', 'm-npa', 16));
      expect(await allowance('m-npa', taken.body.position)).toEqual([['p-1', 16, 0]]);
    });
  });
});
