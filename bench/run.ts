import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { ISSUE_16, judge } from './report/issue16';
import { BenchReport, writeReport } from './report/json-report';
import { missProfile } from './report/miss-profiles';
import { BenchOptions, parseOptions, runStamp } from './report/options';
import { table } from './report/table';
import { secondsSince } from './support/measure';
import { benchScale } from './support/scale';
import { runInFreshProcess } from './support/section-process';
import { SECTIONS } from './sections';
import type { BenchRow, Section, Target } from './types';

/** Ratios printed under the table: numerator row ÷ denominator row. */
const RATIOS: { of: string; to: string; meaning: string }[] = [
  { of: 'a-500', to: 'a-1', meaning: 'what batching gains at the SQLite level' },
  { of: 'b-seq', to: 'a-1', meaning: 'port overhead for one awaited append (1.0 = none)' },
  { of: 'b-32', to: 'a-500', meaning: 'group commit vs the batched floor (target ≥ 0.40)' },
  { of: 'b-32', to: 'b-seq', meaning: 'what group commit gains over sequential appends' },
  { of: 'c', to: 'b-32', meaning: 'commands per port append/s (a pair = 3 appends: reservation, register, admit)' },
  { of: 'd', to: 'c', meaning: 'HTTP + auth + inline projections vs the in-process pipeline' },
  { of: 'h-b32', to: 'h-b32-unchained', meaning: 'appends with the hash chain vs without, all runs (the target is on h-b32-paired, CPU per event)' },
  { of: 'h-c', to: 'h-c-unchained', meaning: 'commands with the hash chain vs without, all rounds (the target is on h-c-paired, CPU per command)' },
  { of: 'p-c', to: 'p-c-unsealed', meaning: 'commands sealing personal fields vs not, all rounds (the target is on p-c-paired, CPU per command)' },
  { of: 'e-rosters', to: 'a-500', meaning: 'rosters rebuild vs the batched raw insert rate' },
  { of: 'e-rosters', to: 'e-rosters-clear', meaning: 'rosters rebuild with personal data to decrypt vs without (target ≥ 0.87: at most 15% slower)' },
  { of: 'e-student-records', to: 'e-student-records-clear', meaning: 'student-records rebuild with decryption vs without (target ≥ 0.87)' },
  { of: 'f-http-scoped-p50', to: 'f-http-p50', meaning: 'a school roster page from a district-limited token vs a * token: the organisation scope check (target ≤ 1.10)' },
  { of: 's-scoped-cpu', to: 's-star-cpu', meaning: 'CPU per command from a district-limited token vs a * token: the organisation scope check (target ≤ 1.10)' },
  { of: 'work-b-20000-warm', to: 'work-b-0-warm', meaning: 'username change with 20,000 work items vs none, state cached (target ≤ 2)' },
  { of: 'work-fold-10000', to: 'work-fold-1000', meaning: 'folding work is linear: ten times the events, about ten times the time (target < 40; a quadratic fold gives ~100)' },
  { of: 'b-seq-power', to: 'b-seq', meaning: 'sequential appends with DURABILITY=power vs process (an fsync per commit)' },
  { of: 'b-32-power', to: 'b-32', meaning: 'group-committed appends with DURABILITY=power vs process' },
  { of: 'c-power', to: 'c', meaning: 'the command pipeline with DURABILITY=power vs process' },
  { of: 'd-power', to: 'd', meaning: 'commands over HTTP with DURABILITY=power vs process' },
  { of: 'd-p99-power', to: 'd-p99', meaning: 'HTTP p99 with DURABILITY=power vs process' },
  { of: 'work-b-20000-cold', to: 'work-b-0-cold', meaning: 'the same from a fresh process: snapshot plus the stream tail (the first cold load folds everything and writes the snapshot)' },
];

const started = process.hrtime.bigint();
const startedAt = new Date();
const elapsed = () => `${secondsSince(started).toFixed(1)} s`;
/** Other processes compete for the 2 cores: the 1-minute load average says how much (≈ 1 is this run alone). */
const load = () => `load ${loadavg()[0].toFixed(1)}`;
const fmt = (value: number) => (Number.isInteger(value) ? value.toLocaleString('en') : value.toLocaleString('en', { maximumFractionDigits: 2 }));

/** The target as text, and whether `value` meets it (null when it cannot be judged). */
function describeFor(target: Target, rows: Map<string, BenchRow>, value?: number): { text: string; pass: boolean | null } {
  if ('atLeast' in target) return { text: `≥ ${fmt(target.atLeast)}`, pass: value === undefined ? null : value >= target.atLeast };
  if ('below' in target) return { text: `< ${fmt(target.below)}`, pass: value === undefined ? null : value < target.below };
  const base = rows.get(target.atLeastFractionOf.row);
  const pct = `${Math.round(target.atLeastFractionOf.fraction * 100)}% of ${target.atLeastFractionOf.row}`;
  if (!base) return { text: `≥ ${pct} (no ${target.atLeastFractionOf.row} row)`, pass: null };
  const floor = base.value * target.atLeastFractionOf.fraction;
  return { text: `≥ ${pct} = ${fmt(Math.round(floor))}`, pass: value === undefined ? null : value >= floor };
}

/** `npm run bench -- --only=a,c` runs some sections (targets relative to a row that did not run show `?`). */
function selected(options: BenchOptions): Section[] {
  if (!options.only) return SECTIONS;
  const unknown = options.only.filter((id) => !SECTIONS.some((s) => s.id === id));
  if (unknown.length) throw new Error(`Unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.id).join(', ')}`);
  return SECTIONS.filter((s) => options.only!.includes(s.id));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv, process.env, runStamp(startedAt));
  // Sections and the processes they start profile into BENCH_PROFILE (bench/support/profile.ts).
  if (options.profileDir) process.env.BENCH_PROFILE = options.profileDir;
  const scale = benchScale();
  const loadAtStart = loadavg();
  console.log(`school-ledger bench: embedded backend, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})${scale === 1 ? '' : `, BENCH_SCALE=${scale} (sizes and durations scaled down: not the real figures)`}`);
  if (options.profileDir) console.log(`CPU profiles: ${options.profileDir} (the profiler runs during the measured parts: figures are a little lower)`);
  const rows: (BenchRow & { section: string })[] = [];
  const failed: string[] = [];
  const sections: BenchReport['sections'] = [];
  for (const section of selected(options)) {
    console.log(`[${elapsed()}] (${section.id}) ${section.title} … (${load()})`);
    const t0 = process.hrtime.bigint();
    const sectionLoad = loadavg()[0];
    let failure: string | undefined;
    try {
      const produced = options.sameProcess ? await section.run() : await runInFreshProcess(section);
      rows.push(...produced.map((row) => ({ ...row, section: section.id })));
      for (const row of produced) console.log(`    ${row.id}: ${fmt(row.value)} ${row.unit}`);
    } catch (error) {
      failed.push(section.id);
      failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(`    (${section.id}) FAILED: ${failure}`);
    }
    const took = secondsSince(t0);
    sections.push({ id: section.id, title: section.title, seconds: took, loadAtStart: sectionLoad, loadAtEnd: loadavg()[0], ...(failure ? { failed: failure } : {}) });
    console.log(`    done in ${took.toFixed(1)} s (${load()})`);
  }

  const byId = new Map<string, BenchRow>(rows.map((r) => [r.id, r]));
  const results = rows.map((row) => {
    const t = row.target ? describeFor(row.target, byId, row.value) : null;
    return { row, target: t?.text ?? '', verdict: (t === null ? '' : t.pass === null ? '?' : t.pass ? 'PASS' : 'MISS') as '' | 'PASS' | 'MISS' | '?' };
  });

  console.log(`\nResults (${elapsed()} in all; 1-minute ${load()} at the end: figures are wall-clock, so other processes on the machine lower them)\n`);
  console.log(
    table(
      ['row', 'value', 'unit', 'target', '', 'what'],
      results.map(({ row, target, verdict }) => [row.id, fmt(row.value), row.unit, target, verdict, row.name]),
    ),
  );
  console.log('\nDetails');
  for (const { row } of results) if (row.extra) console.log(`  ${row.id.padEnd(18)} ${row.extra}`);

  console.log('\nRatios');
  const ratios: BenchReport['ratios'] = [];
  for (const ratio of RATIOS) {
    const a = byId.get(ratio.of);
    const b = byId.get(ratio.to);
    if (!a || !b || b.value === 0) continue;
    ratios.push({ ...ratio, value: a.value / b.value });
    console.log(`  ${`(${ratio.of})/(${ratio.to})`.padEnd(24)} ${(a.value / b.value).toFixed(2).padStart(6)}   ${ratio.meaning}`);
  }

  console.log('\nSections');
  for (const s of sections) console.log(`  ${`(${s.id})`.padEnd(8)}${s.seconds.toFixed(1).padStart(6)} s  load ${s.loadAtStart.toFixed(1)} → ${s.loadAtEnd.toFixed(1)}${s.failed ? '  FAILED' : ''}  ${s.title}`);

  const issue16 = judge(ISSUE_16, byId);
  console.log(`\nIssue 16's table (this run${scale === 1 ? '' : `, BENCH_SCALE=${scale}: NOT the real sizes`})\n`);
  console.log(table(['what', 'before', 'now', 'target', ''], issue16.map((g) => [g.what, g.before, g.figure, g.target, g.verdict]), [1, 2]));
  const issueMisses = issue16.filter((g) => g.verdict === 'MISS');
  console.log(`Issue 16: ${issue16.filter((g) => g.verdict === 'PASS').length} PASS, ${issueMisses.length} MISS, ${issue16.filter((g) => g.verdict === '?').length} not measured in this run`);

  const misses = results.filter((r) => r.verdict === 'MISS').map((r) => r.row.id);
  const missProfiles: Record<string, string[]> = {};
  if (options.profileDir) {
    const missedRows = [...new Set([...misses, ...issueMisses.map((g) => g.rows[0])])];
    if (missedRows.length) console.log(`\nWhere the time goes for each MISS (CPU profiles in ${options.profileDir}; top functions by self time)`);
    for (const id of missedRows) {
      missProfiles[id] = missProfile(byId.get(id)!, options.profileDir);
      console.log(`\n  ${id}\n${missProfiles[id].map((l) => `    ${l}`).join('\n')}`);
    }
  }

  console.log(`\nTargets: ${results.filter((r) => r.verdict === 'PASS').length} PASS, ${misses.length} MISS${misses.length ? ` (${misses.join(', ')})` : ''}`);
  if (failed.length) console.log(`Sections that failed to run: ${failed.join(', ')}`);
  if (options.json) {
    writeReport(options.json, {
      startedAt: startedAt.toISOString(),
      seconds: secondsSince(started),
      machine: { node: process.version, cores: cpus().length, cpu: cpus()[0]?.model ?? '?', loadAtStart, loadAtEnd: loadavg() },
      scale,
      argv,
      sections,
      rows: results.map(({ row, target, verdict }) => ({ ...(row as BenchRow & { section: string }), targetText: target, verdict })),
      ratios,
      issue16,
      missProfiles,
    });
    console.log(`Figures written to ${options.json}`);
  }
  // A missed target is a finding, not a failure of the bench; a section that crashed is.
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
