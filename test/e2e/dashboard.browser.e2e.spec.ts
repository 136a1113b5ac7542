import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expectOk, TestApp, TOKENS } from '../support/test-app';

/** Debian's chromium package; `.ci/run` installs it. Playwright's own browser download cannot be used here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OPERATOR = 'operator-token-0123456789abcdef';
/** `npm run screenshot:dashboard` saves it into docs/images for the README; otherwise it goes to the temp folder. */
const SCREENSHOT = process.env.DASHBOARD_SCREENSHOT ?? join(tmpdir(), 'ledger-dashboard.png');

const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
const title = existsSync(CHROMIUM) ? 'The operator’s dashboard in headless Chromium' : `The operator’s dashboard (skipped: no browser at ${CHROMIUM}; install Debian’s chromium package)`;
const DAY = 86_400_000;
/** The page's storage, typed here since the test is compiled without the DOM library. */
type BrowserStorage = { localStorage: object; sessionStorage: { getItem(key: string): string | null } };
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describeWithBrowser(title, () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-dashboard-'));
    const tokensFile = join(dir, 'dashboard-tokens.json');
    writeFileSync(
      tokensFile,
      JSON.stringify({
        tokens: [
          { name: 'admin', token: TOKENS.admin, roles: ['admin'], organisations: ['*'], actingUsers: true },
          { name: 'operator', token: OPERATOR, roles: ['reports', 'metrics'], organisations: ['*'] },
        ],
      }),
    );
    app = await TestApp.start({ authTokensFile: tokensFile }, dir);
    await seed(app);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows, after the operator types a token, the same projections, counts and claims by status as the API', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${app.url}/dashboard?refresh=1`);
    await page.fill('#token', OPERATOR);
    await page.click('button[type=submit]');
    // The second reading shows commands per second (a rate needs two).
    await page.waitForSelector('body[data-loaded]:not([data-loaded="1"])', { timeout: 15_000 });

    const projections = (await app.get('/v1/projections', { token: OPERATOR })).body.items as { name: string; status: string }[];
    const shown = await page.$$eval('#projections tbody tr', (rows) => rows.map((r) => [r.getAttribute('data-projection'), r.children[1].textContent]));
    expect(shown).toEqual(projections.map((p) => [p.name, p.status]));

    const total = async (path: string) => Number((await app.get(path, { token: OPERATOR })).headers.get('x-total-count'));
    const countOf = (organisationId: string, what: string) =>
      page.$eval(`#organisations tr[data-organisation="${organisationId}"] td[data-count="${what}"]`, (td) => td.textContent);

    expect(await countOf('d-1', 'students')).toBe(String(await total('/v1/districts/d-1/students?limit=1')));
    expect(await countOf('s-a', 'students')).toBe(String(await total('/v1/schools/s-a/students?limit=1')));
    expect(await countOf('s-a', 'classrooms')).toBe(String(await total('/v1/schools/s-a/classrooms?limit=1')));
    expect(await countOf('s-a', 'placements')).toBe(String(await total('/v1/placements?schoolId=s-a&limit=1')));
    expect(await countOf('s-a', 'students')).toBe('3');
    expect(await countOf('s-a', 'classrooms')).toBe('2');

    const claims = JSON.parse((await page.$eval('#organisations tr[data-organisation="s-a"] td[data-count="claims"]', (td) => td.getAttribute('data-claims'))) ?? '{}');
    expect(claims.draft).toBe(await total('/v1/claims?schoolId=s-a&status=draft&limit=1'));
    expect(claims.submitted).toBe(await total('/v1/claims?schoolId=s-a&status=submitted&limit=1'));
    expect(claims).toMatchObject({ draft: 1, submitted: 1 });

    const okTotal = await page.$eval('[data-outcome="ok"]', (b) => b.getAttribute('data-total'));
    expect(Number(okTotal)).toBeGreaterThan(20);

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  }, 60_000);

  it('keeps the token out of the page’s address and storage other than this tab’s session', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/dashboard`);
    await page.fill('#token', OPERATOR);
    await page.click('button[type=submit]');
    await page.waitForSelector('body[data-loaded]', { timeout: 15_000 });
    expect(page.url()).not.toContain(OPERATOR);
    expect(await page.evaluate(() => JSON.stringify((globalThis as unknown as BrowserStorage).localStorage))).not.toContain(OPERATOR);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserStorage).sessionStorage.getItem('ledgerToken'))).toBe(OPERATOR);
    await page.click('#forget');
    expect(await page.evaluate(() => (globalThis as unknown as BrowserStorage).sessionStorage.getItem('ledgerToken'))).toBeNull();
    await page.close();
  }, 60_000);
});

async function seed(app: TestApp): Promise<void> {
  const ok = async (name: string, body: object, actingUser?: string) =>
    expectOk(await app.command(name, body, actingUser ? { headers: { 'X-Acting-User': actingUser } } : {}));
  await ok('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'North District' });
  await ok('RegisterOrganisation', { organisationId: 's-a', type: 'school', name: 'Alder School', parentId: 'd-1', fundingRegion: 'fringe' });
  await ok('RegisterOrganisation', { organisationId: 's-b', type: 'school', name: 'Birch School', parentId: 'd-1' });
  await ok('RegisterOrganisation', { organisationId: 'p-1', type: 'provider', name: 'Provider One', accredited: true });
  for (let i = 0; i < 4; i++) {
    await ok('RegisterStudent', { studentId: `st-${i}`, districtId: 'd-1', username: `pupil${i}`, givenName: 'Pupil', familyName: `Number${i}` });
    await ok('AdmitStudentToSchool', { studentId: `st-${i}`, schoolId: i < 3 ? 's-a' : 's-b', entryDate: '2025-09-01', entryGradeLevel: '05' });
  }
  for (const classroomId of ['c-1', 'c-2']) await ok('CreateClassroom', { classroomId, schoolId: 's-a', title: `Class ${classroomId}`, classType: 'scheduled' });
  await ok('DefineAcademicYear', { academicYearId: 'y-now', name: 'This year', startsOn: day(-100), endsOn: day(200) });
  await ok('SetFundingRates', { academicYearId: 'y-now', rates: { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 } });
  await ok('RegisterUser', { userId: 'u-a', email: 'contact@alder.example', givenName: 'Contact', familyName: 'Alder', service: 'claims' });
  await ok('GrantMembership', { userId: 'u-a', organisationId: 's-a', role: 'school_contact' });
  await ok('OnboardOrganisation', { organisationId: 's-a', service: 'claims' });
  await ok('GrantSchoolEligibility', { schoolId: 's-a', academicYearId: 'y-now' });
  await ok('AcceptGrantConditions', { schoolId: 's-a' }, 'u-a');
  await ok('DefineClaimWindow', { claimWindowId: 'w-now', academicYearId: 'y-now', startsOn: day(-10), endsOn: day(30) });
  await ok('RegisterMentor', { mentorId: 'm-1', trn: '1234567', givenName: 'Mentor', familyName: 'One' });
  await ok('AddMentorToSchool', { mentorId: 'm-1', schoolId: 's-a' });
  for (const claimId of ['cl-1', 'cl-2']) {
    await ok('DraftClaim', { claimId, schoolId: 's-a', providerId: 'p-1', academicYearId: 'y-now', mentorTrainings: [{ mentorId: 'm-1', hours: 2, trainingType: 'initial' }] }, 'u-a');
  }
  await ok('SubmitClaim', { claimId: 'cl-2' }, 'u-a');
}
