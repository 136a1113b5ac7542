import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipFile } from 'yazl';
import { IssueLog } from './oneroster.issues';
import { readManifest } from './oneroster.manifest';
import { folderSource, openPackage, PackageSource, zipSource } from './oneroster.source';
import { inReadingOrder, validatePackage } from './oneroster.validation';

const MANIFEST_11 = (files: Record<string, string>) =>
  ['propertyName,value', 'manifest.version,1.0', 'oneroster.version,1.1', ...Object.entries(files).map(([f, m]) => `file.${f},${m}`), 'source.systemCode,sis-1'].join('\n');

const ORGS = 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nd-1,,,North District,district,,\ns-1,,,Alder School,school,URN1,d-1\n';
const SESSIONS = 'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\ny-1,,,2025/26,schoolYear,2025-09-01,2026-08-31,,2026\nt-1,,,Autumn,term,2025-09-01,2025-12-20,y-1,2026\n';
const CLASSES = 'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\nc-1,,,Physics,"09,10",crs-1,PHY,scheduled,,s-1,t-1,Science,,\n';
const USERS = 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\nu-1,,,true,s-1,student,ann,,Ann,Lee,,,,,,,09,\nu-2,,,true,s-1,teacher,bob,,Bob,Day,,,bob@alder.example,,,,,\n';
const ENROLLMENTS = 'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\ne-1,,,c-1,s-1,u-1,student,false,2025-09-01,\ne-2,,,c-1,s-1,u-2,teacher,true,,\n';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-'));
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith('/')) mkdirSync(join(dir, name));
    else writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function check(source: PackageSource) {
  const issues = new IssueLog();
  const manifest = await readManifest(source, issues);
  const summary = manifest ? await validatePackage(source, manifest, issues) : null;
  await source.close();
  return { manifest, summary, issues, found: inReadingOrder(issues.items).map((i) => `${i.severity} ${i.file}:${i.line} ${i.field ?? '-'} ${i.code}`) };
}

const clean = {
  'manifest.csv': MANIFEST_11({ orgs: 'bulk', academicSessions: 'bulk', classes: 'bulk', users: 'bulk', enrollments: 'bulk', courses: 'absent', demographics: 'absent' }),
  'orgs.csv': ORGS,
  'academicSessions.csv': SESSIONS,
  'classes.csv': CLASSES,
  'users.csv': USERS,
  'enrollments.csv': ENROLLMENTS,
};

describe('OneRoster package checks (interchange.md "The package")', () => {
  it('a clean 1.1 bulk package: no errors, every row counted, the source code from the manifest', async () => {
    const { manifest, summary, issues } = await check(await folderSource(folder(clean)));
    expect(issues.errors).toBe(0);
    expect(issues.items.map((i) => i.code)).toEqual(['CourseNotInPackage']);
    expect(manifest?.version).toBe('1.1');
    expect(manifest?.systemCode).toBe('sis-1');
    expect(summary?.rows).toEqual({ 'orgs.csv': 2, 'academicSessions.csv': 2, 'classes.csv': 1, 'users.csv': 2, 'enrollments.csv': 2 });
    expect(summary?.index.users.get('u-1')).toBe('student');
    expect(summary?.index.classes.get('c-1')).toBe('s-1');
  });

  it('rule 1: no manifest, nested folders, a file the manifest calls absent, a listed file missing: one issue each', async () => {
    expect((await check(await folderSource(folder({ 'orgs.csv': ORGS })))).found).toEqual(['error manifest.csv:0 - ManifestMissing']);
    const { found } = await check(
      await folderSource(folder({ ...clean, 'extra/': '', 'manifest.csv': MANIFEST_11({ orgs: 'absent', academicSessions: 'bulk', classes: 'bulk', users: 'bulk', enrollments: 'bulk', demographics: 'delta' }) })),
    );
    expect(found).toEqual(['error orgs.csv:0 - FileMarkedAbsent', 'error demographics.csv:0 - FileMissing', 'error extra/:0 - NestedFolder']);
  });

  it('rule 1: an unknown version, a blank mode and a file name in the wrong case are refused with their lines', async () => {
    const badVersion = (await check(await folderSource(folder({ 'manifest.csv': 'propertyName,value\noneroster.version,1.0\n' })))).found;
    expect(badVersion).toEqual(['error manifest.csv:2 oneroster.version UnsupportedVersion']);
    const { found } = await check(await folderSource(folder({ ...clean, 'manifest.csv': `${clean['manifest.csv']}\nfile.results,`, 'Orgs.CSV': ORGS })));
    expect(found).toEqual(['error manifest.csv:12 file.results InvalidManifestValue', 'error Orgs.CSV:0 - UnknownFile']);
  });

  it('a manifest-only package is valid and holds nothing to apply', async () => {
    const { issues, summary } = await check(await folderSource(folder({ 'manifest.csv': MANIFEST_11({ orgs: 'absent' }) })));
    expect(issues.errors).toBe(0);
    expect(summary?.rows).toEqual({});
  });

  it('rule 2: headers exact and in order (metadata.* columns may follow), no header-only files, a BOM tolerated', async () => {
    const swapped = ORGS.replace('name,type', 'type,name');
    const { found } = await check(await folderSource(folder({ ...clean, 'orgs.csv': swapped, 'users.csv': USERS.split('\n')[0] + '\n' })));
    expect(found).toEqual(expect.arrayContaining(['error orgs.csv:1 type HeaderMismatch', 'error users.csv:1 - HeaderOnlyFile']));
    const withMetadata = 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,metadata.region\nd-1,,,North District,district,,,north\ns-1,,,Alder School,school,URN1,d-1,north\n';
    const ok = await check(await folderSource(folder({ ...clean, 'orgs.csv': `\ufeff${withMetadata}` })));
    expect(ok.found.filter((line) => line.startsWith('error'))).toEqual([]);
  });

  it('rule 2: every row checked, each problem with file, line and field, before anything is applied', async () => {
    const users = `${USERS}u-3,,,yes,s-9,pupil,,,Cy,,,,,,,,ZZ,\nu-1,,,true,s-1,student,ann2,,Ann,Lee,,,,,,,,\n`;
    const enrollments = `${ENROLLMENTS}e-3,,,c-1,s-1,u-2,student,,2025-13-01,\n`;
    const { found } = await check(await folderSource(folder({ ...clean, 'users.csv': users, 'enrollments.csv': enrollments })));
    expect(found.filter((line) => line.startsWith('error'))).toEqual([
      'error users.csv:4 enabledUser InvalidValue',
      'error users.csv:4 role InvalidValue',
      'error users.csv:4 username MissingValue',
      'error users.csv:4 familyName MissingValue',
      'error users.csv:4 grades InvalidValue',
      'error users.csv:5 sourcedId DuplicateSourcedId',
      'error enrollments.csv:4 beginDate InvalidDate',
      'error enrollments.csv:4 userSourcedId RoleMismatch',
    ]);
  });

  it('rule 2: a large file’s references are checked a batch at a time, and every unknown one is still named with its line', async () => {
    const header = ENROLLMENTS.split('\n')[0];
    const rows = Array.from({ length: 4500 }, (_, i) => `e-${i},,,${i === 3 || i === 4400 ? 'c-none' : 'c-1'},s-1,u-1,student,false,2025-09-01,`);
    const { found, summary } = await check(await folderSource(folder({ ...clean, 'enrollments.csv': [header, ...rows].join('\n') + '\n' })));
    expect(summary?.rows['enrollments.csv']).toBe(4500);
    expect(found.filter((f) => f.startsWith('error'))).toEqual(['error enrollments.csv:5 classSourcedId UnknownReference', 'error enrollments.csv:4402 classSourcedId UnknownReference']);
  });

  it('rule 4: delta rows need status and dateLastModified; bulk rows with a status only warn', async () => {
    const delta = { ...clean, 'manifest.csv': MANIFEST_11({ orgs: 'delta' }), 'orgs.csv': `${ORGS}d-2,active,2025-01-02T03:04:05Z,South,district,,\n` };
    for (const name of ['academicSessions.csv', 'classes.csv', 'users.csv', 'enrollments.csv'] as const) delete (delta as Record<string, string>)[name];
    const { found } = await check(await folderSource(folder(delta)));
    expect(found).toEqual([
      'error orgs.csv:2 status MissingValue',
      'error orgs.csv:2 dateLastModified MissingValue',
      'error orgs.csv:3 status MissingValue',
      'error orgs.csv:3 dateLastModified MissingValue',
    ]);
  });

  it('reads the same package from a zip, and refuses a zip with its files inside a folder', async () => {
    const zipOf = (files: Record<string, string>) =>
      new Promise<Buffer>((resolve) => {
        const zip = new ZipFile();
        for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
        zip.end();
        const chunks: Buffer[] = [];
        zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      });
    const fromZip = await check(await zipSource(await zipOf(clean)));
    expect(fromZip.issues.errors).toBe(0);
    expect(fromZip.summary?.rows['users.csv']).toBe(2);
    const nested = Object.fromEntries(Object.entries(clean).map(([name, text]) => [`export/${name}`, text]));
    expect((await check(await zipSource(await zipOf(nested)))).found).toEqual([
      'error manifest.csv:0 - ManifestMissing',
      ...Object.keys(clean).map((name) => `error export/${name}:0 - NestedFolder`).sort(),
    ]);
  });
});

/** The Moodle plugin's fixtures (shared/data, GPL test data): several rows break the spec on purpose. */
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'moodle-enrol-oneroster-fixtures');
const withFixtures = existsSync(FIXTURES) ? describe : describe.skip;

withFixtures(existsSync(FIXTURES) ? 'The Moodle OneRoster fixtures' : 'The Moodle OneRoster fixtures (skipped: ../shared/data is not beside the project)', () => {
  const errors = async (name: string, zipped = false) =>
    (await check(await openPackage(join(FIXTURES, zipped ? `zips/${name}.zip` : name)))).found.filter((line) => line.startsWith('error'));

  it('Test_minimal_data_set is rejected: its classes sit in a department, and a teacher is enrolled as a student', async () => {
    expect(await errors('Test_minimal_data_set')).toEqual([
      'error classes.csv:2 schoolSourcedId NotASchool',
      'error classes.csv:3 schoolSourcedId NotASchool',
      'error enrollments.csv:3 userSourcedId RoleMismatch',
      'error enrollments.csv:6 userSourcedId RoleMismatch',
    ]);
  });

  it('Test_full_data_set is rejected: parents that are not in the package, besides the minimal set’s problems', async () => {
    expect(await errors('Test_full_data_set', true)).toEqual([
      'error orgs.csv:2 parentSourcedId UnknownReference',
      'error academicSessions.csv:3 parentSourcedId UnknownReference',
      'error academicSessions.csv:6 parentSourcedId UnknownReference',
      'error classes.csv:2 schoolSourcedId NotASchool',
      'error classes.csv:3 schoolSourcedId NotASchool',
      'error enrollments.csv:3 userSourcedId RoleMismatch',
      'error enrollments.csv:6 userSourcedId RoleMismatch',
    ]);
  });

  it('v1p2_full_dataset is rejected at its manifest: blank file modes and a file name in the wrong case', async () => {
    expect(await errors('v1p2_full_dataset', true)).toEqual([
      'error manifest.csv:21 file.scoreScales InvalidManifestValue',
      'error manifest.csv:22 file.userProfiles InvalidManifestValue',
      'error manifest.csv:23 file.userResources InvalidManifestValue',
      'error userprofiles.csv:0 - UnknownFile',
    ]);
  });

  it('oneroster_test_data (1.2 delta) passes, with one warning for "TRUE"', async () => {
    const { found, summary } = await check(await openPackage(join(FIXTURES, 'zips/oneroster_test_data.zip')));
    expect(found).toEqual(['warning users.csv:2 enabledUser ValueNormalised']);
    expect(summary?.ignoredFiles).toEqual(['userProfiles.csv']);
  });
});
