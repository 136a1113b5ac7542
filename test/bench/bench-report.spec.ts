import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { summariseProfiles } from '../../bench/report/cpu-profile';
import { Goal, judge } from '../../bench/report/issue16';
import { parseOptions } from '../../bench/report/options';
import { scaled } from '../../bench/support/scale';
import type { BenchRow } from '../../bench/types';

const rows = (values: Record<string, number>) => new Map<string, BenchRow>(Object.entries(values).map(([id, value]) => [id, { id, name: id, value, unit: 'x' }]));

describe("issue 16's table", () => {
  const goals: Goal[] = [
    { what: 'floor', before: '—', row: 'c', target: { atLeast: 10_000 }, unit: 'commands/s' },
    { what: 'ceiling', before: '—', row: 'd-p99', target: { below: 40 }, unit: 'ms' },
    { what: 'ratio', before: '—', row: 'cold-20000', over: 'cold-0', target: { atMost: 2 }, unit: '×' },
    { what: 'reported', before: '—', row: 'c-power', over: 'c', unit: '×' },
  ];

  it('judges a floor, a ceiling and a ratio, and reports a figure without a target', () => {
    const verdicts = judge(goals, rows({ c: 10_000, 'd-p99': 40, 'cold-20000': 9, 'cold-0': 4, 'c-power': 2_500 })).map((g) => [g.what, g.verdict, g.value]);
    expect(verdicts).toEqual([
      ['floor', 'PASS', 10_000],
      ['ceiling', 'MISS', 40],
      ['ratio', 'MISS', 2.25],
      ['reported', 'reported', 0.25],
    ]);
  });

  it('says "?" when a row it needs did not run', () => {
    expect(judge(goals, rows({ 'cold-20000': 3 })).map((g) => g.verdict)).toEqual(['?', '?', '?', '?']);
  });
});

describe('bench options', () => {
  it('writes JSON under bench-results/ unless told where, and profiles where --profile or BENCH_PROFILE say', () => {
    expect(parseOptions(['--json'], {}, 'T')).toEqual({ json: resolve('bench-results/T.json') });
    expect(parseOptions(['--json=/tmp/a.json', '--only=c,d'], {}, 'T')).toEqual({ json: '/tmp/a.json', only: ['c', 'd'] });
    expect(parseOptions(['--profile'], {}, 'T')).toEqual({ profileDir: resolve('bench-results/profiles-T') });
    expect(parseOptions(['--profile=/tmp/p'], { BENCH_PROFILE: '/tmp/q' }, 'T')).toEqual({ profileDir: '/tmp/p' });
    expect(parseOptions([], { BENCH_PROFILE: '/tmp/q' }, 'T')).toEqual({ profileDir: '/tmp/q' });
  });

  it('runs each section in a fresh process unless told --same-process', () => {
    expect(parseOptions(['--only=c'], {}, 'T')).toEqual({ only: ['c'] });
    expect(parseOptions(['--same-process', '--only=c'], {}, 'T')).toEqual({ sameProcess: true, only: ['c'] });
  });

  it('refuses an option it does not know', () => {
    expect(() => parseOptions(['--jsn'], {}, 'T')).toThrow(/Unknown option/);
  });
});

describe('BENCH_SCALE', () => {
  const saved = process.env.BENCH_SCALE;
  afterEach(() => (saved === undefined ? delete process.env.BENCH_SCALE : (process.env.BENCH_SCALE = saved)));

  it('scales a count down, not below its floor, and refuses a scale outside (0, 1]', () => {
    process.env.BENCH_SCALE = '0.1';
    expect([scaled(1_000_000), scaled(1_000, 500)]).toEqual([100_000, 500]);
    process.env.BENCH_SCALE = '2';
    expect(() => scaled(10)).toThrow(/BENCH_SCALE/);
  });
});

describe('profile summary', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bench-profile-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Samples at t = 110 (the first, left out), 120, 130, 140 µs: node 2 "busy" twice, node 3 "idle" once.
  const profile = {
    startTime: 100,
    endTime: 140,
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 3] },
      { id: 2, callFrame: { functionName: 'busy', url: 'file:///x/work.js', lineNumber: 9 } },
      { id: 3, callFrame: { functionName: 'idle', url: 'file:///x/work.js', lineNumber: 19 } },
    ],
    samples: [3, 2, 2, 3],
    timeDeltas: [10, 10, 10, 10],
  };

  it('counts self time per function, leaving the first sample out', () => {
    const file = join(dir, 'p.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    const lines = summariseProfiles([file], 5);
    expect(lines[0]).toContain('0 ms sampled');
    expect(lines.slice(2)).toEqual([' 66.7%  busy work.js:10', ' 33.3%  idle work.js:20']);
  });

  it('counts only the samples inside the window written beside the profile', () => {
    const file = join(dir, 'p.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    writeFileSync(join(dir, 'p.window.json'), JSON.stringify({ from: 115, to: 125 }));
    expect(summariseProfiles([file], 5).slice(1)).toEqual(['-- self time', '100.0%  busy work.js:10']);
  });
});
