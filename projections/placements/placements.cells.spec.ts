import fc from 'fast-check';
import { project } from '../../test/support/projector-spec';
import { schoolFields } from './placement-fields';
import { boundingBox, cellOf, cellsCovering, cellsWithin, distanceKm, LatLng } from './placements.geo';
import { placementsProjection } from './placements.projector';
import { PlacementResult, searchPlacements } from './placements.queries';
import { PlacementDocument, PLACEMENTS, PlacementStatus } from './placements.read-model';

/** Uniform over the range (fc.double crowds its values near zero). */
const uniform = (min: number, max: number) => fc.integer({ min: Math.round(min * 1e4), max: Math.round(max * 1e4) }).map((n) => n / 1e4);
const wrap = (longitude: number) => ((longitude + 540) % 360) - 180;
const clampLat = (latitude: number) => Math.max(-90, Math.min(90, latitude));

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Clusters of schools around these points: the antimeridian, near the poles, on cell edges, and England. */
const HOTSPOTS: LatLng[] = [
  { latitude: 0, longitude: 180 }, { latitude: -16.5, longitude: -179.95 }, { latitude: 65.2, longitude: 179.9 },
  { latitude: 89.7, longitude: 20 }, { latitude: -89.5, longitude: -120 }, { latitude: 51.5, longitude: -0.1 },
  { latitude: 0.1, longitude: 0.1 }, { latitude: -33.9, longitude: 151.2 },
];
const STATUSES: PlacementStatus[] = ['draft', 'published', 'assigned'];

function placementsAround(count: number): PlacementDocument[] {
  const next = random(20260101);
  const docs: PlacementDocument[] = [];
  for (let i = 0; i < count; i++) {
    const hotspot = HOTSPOTS[i % HOTSPOTS.length];
    // Half the points on the 0.1° grid's lines (where a cell boundary could be missed), half anywhere near.
    const spread = (next() - 0.5) * 3;
    const onGrid = i % 2 === 0 ? (v: number) => Math.round(v * 10) / 10 : (v: number) => v;
    const location = { latitude: clampLat(onGrid(hotspot.latitude + spread)), longitude: wrap(onGrid(hotspot.longitude + (next() - 0.5) * 6)) };
    const placementId = `p-${String(i).padStart(5, '0')}`;
    const school = i % 50 === 0 ? null : { organisationId: `s-${i % 300}`, name: `School ${i % 7}`, location };
    docs.push({
      placementId, schoolId: `s-${i % 300}`, ...schoolFields(school), academicYearId: 'ay-1', status: STATUSES[i % 3],
      subjectId: null, subjectName: null, phase: null, additionalSubjects: [], subjectLineageIds: i % 4 === 0 ? ['mfl'] : [],
      sendSpecific: false, keyStage: null, yearGroup: null, termIds: [], mentors: [], providerId: null, providerName: null,
      createdAt: '2025-10-01T09:00:00.000Z', updatedAt: '2025-10-01T09:00:00.000Z',
    });
  }
  return docs;
}

/** The answer by definition: every document with a location, the exact distance, nearest first, then by id. */
function bruteForce(docs: PlacementDocument[], near: LatLng, radiusKm: number, statuses?: PlacementStatus[], subjectId?: string) {
  return docs
    .filter((doc) => doc.location !== null && (statuses === undefined || statuses.includes(doc.status)) && (subjectId === undefined || doc.subjectLineageIds.includes(subjectId)))
    .map((doc) => ({ id: doc.placementId, distance: distanceKm(near, doc.location!) }))
    .filter(({ distance }) => distance <= radiusKm)
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1))
    .map(({ id, distance }) => [id, Math.round(distance * 1000) / 1000]);
}

const shown = (items: PlacementResult[]) => items.map((p) => [p.placementId, p.distanceKm]);

describe('placement grid cells', () => {
  it('the cells of a radius hold every point within it (when few enough to list)', () => {
    const offset = uniform(-3, 3);
    fc.assert(
      fc.property(uniform(-89.5, 89.5), uniform(-180, 180), offset, offset, uniform(0.05, 150), (lat, lng, dLat, dLng, radius) => {
        const centre = { latitude: lat, longitude: lng };
        const point = { latitude: clampLat(lat + dLat), longitude: wrap(lng + dLng) };
        const cells = cellsWithin(centre, radius);
        if (cells !== null && distanceKm(centre, point) <= radius) expect(cells).toContain(cellOf(point));
      }),
      { numRuns: 3000 },
    );
  });

  it('points at 99.99% of the radius, in every direction and at every latitude, are in its cells', () => {
    fc.assert(
      fc.property(uniform(-88, 88), uniform(-180, 180), uniform(0, 2 * Math.PI), uniform(0.05, 120), (lat, lng, bearing, radius) => {
        const d = (radius * 0.9999) / 6371.0088;
        const φ1 = (lat * Math.PI) / 180;
        const λ1 = (lng * Math.PI) / 180;
        const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(bearing));
        const λ2 = λ1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
        const point = { latitude: (φ2 * 180) / Math.PI, longitude: wrap((λ2 * 180) / Math.PI) };
        const cells = cellsWithin({ latitude: lat, longitude: lng }, radius);
        if (cells !== null) expect(cells).toContain(cellOf(point));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves out the corner cells wholly outside the circle', () => {
    const centre = { latitude: 52.05, longitude: -1.05 };
    const box = cellsCovering(boundingBox(centre, 25))!;
    const circle = cellsWithin(centre, 25)!;
    expect(circle.length).toBeLessThan(box.length);
    expect(box).toEqual(expect.arrayContaining(circle));
    expect(circle).not.toContain('522:-15');
    expect(circle).toContain('522:-14');
  });

  it('crosses the antimeridian; gives up near a pole or for too many cells', () => {
    const cells = cellsCovering(boundingBox({ latitude: 0, longitude: 179.95 }, 20))!;
    expect(cells).toEqual(expect.arrayContaining(['0:1799', '0:1800', '0:-1800', '-1:-1800']));
    expect(cellsCovering(boundingBox({ latitude: 89.95, longitude: 0 }, 20))).toBeNull();
    expect(cellsCovering(boundingBox({ latitude: 52, longitude: 0 }, 25))!.length).toBeLessThan(80);
    expect(cellsCovering(boundingBox({ latitude: 52, longitude: 0 }, 500))).toBeNull();
    expect(cellsWithin({ latitude: 0, longitude: -179.98 }, 5)).toEqual(expect.arrayContaining(['0:1799', '0:-1800', '-1:1799', '-1:-1800']));
  });

  it('a search within a radius returns exactly what a brute-force search over every document returns', async () => {
    const docs = placementsAround(4000);
    const given = await project(placementsProjection, []);
    for (const doc of docs) await given.documents.collection<PlacementDocument>(PLACEMENTS).put(doc.placementId, doc);
    await given.documents.optimize();
    const centres = fc.oneof(
      fc.record({ latitude: uniform(-90, 90), longitude: uniform(-180, 180) }),
      fc.record({ hotspot: fc.constantFrom(...HOTSPOTS), dLat: uniform(-2, 2), dLng: uniform(-4, 4) })
        .map(({ hotspot, dLat, dLng }) => ({ latitude: clampLat(hotspot.latitude + dLat), longitude: wrap(hotspot.longitude + dLng) })),
    );
    const radii = fc.oneof(uniform(0.1, 30), uniform(30, 150), uniform(150, 400));
    const filters = fc.constantFrom<{ statuses?: PlacementStatus[]; subjectId?: string }>({}, { statuses: ['published'] }, { statuses: ['draft', 'assigned'], subjectId: 'mfl' }, { statuses: [] });
    await fc.assert(
      fc.asyncProperty(centres, radii, filters, async (near, radiusKm, filter) => {
        const expected = bruteForce(docs, near, radiusKm, filter.statuses, filter.subjectId);
        const all = await searchPlacements(given.documents, { ...filter, near, radiusKm }, { limit: 10_000, offset: 0 });
        expect(shown(all.items)).toEqual(expected);
        expect(all.total).toBe(expected.length);
        const page = await searchPlacements(given.documents, { ...filter, near, radiusKm }, { limit: 5, offset: 3 });
        expect(shown(page.items)).toEqual(expected.slice(3, 8));
        expect(page.total).toBe(expected.length);
      }),
      { numRuns: 250 },
    );
    expect(docs.filter((doc) => doc.geoCell === null)).toHaveLength(80);
    await given.close();
  }, 60_000);
});
