import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClaimsWorld, WINDOW } from '../support/claims-world';
import { CLI_JS, ledger } from '../support/ledger-cli';
import { TestApp } from '../support/test-app';

/** `ledger import:claims` on a DATA_DIR whose service is stopped: the same importer as the HTTP route. */
describe('ledger import:claims (the command line)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-claims-cli-'));
  const file = (name: string, ...lines: string[]) => {
    const path = join(dataDir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const ref: Record<string, string> = {};
  /** The claim's status and its stream's length, read by a service started on the same DATA_DIR. */
  const claimsNow = async () => {
    const app = await TestApp.start({}, dataDir);
    try {
      const claims = await Promise.all(['c-1', 'c-2'].map(async (id) => (await app.get(`/v1/audit/streams/claim-${id}`)).body.items as { type: string }[]));
      return claims.map((events) => [events.length, events.at(-1)!.type]);
    } finally {
      await app.stop();
    }
  };

  beforeAll(async () => {
    if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run npm run build first (npm test does)`);
    const app = await TestApp.start({}, dataDir);
    const world = await buildClaimsWorld(app, {
      parents: [{ organisationId: 'd-1', type: 'district', name: 'District' }],
      schools: [{ schoolId: 's-1', name: 'School One', parentId: 'd-1', fundingRegion: 'fringe', userId: 'u-1' }],
      providers: [{ organisationId: 'p-1', name: 'Provider One' }],
    });
    await world.mentor('m-1', 's-1');
    await world.mentor('m-2', 's-1');
    ref['c-1'] = await world.submittedClaim('c-1', 's-1', 'p-1', { 'm-1': 4 });
    ref['c-2'] = await world.submittedClaim('c-2', 's-1', 'p-1', { 'm-2': 6 });
    await world.ok('RequestClaimPayments', { claimWindowId: WINDOW }, 'u-sup1');
    await app.stop();
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a file with an unknown reference: exit 1, the issue printed with its line, nothing appended', async () => {
    const path = file('bad.csv', 'claim_reference,claim_status,claim_unpaid_reason', `${ref['c-1']},paid,`, '99999999,paid,');
    const run = ledger(dataDir, 'import:claims', 'payer-response', path, '--acting-user', 'u-sup1');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/: rejected/);
    expect(run.stdout).toContain('error bad.csv:3 claim_reference UnknownClaimReference');
    expect(await claimsNow()).toEqual([[3, 'ClaimPaymentRequested'], [3, 'ClaimPaymentRequested']]);
  }, 60_000);

  it('a dry run counts and appends nothing; the import applies every row; the second import finds every row unchanged', async () => {
    const path = file('payer.csv', 'claim_reference,claim_status,claim_unpaid_reason', `${ref['c-1']},paid,`, `${ref['c-2']},unpaid,"Missing bank details, please resend"`);
    const dry = ledger(dataDir, 'import:claims', 'payer-response', path, '--dry-run', '--acting-user', 'u-sup1');
    expect([dry.status, dry.stderr]).toEqual([0, '']);
    expect(dry.stdout).toMatch(/done \(dry run: nothing appended\)/);
    expect(dry.stdout).toMatch(/payer\.csv +created 0 {2}updated 2 {2}deleted 0 {2}unchanged 0/);
    expect(await claimsNow()).toEqual([[3, 'ClaimPaymentRequested'], [3, 'ClaimPaymentRequested']]);

    const applied = ledger(dataDir, 'import:claims', 'payer-response', path, '--acting-user', 'u-sup1');
    expect([applied.status, applied.stderr]).toEqual([0, '']);
    expect(applied.stdout).toMatch(/updated 2 {2}deleted 0 {2}unchanged 0/);
    expect(await claimsNow()).toEqual([[4, 'ClaimPaid'], [4, 'ClaimPaymentInformationRequested']]);

    const again = ledger(dataDir, 'import:claims', 'payer-response', path, '--acting-user', 'u-sup1');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/updated 0 {2}deleted 0 {2}unchanged 2/);
    expect(await claimsNow()).toEqual([[4, 'ClaimPaid'], [4, 'ClaimPaymentInformationRequested']]);
  }, 120_000);

  it('an acting user who is not a support user: exit 1, nothing appended', async () => {
    const path = file('by-school.csv', 'claim_reference,claim_status,claim_unpaid_reason', `${ref['c-1']},paid,`);
    const run = ledger(dataDir, 'import:claims', 'payer-response', path, '--acting-user', 'u-1');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('error by-school.csv:0 SupportUserRequired');
  });

  it('bad usage is exit 2: an unknown kind, a missing file, no acting user', () => {
    const path = file('any.csv', 'claim_reference,sample_reason', `${ref['c-1']},x`);
    expect(ledger(dataDir, 'import:claims', 'payments', path, '--acting-user', 'u-sup1').status).toBe(2);
    expect(ledger(dataDir, 'import:claims', 'sampling', join(dataDir, 'none.csv'), '--acting-user', 'u-sup1').status).toBe(2);
    expect(ledger(dataDir, 'import:claims', 'sampling', path).status).toBe(2);
  });
});
