import type { BenchRow } from '../types';
import { commandPipeline } from './command-pipeline';
import { eventStoreAppends } from './event-store-appends';
import { httpCommands } from './http-commands';

/** Rows b, c and d again with DURABILITY=power (SQLite synchronous=FULL: an fsync at every commit), to set beside the default `process`. */
export async function durabilityPower(): Promise<BenchRow[]> {
  return [...(await eventStoreAppends('power')), ...(await commandPipeline('power')), ...(await httpCommands('power'))];
}
