import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess } from '../support/server-process';
import { TOKENS, writeTokensFile } from '../support/test-app';

const auth = { authorization: `Bearer ${TOKENS.admin}`, 'content-type': 'application/json' };

async function command(url: string, name: string, body: unknown): Promise<number | null> {
  try {
    const response = await fetch(`${url}/v1/commands/${name}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null; // refused: the service has stopped listening
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

describe('SIGTERM while 16 writers send commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-sigterm-'));
  const env = { DATA_DIR: dataDir, AUTH_TOKENS_FILE: writeTokensFile(dataDir) };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 0 (its own deadline is 10 s), and every command answered 200 is in the log and the read models after a restart', async () => {
    let server = await ServerProcess.start(env);
    expect(await command(server.url, 'RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'D' })).toBe(200);
    expect(await command(server.url, 'RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'S', parentId: 'd-1' })).toBe(200);

    const registered = new Set<string>();
    const admitted = new Set<string>();
    let answered = 0;
    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        const studentId = `st-${w}-${i}`;
        const first = await command(server.url, 'RegisterStudent', { studentId, districtId: 'd-1', username: studentId, givenName: 'G', familyName: 'F' });
        if (first !== 200) return;
        registered.add(studentId);
        const second = await command(server.url, 'AdmitStudentToSchool', { studentId, schoolId: 's-1', entryDate: '2025-09-01', entryGradeLevel: '05' });
        if (second !== 200) return;
        admitted.add(studentId);
        answered++;
      }
    };
    const writers = Array.from({ length: 16 }, (_, w) => writer(w));
    const deadline = Date.now() + 30_000;
    while (answered < 200) {
      if (Date.now() > deadline) throw new Error(`only ${answered} register+admit pairs answered within 30 s`);
      await new Promise((r) => setTimeout(r, 20));
    }

    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      server.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    server.child.kill('SIGTERM');
    const exit = await exited;
    await Promise.all(writers);
    expect(exit).toEqual({ code: 0, signal: null });

    server = await ServerProcess.start(env);
    try {
      const events = await allEvents(server.url);
      const inLog = (type: string) => new Set(events.filter((e) => e.type === type).map((e) => e.streamId.slice('student-'.length)));
      const registeredInLog = inLog('StudentRegistered');
      const admittedInLog = inLog('StudentAdmittedToSchool');
      expect([...registered].filter((id) => !registeredInLog.has(id))).toEqual([]);
      expect([...admitted].filter((id) => !admittedInLog.has(id))).toEqual([]);

      const head = events[events.length - 1].position;
      const directory = await getJson(server.url, `/v1/districts/d-1/students?limit=1000&minPosition=${head}`);
      const roster = await getJson(server.url, `/v1/schools/s-1/students?asOf=2025-10-01&limit=1000&minPosition=${head}`);
      expect(new Set(directory.items.map((s: { studentId: string }) => s.studentId))).toEqual(registeredInLog);
      expect(new Set(roster.items.map((s: { studentId: string }) => s.studentId))).toEqual(admittedInLog);
    } finally {
      await server.kill('SIGTERM');
    }
  }, 120_000);
});
