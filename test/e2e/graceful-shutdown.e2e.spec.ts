import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess } from '../support/server-process';
import { allEvents, getJson, sendCommand } from '../support/service-http';
import { writeTokensFile } from '../support/test-app';

/** The status a command was answered with, or null once the service has stopped listening. */
const command = async (url: string, name: string, body: unknown): Promise<number | null> => (await sendCommand(url, name, body))?.status ?? null;

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
