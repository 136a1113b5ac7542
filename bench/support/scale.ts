/** `BENCH_SCALE=0.1`: every section's sizes and durations times 0.1, for quick iteration; the real run is 1. */
export const benchScale = (): number => {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1] (got "${process.env.BENCH_SCALE}")`);
  return scale;
};

/** A count scaled by BENCH_SCALE, rounded, at least `min`. */
export const scaled = (count: number, min = 1): number => Math.max(min, Math.round(count * benchScale()));

/** A duration in seconds scaled by BENCH_SCALE, at least `min` seconds. */
export const scaledSeconds = (seconds: number, min = 0.5): number => Math.max(min, seconds * benchScale());
