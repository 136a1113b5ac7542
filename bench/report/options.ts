import { join, resolve } from 'node:path';

export interface BenchOptions {
  only?: string[];
  /** `--json[=path]`: where the run's figures are written as JSON. */
  json?: string;
  /** `--profile[=dir]` (or BENCH_PROFILE=dir): CPU profiles are written there, and summarised under the table for each MISS. */
  profileDir?: string;
  /** `--same-process`: every section in this process, one after another, instead of each in a fresh one (figures then depend on what ran before). */
  sameProcess?: boolean;
}

/** A name for this run's files: `2026-12-03T14-05-09Z`. */
export const runStamp = (at = new Date()): string => at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');

/** `--only=a,c`, `--json[=path]`, `--profile[=dir]`, `--same-process`; defaults under `bench-results/` (git-ignored). */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, stamp: string): BenchOptions {
  const value = (flag: string): string | true | undefined => {
    const arg = argv.find((a) => a === flag || a.startsWith(`${flag}=`));
    return arg === undefined ? undefined : arg === flag ? true : arg.slice(flag.length + 1);
  };
  const unknown = argv.filter((a) => a.startsWith('--') && !['--only', '--json', '--profile', '--same-process'].includes(a.split('=')[0]));
  if (unknown.length) throw new Error(`Unknown option(s) ${unknown.join(' ')}; known: --only=a,b --json[=path] --profile[=dir] --same-process`);
  const only = value('--only');
  const json = value('--json');
  const profile = value('--profile');
  return {
    ...(value('--same-process') === true ? { sameProcess: true } : {}),
    ...(typeof only === 'string' ? { only: only.split(',') } : {}),
    ...(json === undefined ? {} : { json: resolve(json === true ? join('bench-results', `${stamp}.json`) : json) }),
    ...(profile !== undefined
      ? { profileDir: resolve(profile === true ? (env.BENCH_PROFILE ?? join('bench-results', `profiles-${stamp}`)) : profile) }
      : env.BENCH_PROFILE
        ? { profileDir: resolve(env.BENCH_PROFILE) }
        : {}),
  };
}
