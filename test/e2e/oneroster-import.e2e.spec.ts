import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { ImportJobs } from '../../src/interchange/import-jobs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OneRosterImporter } from '../../src/interchange/oneroster/oneroster.importer';
import { ImportReport } from '../../src/interchange/oneroster/oneroster.report';
import { openPackage } from '../../src/interchange/oneroster/oneroster.source';
import {
  CLASSES_HEADER, ENROLLMENTS_HEADER, manifest, ORGS_HEADER, packageFolder, SESSIONS_HEADER, untilImport as until, USERS_HEADER, zipOf,
} from '../support/oneroster-packages';
import { TestApp, TOKENS } from '../support/test-app';

const ACTOR = { type: 'token' as const, id: 'sis-sync' };
const TODAY = '2025-10-01';

const bulk = {
  'orgs.csv': [ORGS_HEADER, 'd-1,,,North District,district,,', 's-1,,,Alder School,school,100001,d-1', 's-2,,,Birch School,school,100002,d-1'],
  'academicSessions.csv': [SESSIONS_HEADER, 'y-25,,,2025/26,schoolYear,2025-09-01,2026-08-31,,2026', 't-aut,,,Autumn,term,2025-09-01,2025-12-20,y-25,2026'],
  'classes.csv': [CLASSES_HEADER, 'c-1,,,Physics,09,crs-1,PHY1,scheduled,,s-1,t-aut,Science,,', 'c-2,,,History,10,crs-2,HIS1,homeroom,,s-2,t-aut,History,,'],
  'users.csv': [
    USERS_HEADER,
    'u-ann,,,true,s-1,student,ann.lee,,Ann,Lee,,,,,,,09,',
    'u-ben,,,true,s-1,student,ben.ode,,Ben,Ode,,,,,,,09,',
    'u-cy,,,true,"s-1,s-2",student,cy.park,,Cy,Park,,,,,,,10,',
    'u-tom,,,true,s-1,teacher,tom.day,,Tom,Day,,,tom.day@alder.example,,,,,',
    'u-pat,,,true,s-1,parent,pat.lee,,Pat,Lee,,,pat@home.example,,,u-ann,,',
  ],
  'enrollments.csv': [
    ENROLLMENTS_HEADER,
    'e-1,,,c-1,s-1,u-ann,student,false,2025-09-01,',
    'e-2,,,c-1,s-1,u-ben,student,false,2025-09-01,',
    'e-3,,,c-1,s-1,u-tom,teacher,true,2025-09-01,',
    'e-4,,,c-2,s-2,u-cy,student,false,2025-09-08,',
  ],
};

const bulkPackage = (files = bulk) => packageFolder({ 'manifest.csv': manifest('bulk', Object.keys(files).map((f) => f.replace('.csv', ''))), ...files });

describe('Importing OneRoster packages (interchange.md)', () => {
  let app: TestApp;
  let importer: OneRosterImporter;
  const run = async (folder: string, options: { dryRun?: boolean; source?: string } = {}): Promise<ImportReport> =>
    importer.run(await openPackage(folder), { actor: ACTOR, today: TODAY, ...options });
  const head = async () => {
    const page = await app.get('/v1/audit/events?fromPosition=0&limit=1000');
    return page.body.items.length as number;
  };
  const names = (items: { studentId: string }[]) => items.map((s) => s.studentId).sort();

  beforeAll(async () => {
    app = await TestApp.start();
    importer = app.app.get(OneRosterImporter);
  });
  afterAll(() => app.stop());

  it('a bulk package becomes organisations, a year and term, classrooms, students, staff and enrollments, under one correlation id', async () => {
    const report = await run(bulkPackage());
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.status).toBe('done');
    expect(report.source).toBe('sis');
    expect(report.progress).toEqual({ done: 16, total: 16 });
    expect(report.counts['users.csv']).toEqual({ created: 4, updated: 0, deleted: 0, unchanged: 0, ignored: 1, failed: 0 });
    expect(report.counts['enrollments.csv']).toMatchObject({ created: 4, failed: 0 });

    const directory = await app.get('/v1/districts/sis.d-1/students', { minPosition: report.position! });
    expect(names(directory.body.items)).toEqual(['sis.u-ann', 'sis.u-ben', 'sis.u-cy']);
    const alder = await app.get('/v1/schools/sis.s-1/students?asOf=2025-10-01', { minPosition: report.position! });
    expect(names(alder.body.items)).toEqual(['sis.u-ann', 'sis.u-ben', 'sis.u-cy']);
    const birch = await app.get('/v1/schools/sis.s-2/students?asOf=2025-10-01', { minPosition: report.position! });
    expect(names(birch.body.items)).toEqual(['sis.u-cy']);
    const roster = await app.get('/v1/classrooms/sis.c-1/roster?asOf=2025-10-01', { minPosition: report.position! });
    expect(roster.status).toBe(200);
    expect(JSON.stringify(roster.body)).toContain('sis.u-tom');
    expect((await app.get('/v1/students/sis.u-pat', { minPosition: report.position! })).status).toBe(404);
    const user = await app.get('/v1/users/sis.u-tom', { minPosition: report.position! });
    expect(user.body.memberships).toEqual([expect.objectContaining({ organisationId: 'sis.s-1', role: 'teacher' })]);

    const followed = await app.get(`/v1/audit/events?fromPosition=0&limit=1000&correlationId=${report.correlationId}`);
    expect(followed.body.items.length).toBeGreaterThan(15);
    expect(new Set(followed.body.items.map((e: { metadata: { correlationId: string } }) => e.metadata.correlationId))).toEqual(new Set([report.correlationId]));
  });

  it('rule 5: the same package again appends nothing and counts every row unchanged', async () => {
    const before = await head();
    const report = await run(bulkPackage());
    expect(report.status).toBe('done');
    expect(report.position).toBeNull();
    expect(await head()).toBe(before);
    expect(report.counts['users.csv']).toEqual({ created: 0, updated: 0, deleted: 0, unchanged: 4, ignored: 1, failed: 0 });
    expect(report.counts['orgs.csv'].unchanged).toBe(3);
  });

  it('rule 4: a delta package updates a user, ends an enrollment and adds a class; rows older than what is stored are skipped', async () => {
    const folder = packageFolder({
      'manifest.csv': manifest('delta', ['classes', 'users', 'enrollments']),
      'classes.csv': [CLASSES_HEADER, 'c-3,active,2025-10-02T08:00:00Z,Chemistry,09,crs-3,CHE1,scheduled,,s-1,t-aut,Science,,'],
      'users.csv': [USERS_HEADER, 'u-ben,active,2025-10-02T08:00:00Z,true,s-1,student,ben.ode,,Ben,Odell,,,,,,,09,'],
      'enrollments.csv': [ENROLLMENTS_HEADER, 'e-2,tobedeleted,2025-10-02T08:00:00Z,c-1,s-1,u-ben,student,false,2025-09-01,'],
    });
    const report = await run(folder);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.counts).toMatchObject({ 'classes.csv': { created: 1 }, 'users.csv': { updated: 1 }, 'enrollments.csv': { deleted: 1 } });
    const ben = await app.get('/v1/students/sis.u-ben', { minPosition: report.position! });
    expect(ben.body.familyName).toBe('Odell');
    const classrooms = await app.get('/v1/schools/sis.s-1/classrooms', { minPosition: report.position! });
    expect(classrooms.body.items.map((c: { classroomId: string }) => c.classroomId).sort()).toEqual(['sis.c-1', 'sis.c-3']);
    const roster = await app.get('/v1/classrooms/sis.c-1/roster?asOf=2025-11-01', { minPosition: report.position! });
    expect(JSON.stringify(roster.body)).not.toContain('sis.u-ben');

    const before = await head();
    const stale = await run(
      packageFolder({
        'manifest.csv': manifest('delta', ['users']),
        'users.csv': [USERS_HEADER, 'u-ben,active,2025-09-15T08:00:00Z,true,s-1,student,ben.ode,,Ben,Ode,,,,,,,09,'],
      }),
    );
    expect(stale.counts['users.csv']).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await head()).toBe(before);
  });

  it('rule 3: a bulk users file without a student deactivates them, and their return reactivates them', async () => {
    const withoutAnn = { ...bulk, 'users.csv': bulk['users.csv'].filter((line) => !line.startsWith('u-ann')), 'enrollments.csv': bulk['enrollments.csv'].filter((l) => !l.includes('u-ann')) };
    const report = await run(bulkPackage(withoutAnn));
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.counts['users.csv'].deleted).toBe(1);
    const ann = await app.get('/v1/students/sis.u-ann', { minPosition: report.position! });
    expect(ann.body.status).toBe('deactivated');

    const back = await run(bulkPackage());
    expect(back.counts['users.csv'].updated).toBe(1);
    expect((await app.get('/v1/students/sis.u-ann', { minPosition: back.position! })).body.status).toBe('active');
  });

  it('rule 2: a package with one bad row is rejected whole, naming the file and line; a dry run appends nothing', async () => {
    const before = await head();
    const bad = { ...bulk, 'users.csv': [...bulk['users.csv'], 'u-dee,,,true,s-1,student,,,Dee,Fox,,,,,,,09,'] };
    const rejected = await run(bulkPackage(bad));
    expect(rejected.status).toBe('rejected');
    expect(rejected.issues.filter((i) => i.severity === 'error').map((i) => [i.file, i.line, i.field, i.code])).toEqual([['users.csv', 7, 'username', 'MissingValue']]);
    const dry = await run(bulkPackage({ ...bulk, 'users.csv': [...bulk['users.csv'], 'u-eve,,,true,s-2,student,eve.tan,,Eve,Tan,,,,,,,10,'] }), { dryRun: true });
    expect(dry.status).toBe('done');
    expect(dry.counts['users.csv'].created).toBe(1);
    expect(await head()).toBe(before);
  });

  it('rule 6: a row the domain refuses is reported with its code, and the others are applied', async () => {
    const taken = packageFolder({
      'manifest.csv': manifest('delta', ['users']),
      'users.csv': [USERS_HEADER, 'u-fay,active,2025-10-03T08:00:00Z,true,s-1,student,ANN.LEE,,Fay,Gee,,,,,,,09,', 'u-gus,active,2025-10-03T08:00:00Z,true,s-1,student,gus.hale,,Gus,Hale,,,,,,,09,'],
    });
    const report = await run(taken);
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => [i.file, i.line, i.code])).toEqual([['users.csv', 2, 'UsernameTaken']]);
    expect(report.counts['users.csv']).toMatchObject({ created: 1, failed: 1 });
    expect((await app.get('/v1/students/sis.u-gus', { minPosition: report.position! })).status).toBe(200);
  });

  it('rule 2: a delta row may name a class and a student imported earlier (looked up, not in the package); an unknown one is an issue', async () => {
    const enrol = (line: string) => packageFolder({ 'manifest.csv': manifest('delta', ['enrollments']), 'enrollments.csv': [ENROLLMENTS_HEADER, line] });
    const report = await run(enrol('e-6,active,2025-10-04T08:00:00Z,c-1,s-1,u-cy,student,false,2025-10-06,'));
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.counts['enrollments.csv']).toMatchObject({ created: 1, failed: 0 });
    const roster = await app.get('/v1/classrooms/sis.c-1/roster?asOf=2025-10-07', { minPosition: report.position! });
    expect(JSON.stringify(roster.body)).toContain('sis.u-cy');

    const unknown = await run(enrol('e-7,active,2025-10-04T08:00:00Z,c-9,s-1,u-nobody,student,false,2025-10-06,'));
    expect(unknown.issues.filter((i) => i.severity === 'error').map((i) => [i.file, i.line, i.field, i.code])).toEqual([
      ['enrollments.csv', 2, 'classSourcedId', 'UnknownReference'],
      ['enrollments.csv', 2, 'userSourcedId', 'UnknownReference'],
    ]);
  });
});

const FIXTURE = join(__dirname, '..', '..', '..', 'shared', 'data', 'moodle-enrol-oneroster-fixtures', 'zips', 'oneroster_test_data.zip');
(existsSync(FIXTURE) ? describe : describe.skip)(
  existsSync(FIXTURE) ? 'The Moodle 1.2 delta fixture' : 'The Moodle 1.2 delta fixture (skipped: ../shared/data is not beside the project)',
  () => {
    let app: TestApp;
    beforeAll(async () => (app = await TestApp.start()));
    afterAll(() => app.stop());

    it('imports its school (under its source’s district), class, student with birth date and enrollment; a second import appends nothing', async () => {
      const importer = app.app.get(OneRosterImporter);
      const report = await importer.run(await openPackage(FIXTURE), { actor: ACTOR, today: TODAY });
      expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(report.source).toBe('DataGen');
      const student = await app.get('/v1/students/DataGen.USER_0', { minPosition: report.position! });
      expect(student.body).toMatchObject({ username: 'brucewayne', givenName: 'Bruce', familyName: 'Wayne', birthDate: '2010-04-17', districtId: 'DataGen.district' });
      const roster = await app.get('/v1/schools/DataGen.ORG_1/students?asOf=2025-10-01', { minPosition: report.position! });
      expect(roster.body.items.map((s: { studentId: string }) => s.studentId)).toEqual(['DataGen.USER_0']);
      const classes = await app.get('/v1/schools/DataGen.ORG_1/classrooms', { minPosition: report.position! });
      expect(classes.body.items).toEqual([expect.objectContaining({ classroomId: 'DataGen.CLASS_001', title: 'Basic Detection' })]);

      const again = await importer.run(await openPackage(FIXTURE), { actor: ACTOR, today: TODAY });
      expect(again.position).toBeNull();
      expect(Object.values(again.counts).every((c) => c.created + c.updated + c.deleted === 0)).toBe(true);
    });
  },
);

describe('POST /v1/imports/oneroster', () => {
  let app: TestApp;
  beforeAll(async () => (app = await TestApp.start()));
  afterAll(() => app.stop());

  const post = async (zip: Buffer | string, query = '', contentType = 'application/zip') => {
    const response = await fetch(`${app.url}/v1/imports/oneroster${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.sis}`, 'content-type': contentType },
      body: zip,
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('answers 202 with an import id, runs in the background, and reports progress, counts and its position', async () => {
    const accepted = await post(await zipOf(bulkPackage()));
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ importId: expect.any(String), status: 'validating' });
    const report = await until(app, accepted.body.importId, ['done', 'rejected', 'failed']);
    expect(report).toMatchObject({ status: 'done', kind: 'oneroster', dryRun: false, source: 'sis', progress: { done: 16, total: 16 } });
    expect(report.counts['users.csv']).toMatchObject({ created: 4, ignored: 1 });
    const directory = await app.get('/v1/districts/sis.d-1/students', { minPosition: report.position! });
    expect(directory.body.items).toHaveLength(3);
    const events = await app.get(`/v1/audit/events?fromPosition=0&limit=1000&correlationId=${report.correlationId}`);
    expect(events.body.items[0].metadata.actor).toEqual({ type: 'token', id: 'sis-sync' });
  });

  it('refuses what is not a zip: a wrong content type (415), a body that is not an archive (rejected), a bad source (400)', async () => {
    expect((await post('{}', '', 'application/json')).status).toBe(415);
    const notZip = await post(Buffer.from('not a zip at all'));
    expect(notZip.status).toBe(202);
    const report = await until(app, notZip.body.importId, ['rejected', 'failed']);
    expect(report.issues.map((i) => i.code)).toEqual(['NotAZip']);
    const badSource = await post(await zipOf(bulkPackage()), '?source=no%20spaces');
    expect(badSource.status).toBe(400);
    expect(badSource.body.error).toBe('ValidationFailed');
    expect((await app.get('/v1/imports/no-such-import')).status).toBe(404);
  });
});

describe('An import cut off by a stop or a crash', () => {
  it('runs again at the next start and ends done, appending each row once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-import-resume-'));
    let app = await TestApp.start({}, dataDir);
    const jobs = app.app.get(ImportJobs);
    const accepted = await jobs.start(await zipOf(bulkPackage()), { dryRun: false, source: null, actor: ACTOR });
    await until(app, accepted.importId, ['done']);
    const before = (await app.get('/v1/audit/events?fromPosition=0&limit=1000')).body.items.length;
    await app.stop();

    // What a crash mid-way leaves: the job still applying, its package still on disk.
    mkdirSync(join(dataDir, 'imports'), { recursive: true });
    writeFileSync(join(dataDir, 'imports', 'cut-off.zip'), await zipOf(bulkPackage({ ...bulk, 'users.csv': [...bulk['users.csv'], 'u-hal,,,true,s-2,student,hal.ito,,Hal,Ito,,,,,,,10,'] })));
    app = await TestApp.start({}, dataDir);
    try {
      const store = app.app.get(ImportJobs) as unknown as { documents: { collection(n: string): { put(id: string, doc: object): Promise<boolean> } } };
      await store.documents.collection('imports').put('cut-off', {
        report: { importId: 'cut-off', kind: 'oneroster', status: 'applying', dryRun: false, source: null, progress: { done: 7, total: 17 }, counts: {}, issues: [], issuesTruncated: false, correlationId: 'corr-cut-off', position: null },
        dryRun: false, source: null, actor: ACTOR, today: TODAY,
      });
      await app.app.get(ImportJobs).onApplicationBootstrap();
      const report = await until(app, 'cut-off', ['done']);
      expect(report.counts['users.csv']).toMatchObject({ created: 1, unchanged: 4 });
      const after = (await app.get('/v1/audit/events?fromPosition=0&limit=1000')).body.items.length;
      const added = (await app.get('/v1/audit/events?fromPosition=0&limit=1000')).body.items.slice(before).map((e: { type: string; streamId: string }) => `${e.type} ${e.streamId}`);
      // Hal's two events and the reservation of his username; nothing for the rows applied before the cut.
      expect(added.filter((e: string) => !e.startsWith('ReservationClaimed '))).toEqual(['StudentRegistered student-sis.u-hal', 'StudentAdmittedToSchool student-sis.u-hal']);
      expect(after - before).toBe(3);
      expect(existsSync(join(dataDir, 'imports', 'cut-off.zip'))).toBe(false);
    } finally {
      await app.stop();
    }
  });
});

const GRAND_BEND = join(__dirname, '..', '..', '..', 'shared', 'data', 'edfi-data-standard-grand-bend');
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'oneroster-from-edfi.mjs');
(existsSync(GRAND_BEND) ? describe : describe.skip)(
  existsSync(GRAND_BEND) ? 'The Ed-Fi Grand Bend sample as a OneRoster 1.2 package' : 'The Ed-Fi Grand Bend sample (skipped: ../shared/data is not beside the project)',
  () => {
    let app: TestApp;
    beforeAll(async () => (app = await TestApp.start()));
    afterAll(() => app.stop());

    it('puts its 960 students on their three schools’ rosters with their grade levels, in the Grand Bend ISD district', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'grand-bend-'));
      const { execFileSync } = await import('node:child_process');
      execFileSync(process.execPath, [SCRIPT, GRAND_BEND, folder]);
      const report = await app.app.get(OneRosterImporter).run(await openPackage(folder), { actor: ACTOR, today: TODAY });
      expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(report.counts['users.csv']).toMatchObject({ created: 960, failed: 0 });
      expect(report.counts['roles.csv']).toMatchObject({ created: 960, failed: 0 });

      const total = async (path: string) => Number((await app.get(path, { minPosition: report.position! })).headers.get('x-total-count'));
      const schools = { high: 'grandbend.255901001', middle: 'grandbend.255901044', elementary: 'grandbend.255901107' };
      const onRoster = await Promise.all(Object.values(schools).map((id) => total(`/v1/schools/${id}/students?asOf=2022-10-01&limit=1`)));
      expect(onRoster.reduce((a, b) => a + b, 0)).toBe(960);
      expect(await total('/v1/districts/grandbend.255901/students?limit=1')).toBe(960);
      // Grades as the script works them out from birth dates: 1-5 (and kindergarten) elementary, 6-8 middle, 9-12 high.
      expect(onRoster).toEqual([83 + 78 + 74 + 57, 79 + 72 + 88, 28 + 77 + 87 + 72 + 80 + 85]);
      const ninth = await total(`/v1/schools/${schools.high}/students?asOf=2022-10-01&grade=09&limit=1`);
      const ninthByDescriptor = await total(`/v1/schools/${schools.high}/students?asOf=2022-10-01&grade=${encodeURIComponent('uri://ed-fi.org/GradeLevelDescriptor#Ninth grade')}&limit=1`);
      expect([ninth, ninthByDescriptor]).toEqual([83, 83]);
      const tyrone = await app.get('/v1/students/grandbend.604821', { minPosition: report.position! });
      expect(tyrone.body).toMatchObject({ givenName: 'Tyrone', familyName: 'Dyer', preferredName: 'Ty', birthDate: '2014-11-13', districtId: 'grandbend.255901' });
    }, 120_000);
  },
);
