import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join, resolve } from 'node:path';

/** `BENCH_PROFILE=<dir>`: the measured part of each section is CPU-profiled into `<dir>/<label>.cpuprofile`. */
export const profileDir = (): string | undefined => (process.env.BENCH_PROFILE ? resolve(process.env.BENCH_PROFILE) : undefined);

function post<T = unknown>(session: Session, method: string, params: Record<string, unknown> = {}): Promise<T> {
  return new Promise((done, fail) => session.post(method, params, (error, result) => (error ? fail(error) : done(result as T))));
}

/** Microseconds of the monotonic clock, as V8 CPU profiles time their samples (also in other processes). */
export const profileClock = (): number => Number(process.hrtime.bigint() / 1000n);

/** For a profile of a whole process (the service in (d)): the part that was measured, so its summary counts that part only. */
export function markProfileWindow(label: string, from: number, to: number): void {
  const dir = profileDir();
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${label}.window.json`), JSON.stringify({ from, to }));
}

/** Runs `work`; when BENCH_PROFILE is set, with the V8 CPU profiler on (this process only). */
export async function profiled<R>(label: string, work: () => Promise<R>): Promise<R> {
  const dir = profileDir();
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 500 });
  await post(session, 'Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${label}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`    profile: ${file}`);
  }
}
