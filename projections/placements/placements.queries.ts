import type { Paging } from '../../src/http/paging';
import type { KeyStage, YearGroup } from '../../src/placements/placement.events';
import type { DocumentStore, Filter } from '../../src/read-store/document-store.port';
import type { SubjectPhase } from '../../src/subjects/subject.events';
import { boundingBox, cellsWithin, distanceKm, LatLng } from './placements.geo';
import { PlacementDocument, PLACEMENTS, PlacementStatus } from './placements.read-model';
import { findPage } from '../../src/read-store/find-page';

export interface PlacementSearch {
  academicYearId?: string;
  /** Matches the subject and every subject under it, as main or additional subject. */
  subjectId?: string;
  phase?: SubjectPhase;
  yearGroup?: YearGroup;
  keyStage?: KeyStage;
  schoolId?: string;
  providerId?: string;
  /** Any of these statuses (`available=true` is `published`). */
  statuses?: PlacementStatus[];
  near?: LatLng;
  radiusKm?: number;
}

export type PlacementResult = PlacementDocument & { distanceKm?: number };

const ORDER: [string, 1 | -1][] = [['schoolName', 1], ['placementId', 1]];

function filterOf(search: PlacementSearch): Filter {
  const filter: Filter = {};
  for (const field of ['academicYearId', 'phase', 'yearGroup', 'keyStage', 'schoolId', 'providerId'] as const) {
    if (search[field] !== undefined) filter[field] = search[field];
  }
  if (search.subjectId !== undefined) filter.subjectLineageIds = search.subjectId;
  if (search.statuses !== undefined) filter.status = { $in: search.statuses };
  return filter;
}

/** The same conditions as `filterOf`, in code: applied to the few placements inside a distance box. */
function matches(doc: PlacementDocument, search: PlacementSearch): boolean {
  for (const field of ['academicYearId', 'phase', 'yearGroup', 'keyStage', 'schoolId', 'providerId'] as const) {
    if (search[field] !== undefined && doc[field] !== search[field]) return false;
  }
  if (search.subjectId !== undefined && !doc.subjectLineageIds.includes(search.subjectId)) return false;
  return search.statuses === undefined || search.statuses.includes(doc.status);
}

/** Published placements are a directory for every token; the others only for their school's and provider's. */
export function visibleTo(doc: PlacementDocument, organisations: string[] | null): boolean {
  if (organisations === null || doc.status === 'published') return true;
  return organisations.includes(doc.schoolId) || (doc.providerId !== null && organisations.includes(doc.providerId));
}

const scopeFilter = (organisations: string[]): Filter => ({
  $or: [{ status: 'published' }, { schoolId: { $in: organisations } }, { providerId: { $in: organisations } }],
});

/**
 * What the store filters for a distance search: the grid cells covering the radius's bounding box,
 * less those wholly outside the circle (one indexed `$in`); for a box of too many cells, the box as
 * a range on the indexed coordinates; without a radius, any placement with a location.
 */
function withinBox(filter: Filter, near: LatLng, radiusKm: number | undefined): Filter {
  if (radiusKm === undefined) return { ...filter, 'location.latitude': { $gte: -90, $lte: 90 } };
  const cells = cellsWithin(near, radiusKm);
  if (cells !== null) return { ...filter, geoCell: { $in: cells } };
  const box = boundingBox(near, radiusKm);
  const boxed: Filter = { ...filter, 'location.latitude': { $gte: box.minLatitude, $lte: box.maxLatitude } };
  const ranges = box.longitudeRanges.map(([min, max]): Filter => ({ 'location.longitude': { $gte: min, $lte: max } }));
  if (ranges.length === 1) return { ...boxed, ...ranges[0] };
  if (ranges.length === 2) return { ...boxed, $or: ranges };
  return boxed;
}

/**
 * Placements matching every filter given. With `near`, nearest first with `distanceKm` (great-circle),
 * within `radiusKm` when given: the indexed box narrows the candidates, the exact distance decides.
 */
export async function searchPlacements(
  documents: DocumentStore,
  search: PlacementSearch,
  paging: Paging,
  organisations: string[] | null = null,
): Promise<{ items: PlacementResult[]; total: number }> {
  const collection = documents.collection<PlacementDocument>(PLACEMENTS);
  const filter = filterOf(search);
  const near = search.near;
  if (!near) {
    return findPage<PlacementDocument>(documents, PLACEMENTS, organisations === null ? filter : { ...filter, ...scopeFilter(organisations) }, ORDER, paging);
  }
  // Only the cells (or the box) and the status go to the store, so the cell (or coordinate) index is the
  // one used: an equality such as the academic year matches nearly every placement and would make the
  // store walk them all (no index leads with the status).
  const statusOnly: Filter = search.statuses === undefined ? {} : { status: { $in: search.statuses } };
  const candidates = await collection.find(withinBox(statusOnly, near, search.radiusKm));
  const found = candidates
    .filter((doc) => matches(doc, search) && visibleTo(doc, organisations))
    .map((doc) => ({ doc, distance: distanceKm(near, doc.location!) }))
    .filter(({ distance }) => search.radiusKm === undefined || distance <= search.radiusKm)
    .sort((a, b) => a.distance - b.distance || (a.doc.placementId < b.doc.placementId ? -1 : 1));
  const items = found.slice(paging.offset, paging.offset + paging.limit).map(({ doc, distance }) => ({ ...doc, distanceKm: Math.round(distance * 1000) / 1000 }));
  return { items, total: found.length };
}

export async function placementById(documents: DocumentStore, placementId: string): Promise<PlacementDocument | null> {
  return documents.collection<PlacementDocument>(PLACEMENTS).get(placementId);
}
