import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../support/polling';
import { ServerProcess } from '../support/server-process';
import { allEvents, getJson, sendCommand } from '../support/service-http';
import { writeTokensFile } from '../support/test-app';

const command = sendCommand;

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
