/** Seconds elapsed since `start` (from `process.hrtime.bigint()`). */
export const secondsSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/** Runs `work` and returns the seconds it took. */
export async function timed(work: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return secondsSince(start);
}

/** The p-th percentile (0–100) of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** The value at fraction `q` of the sorted values (index ⌊q·n⌋, the upper one of a middle pair): the rounds' summaries. */
export const quantile = (values: number[], q: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

export const median = (values: number[]): number => quantile(values, 0.5);

export const round = (value: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** A pause that lets pending I/O and timers run (e.g. between phases). */
export const settle = (ms = 50): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU time (user + system) of this process since `start`, in µs per unit of work, as text. */
export function cpuSince(start: NodeJS.CpuUsage, units: number): string {
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / units).toFixed(1);
}

/** Milliseconds each of `times` sequential calls of `query` took. */
export async function latencies(times: number, query: (i: number) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    await query(i);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms;
}
