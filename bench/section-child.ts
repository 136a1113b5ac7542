import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { SECTIONS } from './sections';
import type { SectionOutcome } from './support/section-process';

/**
 * `node dist/bench/section-child.js <section> <out.json>`: runs one section in this fresh process and
 * writes its rows (or why it failed) to `out.json` for the run that started it (bench/run.ts).
 */
async function main(): Promise<void> {
  const [id, out] = process.argv.slice(2);
  const section = SECTIONS.find((s) => s.id === id);
  if (!section || !out) throw new Error(`usage: section-child.js <${SECTIONS.map((s) => s.id).join('|')}> <out.json>`);
  let outcome: SectionOutcome;
  try {
    outcome = { rows: await section.run() };
  } catch (error) {
    outcome = { failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  writeFileSync(out, JSON.stringify(outcome));
}

main().then(
  // A section that left a timer or a socket behind must not keep the run waiting.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
