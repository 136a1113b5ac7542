import { validationFailed } from '../../src/http/api-error';
import { enumQuery, idQuery, QueryParamDoc, textQuery } from '../../src/http/query-docs';
import { KEY_STAGES, YEAR_GROUPS } from '../../src/placements/placement.events';
import { isValidId } from '../../src/shared/ids';
import { SUBJECT_PHASES } from '../../src/subjects/subject.events';
import { PlacementSearch } from './placements.queries';
import { PLACEMENT_STATUSES, PlacementStatus } from './placements.read-model';

type Problem = { field: string; message: string };

/** A distance search reads every placement within its radius, so both are needed and the radius is bounded. */
export const MAX_RADIUS_KM = 500;

/** The parameters parsePlacementSearch reads, for the API's description. */
export const PLACEMENT_SEARCH_PARAMS: QueryParamDoc[] = [
  idQuery('academicYearId', 'Placements in this academic year.'),
  idQuery('subjectId', 'Placements in this subject or any subject below it.'),
  idQuery('schoolId', 'Placements at this school.'),
  idQuery('providerId', 'Placements assigned to this provider.'),
  enumQuery('phase', SUBJECT_PHASES, 'Placements of this phase.'),
  enumQuery('yearGroup', YEAR_GROUPS, 'Placements for this year group.'),
  enumQuery('keyStage', KEY_STAGES, 'Placements for this key stage.'),
  enumQuery('status', PLACEMENT_STATUSES, 'Placements in this status.'),
  enumQuery('available', ['true', 'false'], 'Only published (true) or only unpublished (false) placements.'),
  textQuery('near', 'A point "latitude,longitude": placements nearest first, with distanceKm.'),
  textQuery('radiusKm', `Needed with near: only placements within this distance in km (above 0, at most ${MAX_RADIUS_KM}).`),
];

const NEAR = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

function oneOf<T extends string>(query: Record<string, unknown>, field: string, allowed: readonly T[], problems: Problem[]): T | undefined {
  const value = query[field];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  problems.push({ field, message: `must be one of ${allowed.join(', ')}` });
  return undefined;
}

/** `GET /v1/placements` query string → a search, or one 400 naming every bad parameter. */
export function parsePlacementSearch(query: Record<string, unknown>): PlacementSearch {
  const problems: Problem[] = [];
  const search: PlacementSearch = {};
  for (const field of ['academicYearId', 'subjectId', 'schoolId', 'providerId'] as const) {
    const value = query[field];
    if (value === undefined || value === '') continue;
    if (isValidId(value)) search[field] = value;
    else problems.push({ field, message: 'must be an id' });
  }
  search.phase = oneOf(query, 'phase', SUBJECT_PHASES, problems);
  search.yearGroup = oneOf(query, 'yearGroup', YEAR_GROUPS, problems);
  search.keyStage = oneOf(query, 'keyStage', KEY_STAGES, problems);
  const status = oneOf(query, 'status', PLACEMENT_STATUSES, problems);
  const available = oneOf(query, 'available', ['true', 'false'] as const, problems);
  let statuses: readonly PlacementStatus[] | undefined = status ? [status] : undefined;
  if (available !== undefined) {
    const wanted = PLACEMENT_STATUSES.filter((s) => (s === 'published') === (available === 'true'));
    statuses = (statuses ?? PLACEMENT_STATUSES).filter((s) => wanted.includes(s));
  }
  if (statuses) search.statuses = [...statuses];

  if (query.near !== undefined && query.near !== '') {
    const match = typeof query.near === 'string' ? NEAR.exec(query.near) : null;
    const [latitude, longitude] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
    if (Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) search.near = { latitude, longitude };
    else problems.push({ field: 'near', message: 'must be "latitude,longitude" in degrees, e.g. 51.5072,-0.1276' });
  }
  const hasNear = query.near !== undefined && query.near !== '';
  if (query.radiusKm !== undefined && query.radiusKm !== '') {
    const radius = typeof query.radiusKm === 'string' && /^\d{1,9}(\.\d{1,9})?$/.test(query.radiusKm) ? Number(query.radiusKm) : NaN;
    if (!(radius > 0 && radius <= MAX_RADIUS_KM)) problems.push({ field: 'radiusKm', message: `must be a distance in km above 0 and at most ${MAX_RADIUS_KM}` });
    else if (!hasNear) problems.push({ field: 'radiusKm', message: 'needs near=latitude,longitude' });
    else search.radiusKm = radius;
  } else if (hasNear) {
    problems.push({ field: 'radiusKm', message: `is needed with near: a distance in km up to ${MAX_RADIUS_KM}` });
  }
  if (problems.length) throw validationFailed(problems);
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined)) as PlacementSearch;
}
