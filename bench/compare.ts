import { readFileSync } from 'node:fs';
import type { BenchReport } from './report/json-report';
import { table } from './report/table';

/** `node dist/bench/compare.js before.json after.json`: each row's figure in both runs and the change, then issue 16's verdicts. */
const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: node dist/bench/compare.js <before.json> <after.json>   (files written by npm run bench -- --json)');
  process.exit(2);
}
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
const before = read(beforeFile);
const after = read(afterFile);
const fmt = (value: number | undefined) => (value === undefined ? '—' : value.toLocaleString('en', { maximumFractionDigits: 2 }));
const load = (r: BenchReport) => `load ${r.machine.loadAtStart[0].toFixed(1)} → ${r.machine.loadAtEnd[0].toFixed(1)}, scale ${r.scale}`;

console.log(`before: ${beforeFile} (${before.startedAt}, ${load(before)})`);
console.log(`after:  ${afterFile} (${after.startedAt}, ${load(after)})`);
if (before.scale !== after.scale) console.log('The runs used different BENCH_SCALE: their figures are not comparable.');

const ids = [...new Set([...before.rows.map((r) => r.id), ...after.rows.map((r) => r.id)])];
const lines = ids.map((id) => {
  const a = before.rows.find((r) => r.id === id);
  const b = after.rows.find((r) => r.id === id);
  const change = a && b && a.value !== 0 ? `${b.value >= a.value ? '+' : ''}${(((b.value - a.value) / a.value) * 100).toFixed(1)}%` : '';
  const verdict = a?.verdict || b?.verdict ? `${a?.verdict || '—'} → ${b?.verdict || '—'}` : '';
  return [id, fmt(a?.value), fmt(b?.value), change, (b ?? a)!.unit, verdict];
});
console.log(`\n${table(['row', 'before', 'after', 'change', 'unit', 'verdict'], lines, [1, 2, 3])}`);

console.log("\nIssue 16's table");
for (const goal of after.issue16) {
  const was = before.issue16.find((g) => g.what === goal.what);
  console.log(`  ${goal.what.padEnd(60)} ${(was?.figure ?? '—').padStart(16)} → ${goal.figure.padStart(16)}  ${goal.target.padEnd(9)} ${was?.verdict ?? '—'} → ${goal.verdict}`);
}
