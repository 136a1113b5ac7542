import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERASED } from '../../src/students/student.events';
import { eventually } from '../support/polling';
import { ServerProcess } from '../support/server-process';
import { allEvents, sendCommand } from '../support/service-http';
import { writeTokensFile } from '../support/test-app';

/**
 * New students' data keys are written to the key store in batches, apart from the event log: each
 * batch is committed before any event sealed with its keys is appended, so a crash can lose a key
 * only together with every event that would have needed it.
 */
describe('A crash (SIGKILL) while new students are registered', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-crash-keys-'));
  const env = { DATA_DIR: dataDir, AUTH_TOKENS_FILE: writeTokensFile(dataDir) };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves no stored student event whose personal fields cannot be opened', async () => {
    let server = await ServerProcess.start(env);
    expect((await sendCommand(server.url, 'RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'D' }))?.status).toBe(200);

    let acknowledged = 0;
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const studentId = `st-${w}-${i}`;
        const registered = await sendCommand(server.url, 'RegisterStudent', { studentId, districtId: 'd-1', username: studentId, givenName: `Given ${studentId}`, familyName: 'F' });
        if (registered?.status !== 200) return;
        acknowledged += 1;
      }
    };
    const writers = Array.from({ length: 32 }, (_, w) => writer(w));
    try {
      await eventually(() => acknowledged >= 300, '300 students are acknowledged', { withinMs: 60_000 });
    } finally {
      // Killed while 32 registrations are in flight: some keys stored, their events maybe not yet.
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
    }

    server = await ServerProcess.start(env);
    try {
      const students = (await allEvents(server.url)).filter((e) => e.type === 'StudentRegistered') as unknown as { streamId: string; data: { givenName: string } }[];
      expect(students.length).toBeGreaterThanOrEqual(300);
      const unopened = students.filter((e) => e.data.givenName !== `Given ${e.streamId.slice('student-'.length)}`);
      expect({ unopened: unopened.length, erased: unopened.filter((e) => e.data.givenName === ERASED).length }).toEqual({ unopened: 0, erased: 0 });
    } finally {
      await server.kill('SIGTERM');
    }
  }, 90_000);
});
