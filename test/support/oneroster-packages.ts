import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipFile } from 'yazl';
import { ImportReport } from '../../src/interchange/oneroster/oneroster.report';
import { TestApp } from './test-app';

/** OneRoster 1.1 packages for the import specs: headers, a manifest, a folder of files, the folder as a zip. */
export const ORGS_HEADER = 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId';
export const SESSIONS_HEADER = 'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear';
export const CLASSES_HEADER = 'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods';
export const USERS_HEADER = 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';
export const ENROLLMENTS_HEADER = 'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate';

export const manifest = (mode: 'bulk' | 'delta', files: string[], source = 'sis') =>
  ['propertyName,value', 'manifest.version,1.0', 'oneroster.version,1.1', ...files.map((f) => `file.${f},${mode}`), `source.systemCode,${source}`].join('\n');

export function packageFolder(files: Record<string, string[] | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-pkg-'));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), Array.isArray(lines) ? `${lines.join('\n')}\n` : lines);
  return dir;
}

export function zipOf(folder: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const zip = new ZipFile();
    for (const name of readdirSync(folder)) zip.addBuffer(readFileSync(join(folder, name)), name);
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Polls `GET /v1/imports/{id}` (as `token`) until the import reaches one of `statuses`. */
export async function untilImport(app: TestApp, importId: string, statuses: string[], token?: string): Promise<ImportReport> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await app.get(`/v1/imports/${importId}`, token === undefined ? {} : { token });
    if (answer.status === 200 && statuses.includes(answer.body.status)) return answer.body;
    if (Date.now() > deadline) throw new Error(`import ${importId} did not reach ${statuses.join('|')} within 20 s: ${JSON.stringify(answer.body).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
