import { existsSync, readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/)?/, '')}:${n.callFrame.lineNumber + 1}`;

/** `<label>.window.json` beside `<label>.cpuprofile`: the measured part of a longer profile (µs of the monotonic clock, as the profile's). */
export const windowFileOf = (profileFile: string) => profileFile.replace(/\.cpuprofile$/, '.window.json');

function windowOf(file: string): { from: number; to: number } | null {
  const sidecar = windowFileOf(file);
  return existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, 'utf8')) as { from: number; to: number }) : null;
}

/**
 * Self and inclusive time per function (µs), over one or more V8 CPU profiles added together. The first
 * sample is left out (its delta runs from the profiler's start, through the inspector call that started it),
 * and so is every sample outside the profile's window when one was written.
 */
function timesOf(files: string[]): { total: number; self: Map<string, number>; inclusive: Map<string, number> } {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
    const window = windowOf(file);
    const timeOf = new Map<number, number>();
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      at += profile.timeDeltas[i] ?? 0;
      if (i === 0 || (window && (at < window.from || at > window.to))) return;
      timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    for (const [id, time] of timeOf) {
      total += time;
      const own = label(nodes.get(id)!);
      self.set(own, (self.get(own) ?? 0) + time);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const name = label(nodes.get(at)!);
        if (seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + time);
      }
    }
  }
  return { total, self, inclusive };
}

/**
 * The functions with the most self time (native SQLite calls count to the JS function that made them),
 * then the inclusive time of the frames whose "name file:line" contains one of `patterns`.
 */
export function summariseProfiles(files: string[], top = 30, patterns: string[] = []): string[] {
  const { total, self, inclusive } = timesOf(files);
  const pct = (t: number) => `${((100 * t) / Math.max(1, total)).toFixed(1).padStart(5)}%`;
  const windowed = files.some((file) => windowOf(file) !== null) ? ' (the measured part only)' : '';
  const lines = [`${files.join(' + ')}: ${(total / 1000).toFixed(0)} ms sampled${windowed}`, '-- self time'];
  for (const [name, time] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${pct(time)}  ${name}`);
  if (patterns.length) {
    lines.push('-- inclusive');
    for (const [name, time] of [...inclusive].filter(([n]) => patterns.some((p) => n.includes(p))).sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      lines.push(`${pct(time)}  ${name}`);
    }
  }
  return lines;
}
