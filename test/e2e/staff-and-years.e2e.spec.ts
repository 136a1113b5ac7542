import { expectOk, TestApp } from '../support/test-app';

describe('Staff users, academic years and organisation reference data over HTTP (embedded backend)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
    for (const [organisationId, type, parentId] of [
      ['d-a', 'district', undefined],
      ['s-north', 'school', 'd-a'],
      ['s-south', 'school', 'd-a'],
      ['p-1', 'provider', undefined],
    ] as const) {
      expectOk(await app.command('RegisterOrganisation', { organisationId, type, name: `Org ${organisationId}`, ...(parentId ? { parentId } : {}) }));
    }
  });
  afterAll(() => app.stop());

  it('one person (one email) teaches at one school and administers another', async () => {
    expectOk(await app.command('RegisterUser', { userId: 'u-ann', email: 'ann.lee@school.example', givenName: 'Ann', familyName: 'Lee' }));
    expectOk(await app.command('GrantMembership', { userId: 'u-ann', organisationId: 's-north', role: 'teacher' }));
    const last = expectOk(await app.command('GrantMembership', { userId: 'u-ann', organisationId: 's-south', role: 'administrator' }));

    const user = await app.get('/v1/users/u-ann', { minPosition: last.body.position });
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ userId: 'u-ann', email: 'ann.lee@school.example', service: 'roster', status: 'active' });
    expect(user.body.memberships).toEqual([
      { organisationId: 's-north', organisationName: 'Org s-north', organisationType: 'school', role: 'teacher' },
      { organisationId: 's-south', organisationName: 'Org s-south', organisationType: 'school', role: 'administrator' },
    ]);

    const again = await app.command('RegisterUser', { userId: 'u-ann-2', email: 'Ann.Lee@School.Example', givenName: 'Ann', familyName: 'Lee', service: 'roster' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('EmailTaken');
    expectOk(await app.command('RegisterUser', { userId: 'u-ann-claims', email: 'ann.lee@school.example', givenName: 'Ann', familyName: 'Lee', service: 'claims' }));
  });

  it('staff user rules over HTTP: own membership, support email, selection needs a membership, unknown organisation', async () => {
    expectOk(await app.command('RegisterUser', { userId: 'u-bo', email: 'bo@school.example', givenName: 'Bo', familyName: 'Kim' }));
    expectOk(await app.command('GrantMembership', { userId: 'u-bo', organisationId: 's-north', role: 'principal' }));

    expectOk(await app.command('RegisterUser', { userId: 'u-head', email: 'head@school.example', givenName: 'Hal', familyName: 'Head' }));
    expectOk(await app.command('GrantMembership', { userId: 'u-head', organisationId: 's-north', role: 'administrator' }));
    const own = await app.command('RevokeMembership', { userId: 'u-bo', organisationId: 's-north', role: 'principal' }, { headers: { 'X-Acting-User': 'u-bo' } });
    expect([own.status, own.body.error]).toEqual([403, 'CannotRevokeOwnMembership']);
    const support = await app.command('GrantMembership', { userId: 'u-bo', organisationId: 's-north', role: 'support' });
    expect([support.status, support.body.error]).toEqual([422, 'SupportEmailRequired']);
    const select = await app.command('SelectOrganisation', { userId: 'u-bo', organisationId: 's-south' });
    expect([select.status, select.body.error]).toEqual([422, 'NoMembership']);
    const unknown = await app.command('GrantMembership', { userId: 'u-bo', organisationId: 'nowhere', role: 'teacher' });
    expect([unknown.status, unknown.body.error]).toEqual([404, 'OrganisationNotFound']);

    expectOk(await app.command('SelectOrganisation', { userId: 'u-bo', organisationId: 's-north' }));
    const repeat = expectOk(await app.command('GrantMembership', { userId: 'u-bo', organisationId: 's-north', role: 'principal' }));
    expect(repeat.body.events).toEqual([]);
    const revoked = expectOk(await app.command('RevokeMembership', { userId: 'u-bo', organisationId: 's-north', role: 'principal' }, { headers: { 'X-Acting-User': 'u-head' } }));
    const user = await app.get('/v1/users/u-bo', { minPosition: revoked.body.position });
    expect(user.body).toMatchObject({ memberships: [], selectedOrganisationId: null });
  });

  it('academic years: defined with terms and funding rates, listed by start date; overlaps and stray terms are refused', async () => {
    expectOk(await app.command('DefineAcademicYear', { academicYearId: 'ay-2026', name: '2026/27', startsOn: '2026-09-01', endsOn: '2027-08-31' }));
    expectOk(await app.command('DefineAcademicYear', { academicYearId: 'ay-2025', name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31' }));
    const repeat = expectOk(await app.command('DefineAcademicYear', { academicYearId: 'ay-2025', name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31' }));
    expect(repeat.body.events).toEqual([]);

    const overlap = await app.command('DefineAcademicYear', { academicYearId: 'ay-bad', name: 'Bad', startsOn: '2026-06-01', endsOn: '2027-05-31' });
    expect([overlap.status, overlap.body.error]).toEqual([409, 'AcademicYearsOverlap']);
    expect(overlap.body.message).toMatch(/ay-202[56]/);
    const reversed = await app.command('DefineAcademicYear', { academicYearId: 'ay-rev', name: 'Rev', startsOn: '2031-08-31', endsOn: '2030-09-01' });
    expect([reversed.status, reversed.body.error]).toEqual([422, 'InvalidDateRange']);

    expectOk(await app.command('DefineTerm', { academicYearId: 'ay-2025', termId: 'autumn', name: 'Autumn', startsOn: '2025-09-01', endsOn: '2025-12-19' }));
    const outside = await app.command('DefineTerm', { academicYearId: 'ay-2025', termId: 'late', name: 'Late', startsOn: '2026-08-01', endsOn: '2026-09-30' });
    expect([outside.status, outside.body.error]).toEqual([422, 'TermOutsideYear']);
    const clash = await app.command('DefineTerm', { academicYearId: 'ay-2025', termId: 'spring', name: 'Spring', startsOn: '2025-12-01', endsOn: '2026-03-31' });
    expect([clash.status, clash.body.error]).toEqual([409, 'TermsOverlap']);

    const badRates = await app.command('SetFundingRates', { academicYearId: 'ay-2025', rates: { inner_london: -1, outer_london: 4825, fringe: 45.1, rest_of_england: 4380 } });
    expect(badRates.status).toBe(400);
    expect(badRates.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['rates.fringe', 'rates.inner_london']);
    const rates = { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 };
    const set = expectOk(await app.command('SetFundingRates', { academicYearId: 'ay-2025', rates }));

    const year = await app.get('/v1/academic-years/ay-2025', { minPosition: set.body.position });
    expect(year.body).toMatchObject({
      academicYearId: 'ay-2025', name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31',
      terms: [{ termId: 'autumn', name: 'Autumn', startsOn: '2025-09-01', endsOn: '2025-12-19' }],
      fundingRates: rates,
    });
    const list = await app.get('/v1/academic-years?limit=2');
    expect(list.body.items.map((y: { academicYearId: string }) => y.academicYearId)).toEqual(['ay-2025', 'ay-2026']);
    expect(Number(list.headers.get('x-total-count'))).toBeGreaterThanOrEqual(2);
    const unknown = await app.get('/v1/academic-years/nope');
    expect([unknown.status, unknown.body.error]).toEqual([404, 'NotFound']);
  });

  it('two overlapping academic years defined at the same moment: exactly one is accepted, every time', async () => {
    for (let i = 0; i < 20; i++) {
      const year = 3000 + i;
      const answers = await Promise.all([
        app.command('DefineAcademicYear', { academicYearId: `race-${i}-a`, name: `A ${year}`, startsOn: `${year}-01-01`, endsOn: `${year}-06-30` }),
        app.command('DefineAcademicYear', { academicYearId: `race-${i}-b`, name: `B ${year}`, startsOn: `${year}-03-01`, endsOn: `${year}-08-31` }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.error).toBe('AcademicYearsOverlap');
    }
    const streams = await Promise.all(
      Array.from({ length: 20 }, (_, i) => Promise.all(['a', 'b'].map((side) => app.request('GET', `/v1/audit/streams/academic-year-race-${i}-${side}`)))),
    );
    expect(streams.map((pair) => pair.filter((answer) => answer.status === 200).length)).toEqual(Array(20).fill(1));
  });

  it('an organisation with contacts and onboarding flags, eligibility and grant conditions accepted by a school user', async () => {
    expectOk(await app.command('OnboardOrganisation', { organisationId: 's-north', service: 'claims' }));
    const contact = expectOk(await app.command('AddOrganisationContact', { organisationId: 's-north', contactId: 'c-1', givenName: 'Pat', familyName: 'Jones', email: 'pat@school.example', role: 'Placement lead' }));
    const school = await app.get('/v1/organisations/s-north', { minPosition: contact.body.position });
    expect([school.status, school.body.onboarded, school.body.contacts.map((c: { contactId: string }) => c.contactId)]).toEqual([200, { claims: true, placements: false }, ['c-1']]);

    expectOk(await app.command('DefineAcademicYear', { academicYearId: 'ay-2040', name: '2040/41', startsOn: '2040-09-01', endsOn: '2041-08-31' }));
    expectOk(await app.command('GrantSchoolEligibility', { schoolId: 's-north', academicYearId: 'ay-2040' }));
    const noYear = await app.command('GrantSchoolEligibility', { schoolId: 's-north', academicYearId: 'ay-none' });
    expect([noYear.status, noYear.body.error]).toEqual([404, 'AcademicYearNotFound']);
    const provider = await app.command('GrantSchoolEligibility', { schoolId: 'p-1', academicYearId: 'ay-2040' });
    expect([provider.status, provider.body.error]).toEqual([422, 'NotASchool']);

    const anonymous = await app.command('AcceptGrantConditions', { schoolId: 's-north' });
    expect([anonymous.status, anonymous.body.error]).toEqual([403, 'ActingUserRequired']);
    expectOk(await app.command('RegisterUser', { userId: 'u-cy', email: 'cy@school.example', givenName: 'Cy', familyName: 'Park' }));
    expectOk(await app.command('GrantMembership', { userId: 'u-cy', organisationId: 's-south', role: 'school_contact' }));
    const outsider = await app.command('AcceptGrantConditions', { schoolId: 's-north' }, { headers: { 'X-Acting-User': 'u-cy' } });
    expect([outsider.status, outsider.body.error]).toEqual([403, 'NotASchoolUser']);
    expectOk(await app.command('RegisterUser', { userId: 'u-dee', email: 'dee@school.example', givenName: 'Dee', familyName: 'Lane' }));
    expectOk(await app.command('GrantMembership', { userId: 'u-dee', organisationId: 's-north', role: 'school_contact' }));
    const accepted = expectOk(await app.command('AcceptGrantConditions', { schoolId: 's-north' }, { headers: { 'X-Acting-User': 'u-dee' } }));

    const org = await app.get('/v1/organisations/s-north', { minPosition: accepted.body.position });
    expect(org.body).toMatchObject({
      organisationId: 's-north',
      onboarded: { claims: true, placements: false },
      contacts: [{ contactId: 'c-1', givenName: 'Pat', familyName: 'Jones', email: 'pat@school.example', telephone: null, role: 'Placement lead' }],
      eligibleAcademicYearIds: ['ay-2040'],
      grantConditionsAccepted: { acceptedBy: 'u-dee' },
    });
    expect(Date.parse(org.body.grantConditionsAccepted.acceptedAt)).not.toBeNaN();

    expectOk(await app.command('CloseOrganisation', { organisationId: 's-south' }));
    const closed = await app.command('OnboardOrganisation', { organisationId: 's-south', service: 'placements' });
    expect([closed.status, closed.body.error]).toEqual([409, 'OrganisationClosed']);
  });
});
