import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../support/polling';
import { ServerProcess } from '../support/server-process';
import { TOKENS, writeTokensFile } from '../support/test-app';

const auth = { authorization: `Bearer ${TOKENS.admin}`, 'content-type': 'application/json' };

async function command(url: string, name: string, body: unknown): Promise<{ status: number; body: any } | null> {
  try {
    const response = await fetch(`${url}/v1/commands/${name}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  } catch {
    return null; // the connection died with the server: the command may or may not have been written
  }
}

async function getJson(url: string, path: string): Promise<any> {
  const response = await fetch(`${url}${path}`, { headers: auth });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function allEvents(url: string): Promise<{ type: string; streamId: string; position: string }[]> {
  const events = [];
  for (let from = '0'; ; ) {
    const page = await getJson(url, `/v1/audit/events?fromPosition=${from}&limit=1000`);
    events.push(...page.items);
    if (page.items.length < 1000) return events;
    from = page.nextPosition;
  }
}

describe('A crash (SIGKILL) during a stream of commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  const env = { DATA_DIR: dataDir, AUTH_TOKENS_FILE: writeTokensFile(dataDir) };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged command and counts nothing twice after a restart', async () => {
    let server = await ServerProcess.start(env);
    expect((await command(server.url, 'RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'D' }))?.status).toBe(200);
    expect((await command(server.url, 'RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'S', parentId: 'd-1' }))?.status).toBe(200);

    const acknowledged = new Set<string>();
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const studentId = `st-${w}-${i}`;
        const registered = await command(server.url, 'RegisterStudent', { studentId, districtId: 'd-1', username: studentId, givenName: 'G', familyName: 'F' });
        if (registered?.status !== 200) return;
        const admitted = await command(server.url, 'AdmitStudentToSchool', { studentId, schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: '05' });
        if (admitted?.status !== 200) return;
        acknowledged.add(studentId);
      }
    };
    const writers = Array.from({ length: 16 }, (_, w) => writer(w));
    let writersDone = 0;
    for (const w of writers) void w.then(() => writersDone++);
    try {
      await eventually(() => acknowledged.size >= 400 || writersDone === writers.length, '400 student pairs are acknowledged', { withinMs: 60_000 });
    } finally {
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
    }
    expect({ acknowledgedBeforeTheCrash: Math.min(acknowledged.size, 400) }).toEqual({ acknowledgedBeforeTheCrash: 400 });

    server = await ServerProcess.start(env);
    try {
      const events = await allEvents(server.url);
      const registered = events.filter((e) => e.type === 'StudentRegistered').map((e) => e.streamId.slice('student-'.length));
      const admitted = events.filter((e) => e.type === 'StudentAdmittedToSchool').map((e) => e.streamId.slice('student-'.length));
      for (const id of acknowledged) {
        expect(registered).toContain(id);
        expect(admitted).toContain(id);
      }
      expect(new Set(registered).size).toBe(registered.length);

      const head = events[events.length - 1].position;
      const directory = await getJson(server.url, `/v1/districts/d-1/students?limit=1000&minPosition=${head}`);
      const roster = await getJson(server.url, `/v1/schools/s-1/students?asOf=2025-10-01&limit=1000&minPosition=${head}`);
      expect(directory.items).toHaveLength(registered.length);
      expect(roster.items).toHaveLength(admitted.length);
      expect(new Set(directory.items.map((s: { studentId: string }) => s.studentId))).toEqual(new Set(registered));
      expect(new Set(roster.items.map((s: { studentId: string }) => s.studentId))).toEqual(new Set(admitted));
    } finally {
      await server.kill('SIGTERM');
    }
  }, 90_000);
});
