import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticPackage } from '../../bench/support/oneroster-package';
import type { ImportReport } from '../../src/interchange/oneroster/oneroster.report';
import { zipOf } from '../support/oneroster-packages';
import { TestApp, TOKENS } from '../support/test-app';

/** interchange.md rule 7: the report's `progress` moves while the import runs. */
describe('An import reports its progress while it runs (interchange.md rule 7)', () => {
  let app: TestApp;
  let folder: string;
  beforeAll(async () => {
    app = await TestApp.start();
    folder = mkdtempSync(join(tmpdir(), 'oneroster-progress-'));
  });
  afterAll(async () => {
    await app.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows done rising from 0 to total over several reads of GET /v1/imports/{id}, never backwards, then done', async () => {
    // About 2,500 rows: a few seconds of applying, read every 10 ms.
    const { rows } = await writeSyntheticPackage(folder, { schools: 2, users: 800, classes: 40, enrollments: 1_600 }, 'sis');
    const response = await fetch(`${app.url}/v1/imports/oneroster`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.sis}`, 'content-type': 'application/zip' },
      body: await zipOf(folder),
    });
    expect(response.status).toBe(202);
    const { importId } = (await response.json()) as { importId: string };

    const seen: Pick<ImportReport, 'status' | 'progress'>[] = [];
    const deadline = Date.now() + 120_000;
    for (;;) {
      const answer = await app.get(`/v1/imports/${importId}`);
      expect(answer.status).toBe(200);
      const report = answer.body as ImportReport;
      seen.push({ status: report.status, progress: { ...report.progress } });
      if (!['validating', 'applying'].includes(report.status)) break;
      if (Date.now() > deadline) throw new Error(`the import was still ${report.status} after 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const last = seen[seen.length - 1];
    expect(last.status).toBe('done');
    // Every data row of the package's five files is counted once.
    expect(last.progress).toEqual({ done: rows, total: rows });
    const dones = seen.map((s) => s.progress.done);
    for (let i = 1; i < dones.length; i++) expect(dones[i]).toBeGreaterThanOrEqual(dones[i - 1]);
    const midway = new Set(seen.filter((s) => s.status === 'applying' && s.progress.done > 0 && s.progress.done < s.progress.total).map((s) => s.progress.done));
    // Progress was published more than once between the start and the end, not only at the end.
    expect(midway.size).toBeGreaterThanOrEqual(2);
  }, 150_000);
});
