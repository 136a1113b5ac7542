import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { NewEvent } from '../../src/shared/event';
import { newId } from '../../src/shared/ids';
import { ProjectionsService } from '../../projections/subscription/projections.service';
import { searchPlacements } from '../../projections/placements/placements.queries';
import { startInProcessApp } from '../support/app';
import { percentile, round } from '../support/measure';
import { sampleMetadata } from '../support/sample-events';
import { withTempDir } from '../support/temp-dir';
import type { BenchRow } from '../types';
import { scaled } from '../support/scale';

const PLACEMENTS = scaled(50_000, 1_000);
const SCHOOLS = scaled(5_000, 100);
const QUERIES = 300;
const YEAR = 'ay-2026';

/** A deterministic spread of points over England (roughly 50.5–54.5 N, 3 W–0.5 E). */
const pointOf = (i: number) => ({ latitude: 50.5 + ((i * 7919) % 4000) / 1000, longitude: -3 + ((i * 104729) % 3500) / 1000 });

const event = (type: string, data: unknown, command: string): NewEvent => ({ eventId: newId(), type, data, metadata: sampleMetadata(command) });

/** Subjects (a secondary tree with Modern foreign languages over French, Spanish, German; Maths; Science), schools, then placements. */
async function generatePlacementLog(store: EventStore): Promise<{ mfl: string; events: number }> {
  const subjects: [id: string, name: string, parent: string | null][] = [
    ['mfl', 'Modern foreign languages', null], ['french', 'French', 'mfl'], ['spanish', 'Spanish', 'mfl'], ['german', 'German', 'mfl'],
    ['maths', 'Mathematics', null], ['science', 'Science', null],
  ];
  await store.append('subject-tree-all', subjects.map(([subjectId, name, parentSubjectId]) =>
    event('SubjectDefined', { subjectId, name, code: subjectId.toUpperCase(), phase: 'secondary', parentSubjectId }, 'DefineSubject')), 'any');
  const schools = Array.from({ length: SCHOOLS }, (_, i) => `school-${i}`);
  let events = subjects.length;
  for (let from = 0; from < SCHOOLS; from += 1000) {
    await Promise.all(schools.slice(from, from + 1000).map((id, k) =>
      store.append(`organisation-${id}`, [event('OrganisationRegistered', { organisationId: id, type: 'school', name: `School ${from + k}`, location: pointOf(from + k) }, 'RegisterOrganisation')], 'no_stream')));
    events += Math.min(1000, SCHOOLS - from);
  }
  const leaves = ['french', 'spanish', 'german', 'maths', 'science'];
  for (let from = 0; from < PLACEMENTS; from += 1000) {
    const appends: Promise<unknown>[] = [];
    for (let i = from; i < Math.min(PLACEMENTS, from + 1000); i++) {
      const placementId = `p-${i}`;
      const key = { placementId, schoolId: schools[i % SCHOOLS], academicYearId: YEAR };
      const created = event('PlacementCreated', { ...key, subjectId: leaves[i % leaves.length], sendSpecific: false, keyStage: null, yearGroup: null, additionalSubjectIds: [], termIds: [], mentorIds: [] }, 'CreatePlacement');
      appends.push(store.append(`placement-${placementId}`, i % 4 === 0 ? [created] : [created, event('PlacementPublished', key, 'PublishPlacement')], 'no_stream'));
      events += i % 4 === 0 ? 1 : 2;
    }
    await Promise.all(appends);
  }
  return { mfl: 'mfl', events };
}

/** (g) Placements near a point among 50,000: the search the endpoint runs (bounding box on indexed coordinates, then exact distance). */
export async function placementSearch(): Promise<BenchRow[]> {
  return withTempDir('g', async (dir) => {
    const app = await startInProcessApp(dir, 'off');
    try {
      const { mfl, events } = await generatePlacementLog(app.get<EventStore>(EVENT_STORE));
      await app.get(ProjectionsService).rebuild('placements');
      const documents = app.get<DocumentStore>(DOCUMENT_STORE);
      const centre = (i: number) => pointOf(i * 37 + 11);
      let found = 0;
      const ms: number[] = [];
      for (let i = 0; i < QUERIES; i++) {
        const start = process.hrtime.bigint();
        const answer = await searchPlacements(
          documents,
          { academicYearId: YEAR, subjectId: mfl, statuses: ['published'], near: centre(i), radiusKm: 25 },
          { limit: 100, offset: 0 },
        );
        ms.push(Number(process.hrtime.bigint() - start) / 1e6);
        found += answer.total;
      }
      const wide: number[] = [];
      for (let i = 0; i < QUERIES / 3; i++) {
        const start = process.hrtime.bigint();
        await searchPlacements(documents, { near: centre(i), radiusKm: 50 }, { limit: 100, offset: 0 });
        wide.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      const extra = `${PLACEMENTS.toLocaleString('en')} placements at ${SCHOOLS.toLocaleString('en')} schools (${events.toLocaleString('en')} events), ${QUERIES} searches, ${Math.round(found / QUERIES)} matches each on average`;
      return [
        { id: 'g-p50', name: 'placements within 25 km, Modern foreign languages (incl. descendants), published: p50', value: round(percentile(ms, 50), 2), unit: 'ms', extra },
        { id: 'g-p99', name: 'placements within 25 km, Modern foreign languages (incl. descendants), published: p99', value: round(percentile(ms, 99), 2), unit: 'ms', target: { below: 50 } },
        { id: 'g-wide-p99', name: 'any placement within 50 km (no other filter): p99', value: round(percentile(wide, 99), 2), unit: 'ms', extra: `p50 ${round(percentile(wide, 50), 2)} ms` },
      ];
    } finally {
      await app.close();
    }
  });
}
