import { commandPipeline } from './command-pipeline';
import { eventStoreAppends } from './event-store-appends';
import { hashChainSection } from './hash-chain';
import { httpCommands } from './http-commands';
import { physicalBaseline } from './physical-baseline';
import { onerosterImport } from './oneroster-import';
import { placementSearch } from './placement-search';
import { privacyCipher } from './privacy-cipher';
import { projectionRebuild } from './projection-rebuild';
import { rebuildMillion } from './rebuild-million';
import { rosterMillion } from './roster-million';
import { durabilityPower } from './durability-power';
import { rosterQueries } from './roster-queries';
import { scopeCost } from './scope-cost';
import { workSection } from '../work/work-bench';
import type { Section } from '../types';

/**
 * The sections, run in this order, each in a fresh Node process (bench/section-child.ts) on its own
 * fresh DATA_DIR, so no figure depends on the heap, caches or files an earlier section left behind.
 * Add a section with one line here.
 */
export const SECTIONS: Section[] = [
  { id: 'a', title: 'physical baseline: raw better-sqlite3 inserts', run: physicalBaseline },
  { id: 'b', title: 'appends through the EventStore port (SqliteEventStore)', run: eventStoreAppends },
  { id: 'c', title: 'command pipeline in process (CommandBus, PROJECTIONS=off)', run: commandPipeline },
  { id: 'd', title: 'commands over HTTP (autocannon, PROJECTIONS=inline)', run: httpCommands },
  { id: 'e', title: 'projection rebuilds from 100k events', run: projectionRebuild },
  { id: 'f', title: 'school roster queries: a 2,000-student school among 100,000 students', run: rosterQueries },
  { id: 'g', title: 'placement search near a point among 50,000 placements', run: placementSearch },
  workSection,
  { id: 'h', title: 'hash chain: append cost with and without it, events:verify over 1,000,000 events', run: hashChainSection },
  { id: 'i', title: 'OneRoster import of a generated package (100,000 users)', run: onerosterImport },
  { id: 'p', title: 'personal data: sealing and opening Student events', run: privacyCipher },
  { id: 'm', title: 'rebuild of every projection from a mixed log of 1,000,000 events, in a fresh process', run: rebuildMillion },
  { id: 'n', title: 'school roster queries with 1,000,000 students in the store', run: rosterMillion },
  { id: 'power', title: 'rows b, c, d with DURABILITY=power (an fsync per commit)', run: durabilityPower },
  { id: 's', title: 'scope check cost: CPU per command, * token vs a district token', run: scopeCost },
];

