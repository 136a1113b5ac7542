import { Answer, expectOk, TestApp } from '../support/test-app';

// The service decides "current or next academic year" by today's date, so the years are built around today.
const today = new Date();
const startYear = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
const YEAR = { academicYearId: `ay-${startYear}`, name: `${startYear}/${startYear + 1}`, startsOn: `${startYear}-09-01`, endsOn: `${startYear + 1}-08-31` };
const LATER = { academicYearId: `ay-${startYear + 3}`, name: `${startYear + 3}/${startYear + 4}`, startsOn: `${startYear + 3}-09-01`, endsOn: `${startYear + 4}-08-31` };

// A provider searches from central London; one school is 10 km due north, another 40 km (1° of latitude ≈ 111.195 km).
const centre = { latitude: 51.5072, longitude: -0.1276 };
const north = (km: number) => ({ latitude: centre.latitude + km / 111.195, longitude: centre.longitude });
const near = `${centre.latitude},${centre.longitude}`;

describe('Placements over HTTP (embedded backend)', () => {
  let app: TestApp;
  let last = '0';
  const ok = async (name: string, body: unknown) => {
    const answer = expectOk(await app.command(name, body));
    last = answer.body.position;
    return answer;
  };
  const placement = async (placementId: string, schoolId: string, subjectId: string, extra: Record<string, unknown> = {}) => {
    await ok('CreatePlacement', { placementId, schoolId, academicYearId: YEAR.academicYearId, subjectId, ...extra });
    await ok('PublishPlacement', { placementId });
  };
  /** The clean-up process runs after the command that triggers it: wait for its effect. */
  const eventually = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    app = await TestApp.start();
    await ok('RegisterOrganisation', { organisationId: 's-near', type: 'school', name: 'Near School', location: north(10) });
    await ok('RegisterOrganisation', { organisationId: 's-far', type: 'school', name: 'Far School', location: north(40) });
    await ok('RegisterOrganisation', { organisationId: 's-new', type: 'school', name: 'New School', location: north(5) });
    await ok('RegisterOrganisation', { organisationId: 'p-1', type: 'provider', name: 'North SCITT' });
    for (const organisationId of ['s-near', 's-far', 's-new', 'p-1']) await ok('OnboardOrganisation', { organisationId, service: 'placements' });
    for (const organisationId of ['s-near', 's-far']) {
      await ok('AddOrganisationContact', { organisationId, contactId: `${organisationId}-lead`, givenName: 'Pat', familyName: 'Lead', email: `lead@${organisationId}.example` });
    }
    await ok('DefineAcademicYear', YEAR);
    await ok('DefineAcademicYear', LATER);
    await ok('DefineTerm', { academicYearId: YEAR.academicYearId, termId: 'autumn', name: 'Autumn', startsOn: YEAR.startsOn, endsOn: `${startYear}-12-19` });
    await ok('DefineSubject', { subjectId: 'mfl', name: 'Modern foreign languages', code: '15', phase: 'secondary' });
    await ok('DefineSubject', { subjectId: 'french', name: 'French', code: '15A', phase: 'secondary', parentSubjectId: 'mfl' });
    await ok('DefineSubject', { subjectId: 'maths', name: 'Mathematics', code: 'G1', phase: 'secondary' });
    await ok('RegisterMentor', { mentorId: 'm-1', trn: '1234567', givenName: 'Ada', familyName: 'Byron' });
    await ok('AddMentorToSchool', { mentorId: 'm-1', schoolId: 's-near' });
    await ok('RecordHostingInterest', { schoolId: 's-near', academicYearId: YEAR.academicYearId, appetite: 'actively_looking', details: { placements: 3 } });
    await ok('RecordHostingInterest', { schoolId: 's-far', academicYearId: YEAR.academicYearId, appetite: 'actively_looking' });
    await placement('french-near', 's-near', 'french', { mentorIds: ['m-1'], termIds: ['autumn'] });
    await placement('maths-near', 's-near', 'maths');
    await placement('french-far', 's-far', 'french');
  });
  afterAll(() => app.stop());

  it('a provider searching within 25 km for Modern foreign languages finds the French placement 10 km away, not the one 40 km away', async () => {
    const found = await app.get(`/v1/placements?subjectId=mfl&near=${near}&radiusKm=25&available=true`, { minPosition: last });
    expect(found.status).toBe(200);
    expect(found.headers.get('x-total-count')).toBe('1');
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({
      placementId: 'french-near', schoolName: 'Near School', location: north(10), subjectId: 'french', subjectName: 'French', phase: 'secondary',
      status: 'published', mentors: [{ mentorId: 'm-1', givenName: 'Ada', familyName: 'Byron' }], termIds: ['autumn'], providerId: null,
    });
    expect(found.body.items[0].distanceKm).toBeCloseTo(10, 1);

    const wider = await app.get(`/v1/placements?subjectId=mfl&near=${near}&radiusKm=50`, { minPosition: last });
    expect(wider.body.items.map((p: { placementId: string; distanceKm: number }) => [p.placementId, Math.round(p.distanceKm)])).toEqual([
      ['french-near', 10],
      ['french-far', 40],
    ]);
  });

  it('rejects a bad search with every failing parameter named', async () => {
    const answer = await app.get('/v1/placements?near=91,0&radiusKm=-1&status=gone');
    expect(answer.status).toBe(400);
    expect(answer.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['near', 'radiusKm', 'status']);
  });

  it('rule 1 over HTTP: a school without a contact, or a year that is not current or next, is refused', async () => {
    const noContact = await app.command('CreatePlacement', { placementId: 'x-1', schoolId: 's-new', academicYearId: YEAR.academicYearId, subjectId: 'maths' });
    expect([noContact.status, noContact.body.error]).toEqual([422, 'SchoolHasNoContact']);
    const later = await app.command('CreatePlacement', { placementId: 'x-2', schoolId: 's-near', academicYearId: LATER.academicYearId, subjectId: 'maths' });
    expect([later.status, later.body.error]).toEqual([422, 'AcademicYearNotOpen']);
  });

  it('assigning a provider locks the school’s hosting interest; the assigned placement cannot be deleted or change subject', async () => {
    await ok('AssignPlacementProvider', { placementId: 'french-near', providerId: 'p-1' });
    const locked = await app.command('RecordHostingInterest', { schoolId: 's-near', academicYearId: YEAR.academicYearId, appetite: 'not_open', reasons: ['No mentors left'] });
    expect([locked.status, locked.body.error]).toEqual([409, 'HostingInterestLocked']);
    const deleted = await app.command('DeletePlacement', { placementId: 'french-near' });
    expect([deleted.status, deleted.body.error]).toEqual([409, 'PlacementAssigned']);
    const moved = await app.command('UpdatePlacement', { placementId: 'french-near', subjectId: 'maths' });
    expect([moved.status, moved.body.error]).toEqual([409, 'PlacementAssigned']);
    const again = await app.command('AssignPlacementProvider', { placementId: 'french-near', providerId: 's-far' });
    expect([again.status, again.body.error]).toEqual([409, 'ProviderAlreadyAssigned']);

    const shown = await app.get('/v1/placements/french-near', { minPosition: last });
    expect(shown.body).toMatchObject({ status: 'assigned', providerId: 'p-1', providerName: 'North SCITT' });
    const interest = await app.get(`/v1/schools/s-near/hosting-interest?academicYearId=${YEAR.academicYearId}`, { minPosition: last });
    expect(interest.body).toMatchObject({ appetite: 'actively_looking', locked: true, assignedPlacementIds: ['french-near'], history: [{ appetite: 'actively_looking', details: { placements: 3 } }] });

    // Unassigned, the placement no longer locks the interest.
    await ok('UnassignPlacementProvider', { placementId: 'french-near' });
    await ok('RecordHostingInterest', { schoolId: 's-near', academicYearId: YEAR.academicYearId, appetite: 'actively_looking', details: { placements: 4 } });
    const unlocked = await app.get(`/v1/schools/s-near/hosting-interest?academicYearId=${YEAR.academicYearId}`, { minPosition: last });
    expect(unlocked.body).toMatchObject({ locked: false, details: { placements: 4 }, history: [{ details: { placements: 3 } }, { details: { placements: 4 } }] });
  });

  it('moving away from actively_looking deletes the school’s unassigned placements for the year, under the change’s correlation id', async () => {
    const change = await ok('RecordHostingInterest', { schoolId: 's-far', academicYearId: YEAR.academicYearId, appetite: 'not_interested', reasons: ['Staff shortage'] });
    await eventually(async () => (await app.get('/v1/placements/french-far')).status === 404, 'french-far is deleted');
    const history: Answer = await app.request('GET', '/v1/audit/streams/placement-french-far');
    const deletion = history.body.items.at(-1);
    expect(deletion).toMatchObject({ type: 'PlacementDeleted', data: { cause: 'hosting_interest_changed' }, metadata: { correlationId: change.body.correlationId, actor: { type: 'system' } } });

    const interest = await app.get(`/v1/schools/s-far/hosting-interest?academicYearId=${YEAR.academicYearId}`, { minPosition: change.body.position });
    expect(interest.body).toMatchObject({ appetite: 'not_open', reasons: ['Staff shortage'], history: [{ appetite: 'actively_looking' }, { appetite: 'not_open' }] });
    const refused = await app.command('CreatePlacement', { placementId: 'x-3', schoolId: 's-far', academicYearId: YEAR.academicYearId, subjectId: 'maths' });
    expect([refused.status, refused.body.error]).toEqual([422, 'HostingInterestNotActivelyLooking']);
  });

  it('the subject tree, and partnerships seen from either side', async () => {
    await ok('FormPartnership', { schoolId: 's-near', providerId: 'p-1' });
    const wrong = await app.command('FormPartnership', { schoolId: 'p-1', providerId: 's-near' });
    expect([wrong.status, wrong.body.error]).toEqual([422, 'NotASchool']);
    const tree = await app.get('/v1/subjects', { minPosition: last });
    expect(tree.body.items.map((s: { subjectId: string; children: { subjectId: string }[] }) => [s.subjectId, s.children.map((c) => c.subjectId)])).toEqual([
      ['maths', []],
      ['mfl', ['french']],
    ]);
    for (const organisationId of ['s-near', 'p-1']) {
      const partners = await app.get(`/v1/organisations/${organisationId}/partnerships`, { minPosition: last });
      expect(partners.body.items).toEqual([expect.objectContaining({ schoolId: 's-near', schoolName: 'Near School', providerId: 'p-1', providerName: 'North SCITT', status: 'active' })]);
    }
  });
});
