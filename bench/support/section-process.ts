import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow, Section } from '../types';

/** What a section's process hands back: its rows, or why it failed. */
export type SectionOutcome = { rows: BenchRow[] } | { failure: string };

/**
 * Runs `section` in a fresh Node process (bench/section-child.ts) with this process's flags and
 * environment, its output shown as it comes, and answers its rows. A figure then owes nothing to the
 * heap, the caches or the open files of the sections before it: run after six others in one process,
 * the command pipeline (c) spent about 100 µs of CPU a command where a fresh process spends about 65.
 */
export function runInFreshProcess(section: Section): Promise<BenchRow[]> {
  const out = join(tmpdir(), `school-ledger-bench-${process.pid}-${section.id}.json`);
  rmSync(out, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, join(__dirname, '..', 'section-child.js'), section.id, out], { stdio: 'inherit', env: process.env });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!existsSync(out)) return reject(new Error(`section ${section.id}'s process ended (${signal ?? `exit code ${code}`}) without its figures`));
      const outcome = JSON.parse(readFileSync(out, 'utf8')) as SectionOutcome;
      rmSync(out, { force: true });
      if ('failure' in outcome) reject(new Error(outcome.failure));
      else resolve(outcome.rows);
    });
  });
}
