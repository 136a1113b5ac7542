import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from '../types';
import { summariseProfiles } from './cpu-profile';

const TOP = 15;

/** For a row that missed its target: the top functions by self time in the profiles of the work it measures. */
export function missProfile(row: BenchRow, dir: string): string[] {
  const files = (row.profiles ?? []).map((label) => join(dir, `${label}.cpuprofile`)).filter((file) => existsSync(file));
  if (!files.length) {
    return [row.profiles?.length ? `no profile written (${row.profiles.join(', ')} missing in ${dir})` : 'this row is not profiled (its section has no profiled part for it)'];
  }
  try {
    return summariseProfiles(files, TOP);
  } catch (error) {
    return [`the profile could not be read: ${(error as Error).message}`];
  }
}
