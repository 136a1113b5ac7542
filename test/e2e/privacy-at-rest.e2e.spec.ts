import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { ZipFile } from 'yazl';
import { ImportJobs } from '../../src/interchange/import-jobs';
import { fileKeyFor, isPlaintextDatabase } from '../../src/privacy/encrypted-sqlite';
import { KeyRing } from '../../src/privacy/key-ring';
import { MAIN_JS } from '../support/server-process';
import { expectOk, TestApp, writeTokensFile } from '../support/test-app';
import { manifest, ORGS_HEADER, untilImport, USERS_HEADER } from '../support/oneroster-packages';

const ERASED_STUDENT = { username: 'vbrightwater', givenName: 'Valentyna', familyName: 'Brightwater', middleName: 'Isolde', birthDate: '2010-11-29', email: 'valentyna.bw@example.net', stateStudentId: 'STATE-70431', externalIds: [{ source: 'sis', id: 'XID-319975' }] };
const KEPT_STUDENT = { username: 'okestrel', givenName: 'Oriel', familyName: 'Kestrelmoor', middleName: 'Thaddeus', birthDate: '2012-05-17', email: 'oriel.km@example.net', stateStudentId: 'STATE-90862', externalIds: [{ source: 'sis', id: 'XID-604417' }] };
/** A student who arrives by a OneRoster import (package, import job, record store): the same must-show. */
const IMPORTED_STUDENT = { sourcedId: 'u-wc', username: 'pwindlecombe', givenName: 'Perpetua', familyName: 'Windlecombe', email: 'perpetua.wc@example.net' };
const importedValues = [IMPORTED_STUDENT.username, IMPORTED_STUDENT.givenName, IMPORTED_STUDENT.familyName, IMPORTED_STUDENT.email];

/** A OneRoster package with the imported student, stored uncompressed so that its names are in the zip's bytes as they are. */
function onerosterPackage(): Promise<Buffer> {
  const files = {
    'manifest.csv': manifest('bulk', ['orgs', 'users']),
    'orgs.csv': [ORGS_HEADER, 'd-9,,,Fen District,district,,', 's-9,,,Fen School,school,900001,d-9'].join('\n'),
    'users.csv': [USERS_HEADER, `${IMPORTED_STUDENT.sourcedId},,,true,s-9,student,${IMPORTED_STUDENT.username},,${IMPORTED_STUDENT.givenName},${IMPORTED_STUDENT.familyName},,,${IMPORTED_STUDENT.email},,,,05,`].join('\n'),
  };
  return new Promise((resolve) => {
    const zip = new ZipFile();
    for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(`${text}\n`), name, { compress: false });
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
  });
}

const valuesOf = (student: typeof ERASED_STUDENT) => [student.username, student.givenName, student.familyName, student.middleName, student.birthDate, student.email, student.stateStudentId, student.externalIds[0].id];

/** Every file under `dir`, recursively (SQLite main files, -wal and -shm files, keys, tokens: everything). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** [file, value] for each value found in the raw bytes of a file, as UTF-8 or UTF-16 (either byte order), case-insensitively for ASCII. */
function findInFiles(files: string[], values: string[]): [string, string][] {
  const found: [string, string][] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    const lower = Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');
    for (const value of values) {
      const needles = [Buffer.from(value.toLowerCase(), 'utf8'), Buffer.from(value.toLowerCase(), 'utf16le'), Buffer.from(value.toLowerCase(), 'utf16le').swap16()];
      if (needles.some((needle) => lower.includes(needle))) found.push([file.split('/').slice(-1)[0], value]);
    }
  }
  return found;
}

describe('personal data at rest in DATA_DIR (embedded backend)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-at-rest-'));
  const controlDir = mkdtempSync(join(tmpdir(), 'ledger-at-rest-control-'));
  const keptAnswers: { record?: unknown; roster?: unknown; imported?: unknown } = {};
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(controlDir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    const app = await TestApp.start({}, dataDir);
    let position = '0';
    const ok = async (name: string, body: object, headers?: Record<string, string>) => {
      position = expectOk(await app.command(name, body, { headers })).body.position;
    };
    await ok('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District One' });
    await ok('RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'School One', parentId: 'd-1' });
    await ok('CreateClassroom', { classroomId: 'c-1', schoolId: 's-1', title: 'Maths 5', classType: 'scheduled', subjects: ['Math'] });
    for (const [studentId, student] of [['st-erased', ERASED_STUDENT], ['st-kept', KEPT_STUDENT]] as const) {
      await ok('RegisterStudent', { studentId, districtId: 'd-1', ...student, username: student.username.toUpperCase() }, { 'Idempotency-Key': `register-${studentId}` });
      await ok('ChangeStudentUsername', { studentId, username: student.username });
      await ok('UpdateStudentDetails', { studentId, email: student.email, birthDate: student.birthDate });
      await ok('AdmitStudentToSchool', { studentId, schoolId: 's-1', entryDate: '2025-08-01', entryGradeLevel: '05' }, { 'Idempotency-Key': `admit-${studentId}` });
      await ok('EnrollInClassroom', { enrollmentId: `e-${studentId}`, classroomId: 'c-1', role: 'student', studentId, beginDate: '2025-09-01' });
      await ok('RecordStudentWork', { studentId, workId: `w-${studentId}`, completedAt: '2025-09-10T10:00:00Z', activity: 'practice', minutes: 20 });
      expect((await app.get(`/v1/students/${studentId}`, { minPosition: position })).body.givenName).toBe(student.givenName);
    }
    const imported = await app.app.get(ImportJobs).start(await onerosterPackage(), { dryRun: false, source: null, actor: { type: 'system' as const, id: 'at-rest-spec' } });
    expect((await untilImport(app, imported.importId, ['done', 'failed', 'rejected'])).status).toBe('done');
    keptAnswers.imported = (await app.get(`/v1/students/sis.${IMPORTED_STUDENT.sourcedId}`)).body;
    // A rebuild before the erasure leaves the old copies of every read model to the free pages.
    expect((await app.request('POST', '/v1/projections/rosters/rebuild')).status).toBe(200);
    await ok('EraseStudentPersonalData', { studentId: 'st-erased', reason: 'erasure request ER-2' });
    await app.get('/v1/students/st-erased', { minPosition: position });
    keptAnswers.roster = (await app.get('/v1/classrooms/c-1/roster?asOf=2025-10-01', { minPosition: position })).body;
    keptAnswers.record = (await app.get('/v1/students/st-kept', { minPosition: position })).body;
    await app.stop();
  }, 60_000);

  it('after the service stops, no byte of any file in DATA_DIR holds an erased value', () => {
    const files = filesUnder(dataDir);
    expect(files.map((f) => f.split('/').slice(-1)[0])).toEqual(expect.arrayContaining(['events.sqlite', 'keys.sqlite', 'read-models.sqlite']));
    expect(findInFiles(files, valuesOf(ERASED_STUDENT))).toEqual([]);
  });

  it('a student never erased: no byte of any file in DATA_DIR holds the values (the read models and their WAL are ciphertext), yet the service answers them in clear', () => {
    const files = filesUnder(dataDir);
    expect(findInFiles(files, [...valuesOf(KEPT_STUDENT), ...importedValues])).toEqual([]);
    expect(isPlaintextDatabase(join(dataDir, 'read-models.sqlite'))).toBe(false);
    // Over HTTP the same values were answered in clear: the search looked for what the service holds.
    expect(keptAnswers.record).toMatchObject({ givenName: KEPT_STUDENT.givenName, familyName: KEPT_STUDENT.familyName, email: KEPT_STUDENT.email });
    expect(JSON.stringify(keptAnswers.roster)).toContain(KEPT_STUDENT.familyName);
    expect(keptAnswers.imported).toMatchObject({ givenName: IMPORTED_STUDENT.givenName, familyName: IMPORTED_STUDENT.familyName });
    // And the search finds such values wherever they are in clear (the answers, written to a file outside DATA_DIR).
    const control = join(controlDir, 'answers.json');
    writeFileSync(control, JSON.stringify(keptAnswers));
    expect(findInFiles([control], [KEPT_STUDENT.familyName, KEPT_STUDENT.stateStudentId])).toEqual([
      ['answers.json', KEPT_STUDENT.familyName],
      ['answers.json', KEPT_STUDENT.stateStudentId],
    ]);
  });

  it('started again with the same master key, the service reads its encrypted read models and answers the student', async () => {
    const app = await TestApp.start({}, dataDir);
    try {
      expect((await app.get('/v1/students/st-kept')).body).toMatchObject({ givenName: KEPT_STUDENT.givenName, familyName: KEPT_STUDENT.familyName });
    } finally {
      await app.stop();
    }
    expect(findInFiles(filesUnder(dataDir), valuesOf(KEPT_STUDENT))).toEqual([]);
  }, 60_000);

  it('the key store and DATA_DIR are readable by their owner only', () => {
    expect(statSync(join(dataDir, 'keys.sqlite')).mode & 0o077).toBe(0);
    expect(statSync(join(dataDir, 'dev-master-key')).mode & 0o077).toBe(0);
  });
});

describe('an import cut off by a stop, its package left in DATA_DIR/imports', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-cut-off-import-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('the package is kept sealed (no value in clear), and the import runs from it at the next start', async () => {
    const first = await TestApp.start({}, dataDir);
    const jobs = first.app.get(ImportJobs);
    // Accepted and stored, then the service stops before the import began: what a stop or crash leaves.
    jest.spyOn(jobs as unknown as { launch(): void }, 'launch').mockImplementation(() => undefined);
    const accepted = await jobs.start(await onerosterPackage(), { dryRun: false, source: null, actor: { type: 'system' as const, id: 'at-rest-spec' } });
    await first.stop();
    expect(filesUnder(join(dataDir, 'imports'))).toEqual([join(dataDir, 'imports', `${accepted.importId}.zip`)]);
    expect(findInFiles(filesUnder(dataDir), importedValues)).toEqual([]);

    const second = await TestApp.start({}, dataDir);
    try {
      expect((await untilImport(second, accepted.importId, ['done', 'failed', 'rejected'])).status).toBe('done');
      expect((await second.get(`/v1/students/sis.${IMPORTED_STUDENT.sourcedId}`)).body.familyName).toBe(IMPORTED_STUDENT.familyName);
    } finally {
      await second.stop();
    }
    expect(findInFiles(filesUnder(dataDir), importedValues)).toEqual([]);
  }, 60_000);
});

describe('read models written in clear by an older version', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-clear-read-models-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const register = { studentId: 'st-1', districtId: 'd-1', ...KEPT_STUDENT };

  it('are encrypted in place at start-up, keeping what only they hold (here an idempotency record), and no value is left in clear', async () => {
    const first = await TestApp.start({}, dataDir);
    expectOk(await first.command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'D' }));
    const registered = expectOk(await first.command('RegisterStudent', register, { headers: { 'Idempotency-Key': 'register-st-1' } })).body.position;
    expect((await first.get('/v1/students/st-1', { minPosition: registered })).body.familyName).toBe(KEPT_STUDENT.familyName);
    const key = fileKeyFor(first.app.get(KeyRing));
    await first.stop();

    // The file as a version before encryption left it: the same SQLite database, in clear.
    const file = join(dataDir, 'read-models.sqlite');
    const db = new Database(file);
    db.pragma("cipher = 'aegis'");
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma("rekey = ''");
    db.pragma('journal_mode = WAL');
    db.close();
    expect(isPlaintextDatabase(file)).toBe(true);
    expect(findInFiles([file], [KEPT_STUDENT.familyName])).toEqual([['read-models.sqlite', KEPT_STUDENT.familyName]]);

    const second = await TestApp.start({}, dataDir);
    try {
      expect((await second.get('/v1/students/st-1')).body.familyName).toBe(KEPT_STUDENT.familyName);
      // The retry is answered from the idempotency record kept in the read-model file: the first answer, nothing appended.
      const retry = expectOk(await second.command('RegisterStudent', register, { headers: { 'Idempotency-Key': 'register-st-1' } }));
      expect(retry.body.position).toBe(registered);
    } finally {
      await second.stop();
    }
    expect(isPlaintextDatabase(file)).toBe(false);
    expect(findInFiles(filesUnder(dataDir), valuesOf(KEPT_STUDENT))).toEqual([]);
  }, 60_000);
});

describe('the master key at start-up', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-master-key-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, [MAIN_JS], {
      env: { ...process.env, DATA_DIR: dataDir, AUTH_TOKENS_FILE: writeTokensFile(dataDir), PORT: '0', LOG_LEVEL: 'error', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  beforeAll(async () => {
    const app = await TestApp.start({}, dataDir);
    expectOk(await app.command('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'D' }));
    expectOk(await app.command('RegisterStudent', { studentId: 'st-1', districtId: 'd-1', username: 'jo', givenName: 'Jo', familyName: 'S' }));
    await app.stop();
  }, 60_000);

  it('a wrong master key: the service refuses to start, saying why, and yields nothing', () => {
    const wrong = join(dataDir, 'wrong.key');
    writeFileSync(wrong, Buffer.alloc(32, 9).toString('base64'));
    const run = start({ MASTER_KEY_FILE: wrong });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`The master key from MASTER_KEY_FILE ${wrong} is not the key this key store was made with`);
  });

  it('a master key file that is missing or not a 32-byte base64 key: refused with a clear message', () => {
    expect(start({ MASTER_KEY_FILE: join(dataDir, 'nope.key') }).stderr).toContain('does not exist');
    const short = join(dataDir, 'short.key');
    writeFileSync(short, 'c2hvcnQ=');
    const run = start({ MASTER_KEY_FILE: short });
    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining('must hold a 32-byte key in base64')]);
  });

  it('read models encrypted under another master key: refused at start-up, naming the file, instead of a cryptic SQLITE_NOTADB', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'ledger-other-master-key-'));
    try {
      await (await TestApp.start({}, otherDir)).stop();
      for (const suffix of ['-wal', '-shm']) rmSync(join(dataDir, `read-models.sqlite${suffix}`), { force: true });
      copyFileSync(join(otherDir, 'read-models.sqlite'), join(dataDir, 'read-models.sqlite'));
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
    const run = start({});
    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining(`${join(dataDir, 'read-models.sqlite')} does not open with the key derived from the master key`)]);
  }, 60_000);

  it('the development key lost once keys exist: refused, never replaced by a new one', () => {
    rmSync(join(dataDir, 'dev-master-key'));
    const run = start({});
    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining('already holds keys')]);
  });
});
