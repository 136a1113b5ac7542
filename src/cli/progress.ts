import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  update(done: bigint, total: bigint): void;
  stop(): void;
}

/** A bar on a terminal; plain lines (at most one every two seconds) otherwise. */
export function progress(label: string, unit = 'events'): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} ${unit}`, stream: process.stderr }, Presets.shades_classic);
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(Number(total), 0);
          started = true;
        }
        bar.setTotal(Number(total));
        bar.update(Number(done));
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, total) {
      if (Date.now() - last < 2000 && done < total) return;
      last = Date.now();
      process.stderr.write(`${label}: ${done}/${total} ${unit}\n`);
    },
    stop: () => undefined,
  };
}
