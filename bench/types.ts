/** What a benchmark section reports: one row per figure. */
export interface BenchRow {
  /** Short key the table, the targets and the ratios refer to (e.g. `a-500`, `b-32`, `d-p99`). */
  id: string;
  name: string;
  value: number;
  unit: string;
  target?: Target;
  /** Context printed beside the figure (sizes, counts, errors, conditions). */
  extra?: string;
  /** Labels of the CPU profiles (`BENCH_PROFILE=<dir>`, `<dir>/<label>.cpuprofile`) of the work this row measures. */
  profiles?: string[];
}

/**
 * A figure to meet: an absolute floor or ceiling, or a fraction of another row's value
 * (e.g. `b-32` ≥ 40% of `a-500`).
 */
export type Target =
  | { atLeast: number }
  | { below: number }
  | { atLeastFractionOf: { row: string; fraction: number } };

export interface Section {
  /** Letter or short name printed in progress lines. */
  id: string;
  title: string;
  run(): Promise<BenchRow[]>;
}
