import type { BenchRow } from '../types';

/** One line of issue 16's table: a row (or a ratio of two rows) and its target, or a figure only reported. */
export interface Goal {
  what: string;
  /** The figure the issue started from. */
  before: string;
  row: string;
  /** When set, the figure is row ÷ over. */
  over?: string;
  target?: { atLeast: number } | { below: number } | { atMost: number };
  unit: string;
}

export interface GoalResult {
  what: string;
  before: string;
  figure: string;
  value: number | null;
  target: string;
  verdict: 'PASS' | 'MISS' | 'reported' | '?';
  /** The rows the figure comes from: their profiles are the ones to read for a MISS. */
  rows: string[];
}

const powerBesideProcess = (row: string, what: string, unit: string): Goal[] => [
  { what: `${what}, DURABILITY=power`, before: '—', row: `${row}-power`, unit },
  { what: `${what}: power ÷ process`, before: '—', row: `${row}-power`, over: row, unit: '×' },
];

/** Issue 16's targets (embedded default, this machine, one run). */
export const ISSUE_16: Goal[] = [
  { what: 'c: in-process command pipeline', before: '7,439', row: 'c', target: { atLeast: 10_000 }, unit: 'commands/s' },
  { what: 'd: HTTP, 32 connections, projections on', before: '1,876', row: 'd', target: { atLeast: 3_500 }, unit: 'commands/s' },
  { what: 'd: p99', before: '85', row: 'd-p99', target: { below: 40 }, unit: 'ms' },
  { what: 'b-32 vs a-500', before: '0.18', row: 'b-32', over: 'a-500', target: { atLeast: 0.4 }, unit: '×' },
  { what: 'e: rebuild rosters from 100k events', before: '25,645', row: 'e-rosters', target: { atLeast: 60_000 }, unit: 'events/s' },
  { what: 'f: whole 2,000-student roster, p99', before: '28', row: 'f-all-p99', target: { below: 20 }, unit: 'ms' },
  { what: 'work cold: 20,000 items vs none, fresh process', before: '7.8', row: 'work-b-20000-cold', over: 'work-b-0-cold', target: { atMost: 2 }, unit: '×' },
  { what: 'rebuild every projection from 1,000,000 events: time', before: '—', row: 'm-rebuild-all', unit: 's' },
  { what: 'rebuild every projection from 1,000,000 events: peak RSS', before: '—', row: 'm-rebuild-rss', target: { below: 1024 }, unit: 'MB' },
  { what: 'school roster p99, 1,000,000 students in the store', before: '—', row: 'n-all-p99', target: { below: 20 }, unit: 'ms' },
  ...powerBesideProcess('b-seq', 'b-seq: sequential appends', 'events/s'),
  ...powerBesideProcess('b-32', 'b-32: 32 concurrent writers', 'events/s'),
  ...powerBesideProcess('c', 'c: in-process command pipeline', 'commands/s'),
  ...powerBesideProcess('d', 'd: HTTP commands', 'commands/s'),
  ...powerBesideProcess('d-p99', 'd: p99', 'ms'),
];

const fmt = (value: number) => value.toLocaleString('en', { maximumFractionDigits: value < 10 ? 2 : value < 1000 ? 1 : 0 });

function targetText(target: Goal['target']): string {
  if (!target) return '';
  if ('atLeast' in target) return `≥ ${fmt(target.atLeast)}`;
  if ('below' in target) return `< ${fmt(target.below)}`;
  return `≤ ${fmt(target.atMost)}`;
}

function meets(target: NonNullable<Goal['target']>, value: number): boolean {
  if ('atLeast' in target) return value >= target.atLeast;
  if ('below' in target) return value < target.below;
  return value <= target.atMost;
}

/** Each goal judged on the rows of this run (`?` when a row it needs did not run). */
export function judge(goals: Goal[], rows: Map<string, BenchRow>): GoalResult[] {
  return goals.map((goal) => {
    const row = rows.get(goal.row);
    const over = goal.over === undefined ? undefined : rows.get(goal.over);
    const value = !row || (goal.over !== undefined && (!over || over.value === 0)) ? null : over ? row.value / over.value : row.value;
    const verdict = value === null ? '?' : !goal.target ? 'reported' : meets(goal.target, value) ? 'PASS' : 'MISS';
    const figure = value === null ? '?' : `${fmt(value)} ${goal.unit}`;
    return { what: goal.what, before: goal.before, figure, value, target: targetText(goal.target), verdict, rows: [goal.row, ...(goal.over ? [goal.over] : [])] };
  });
}
