import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp, TOKENS } from '../support/test-app';
import {
  CLASSES_HEADER, ENROLLMENTS_HEADER, manifest, ORGS_HEADER, packageFolder, SESSIONS_HEADER, untilImport, USERS_HEADER, zipOf,
} from '../support/oneroster-packages';

/** Two districts' roster system (source `nsis`) and a token for each district. */
const NORTH = 'north-district-token-0123456789ab';
const SOUTH = 'south-district-token-0123456789ab';

function tokensFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'import-scope-tokens-')), 'tokens.json');
  const tokens = [
    { name: 'admin', token: TOKENS.admin, roles: ['admin'], organisations: ['*'] },
    { name: 'north-sis', token: NORTH, roles: ['commands', 'reports'], organisations: ['nsis.d-n'] },
    { name: 'south-sis', token: SOUTH, roles: ['commands', 'reports'], organisations: ['nsis.d-s'] },
  ];
  writeFileSync(file, JSON.stringify({ tokens }));
  return file;
}

const delta = (files: Record<string, string[]>) => packageFolder({ 'manifest.csv': manifest('delta', Object.keys(files).map((f) => f.replace('.csv', '')), 'nsis'), ...files });
const AT = '2025-10-02T08:00:00Z';

describe('A token limited to some organisations imports only into them (API.md "Tokens", interchange.md)', () => {
  let app: TestApp;
  const post = async (folder: string, token: string) => {
    const response = await fetch(`${app.url}/v1/imports/oneroster`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' }, body: await zipOf(folder) });
    return { status: response.status, body: (await response.json()) as { importId: string; status: string } };
  };
  const head = async () => (await app.get('/v1/audit/events?fromPosition=0&limit=1000')).body.items.length as number;
  const errors = (report: { issues: { file: string; line: number; field: string | null; code: string; severity: string }[] }) =>
    report.issues.filter((i) => i.severity === 'error').map((i) => [i.file, i.line, i.field, i.code]);

  beforeAll(async () => {
    app = await TestApp.start({ authTokensFile: tokensFile() });
    // The national roster system (a token with *) sends both districts, their schools and the school year.
    const both = packageFolder({
      'manifest.csv': manifest('bulk', ['orgs', 'academicSessions'], 'nsis'),
      'orgs.csv': [ORGS_HEADER, 'd-n,,,North District,district,,', 'd-s,,,South District,district,,', 's-n1,,,Ash School,school,200001,d-n', 's-s1,,,Elm School,school,200002,d-s'],
      'academicSessions.csv': [SESSIONS_HEADER, 'y-25,,,2025/26,schoolYear,2025-09-01,2026-08-31,,2026', 't-aut,,,Autumn,term,2025-09-01,2025-12-20,y-25,2026'],
    });
    const accepted = await post(both, TOKENS.admin);
    expect(accepted.status).toBe(202);
    expect(errors(await untilImport(app, accepted.body.importId, ['done']))).toEqual([]);
  }, 60_000);
  afterAll(() => app.stop());

  it("a district's token imports its own district's package: a school, a class, a teacher, a student and enrollments", async () => {
    const own = delta({
      'orgs.csv': [ORGS_HEADER, `s-n2,active,${AT},Oak School,school,200003,d-n`],
      'academicSessions.csv': [SESSIONS_HEADER, 'y-25,active,2025-09-01T00:00:00Z,2025/26,schoolYear,2025-09-01,2026-08-31,,2026'],
      'classes.csv': [CLASSES_HEADER, `c-n1,active,${AT},Maths,09,crs-1,MAT1,scheduled,,s-n1,t-aut,Maths,,`],
      'users.csv': [USERS_HEADER, `u-nia,active,${AT},true,s-n1,student,nia.north,,Nia,North,,,,,,,09,`, `u-ted,active,${AT},true,s-n1,teacher,ted.north,,Ted,North,,,ted@ash.example,,,,,`],
      'enrollments.csv': [ENROLLMENTS_HEADER, `e-n1,active,${AT},c-n1,s-n1,u-nia,student,false,2025-09-01,`, `e-n2,active,${AT},c-n1,s-n1,u-ted,teacher,true,2025-09-01,`],
    });
    const accepted = await post(own, NORTH);
    expect(accepted.status).toBe(202);
    const report = await untilImport(app, accepted.body.importId, ['done', 'rejected', 'failed'], NORTH);
    expect(errors(report)).toEqual([]);
    expect(report.status).toBe('done');
    expect(report.counts).toMatchObject({
      'orgs.csv': { created: 1, failed: 0 }, 'classes.csv': { created: 1, failed: 0 }, 'users.csv': { created: 2, failed: 0 }, 'enrollments.csv': { created: 2, failed: 0 },
      // A session sent as the national system imported it: nothing to apply, so no national command.
      'academicSessions.csv': { unchanged: 1 },
    });
    const nia = await app.get('/v1/students/nsis.u-nia', { minPosition: report.position!, token: NORTH });
    expect(nia.body).toMatchObject({ districtId: 'nsis.d-n', username: 'nia.north' });
    // The report is the importing token's (and a * token's), not another district's.
    expect((await app.get(`/v1/imports/${report.importId}`, { token: TOKENS.admin })).status).toBe(200);
    expect((await app.get(`/v1/imports/${report.importId}`, { token: SOUTH })).status).toBe(404);
  });

  it("a package naming another district's school is rejected whole, with the file, line and field of each row that touches it", async () => {
    const before = await head();
    const reaching = delta({
      'orgs.csv': [ORGS_HEADER, `s-n1,active,${AT},Ash School (renamed),school,200001,d-n`, `s-s1,active,${AT},Elm School (mine now),school,200002,d-s`],
      'users.csv': [USERS_HEADER, `u-ola,active,${AT},true,s-n1,student,ola.north,,Ola,North,,,,,,,09,`, `u-sal,active,${AT},true,"s-n1,s-s1",student,sal.south,,Sal,South,,,,,,,10,`],
    });
    const accepted = await post(reaching, NORTH);
    const report = await untilImport(app, accepted.body.importId, ['done', 'rejected', 'failed'], NORTH);
    expect(report.status).toBe('rejected');
    expect(errors(report)).toEqual([
      ['orgs.csv', 3, 'sourcedId', 'Forbidden'],
      ['orgs.csv', 3, 'parentSourcedId', 'Forbidden'],
      ['users.csv', 3, 'orgSourcedIds', 'Forbidden'],
    ]);
    expect(await head()).toBe(before);
    expect((await app.get('/v1/students/nsis.u-ola', { token: TOKENS.admin })).status).toBe(404);
  });

  it('academic years and terms are national: a new term from a district token is rejected, naming its line', async () => {
    const before = await head();
    const term = delta({ 'academicSessions.csv': [SESSIONS_HEADER, `t-spr,active,${AT},Spring,term,2026-01-05,2026-07-20,y-25,2026`] });
    const report = await untilImport(app, (await post(term, NORTH)).body.importId, ['done', 'rejected', 'failed'], NORTH);
    expect(report.status).toBe('rejected');
    expect(errors(report)).toEqual([['academicSessions.csv', 2, 'sourcedId', 'Forbidden']]);
    expect(await head()).toBe(before);
  });

  it("rule 6: a row reaching another district's student through a school of its own is refused when applied, as the command would be over HTTP", async () => {
    const south = delta({ 'users.csv': [USERS_HEADER, `u-sam,active,${AT},true,s-s1,student,sam.south,,Sam,South,,,,,,,09,`] });
    const imported = await untilImport(app, (await post(south, SOUTH)).body.importId, ['done', 'rejected', 'failed'], SOUTH);
    expect([imported.status, errors(imported)]).toEqual(['done', []]);

    const reaching = delta({ 'users.csv': [USERS_HEADER, `u-sam,active,2025-10-03T08:00:00Z,true,s-n1,student,sam.taken,,Sam,Taken,,,,,,,09,`] });
    const report = await untilImport(app, (await post(reaching, NORTH)).body.importId, ['done', 'rejected', 'failed'], NORTH);
    expect(errors(report)).toEqual([['users.csv', 2, null, 'Forbidden']]);
    expect(report.counts['users.csv']).toMatchObject({ failed: 1, updated: 0 });
    const sam = await app.get('/v1/students/nsis.u-sam', { minPosition: imported.position!, token: TOKENS.admin });
    expect(sam.body).toMatchObject({ username: 'sam.south', familyName: 'South', districtId: 'nsis.d-s' });
  });
});
