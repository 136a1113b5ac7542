import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BenchRow } from '../types';
import type { GoalResult } from './issue16';

/** What `npm run bench -- --json` writes: enough to compare two runs row by row (`node dist/bench/compare.js a.json b.json`). */
export interface BenchReport {
  startedAt: string;
  seconds: number;
  machine: { node: string; cores: number; cpu: string; loadAtStart: number[]; loadAtEnd: number[] };
  /** BENCH_SCALE of the run: figures of runs at different scales are not comparable. */
  scale: number;
  argv: string[];
  sections: { id: string; title: string; seconds: number; loadAtStart: number; loadAtEnd: number; failed?: string }[];
  rows: (BenchRow & { section: string; targetText: string; verdict: '' | 'PASS' | 'MISS' | '?' })[];
  ratios: { of: string; to: string; value: number; meaning: string }[];
  issue16: GoalResult[];
  /** For each row that missed a target (its own or issue 16's), when profiled: the summary printed under the table. */
  missProfiles: Record<string, string[]>;
}

export function writeReport(file: string, report: BenchReport): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
