import { ApiError } from '../../src/http/api-error';
import { parsePlacementSearch } from './placements.search-params';

const failures = (query: Record<string, unknown>) => {
  try {
    parsePlacementSearch(query);
  } catch (error) {
    return ((error as ApiError).details as { field: string }[]).map((d) => d.field);
  }
  return [];
};

describe('placement search parameters', () => {
  it('reads every filter', () => {
    expect(parsePlacementSearch({ academicYearId: 'ay-1', subjectId: 'mfl', phase: 'secondary', keyStage: 'key_stage_3', near: '51.5, -0.12', radiusKm: '25' })).toEqual({
      academicYearId: 'ay-1', subjectId: 'mfl', phase: 'secondary', keyStage: 'key_stage_3', near: { latitude: 51.5, longitude: -0.12 }, radiusKm: 25,
    });
  });

  it('available=true means published; with a status it narrows it', () => {
    expect(parsePlacementSearch({ available: 'true' }).statuses).toEqual(['published']);
    expect(parsePlacementSearch({ available: 'false' }).statuses).toEqual(['draft', 'assigned']);
    expect(parsePlacementSearch({ available: 'true', status: 'draft' }).statuses).toEqual([]);
  });

  it('names every bad parameter', () => {
    expect(failures({ near: '91,0', radiusKm: '5', yearGroup: 'year_9', schoolId: 'bad id', available: 'yes' }).sort()).toEqual(['available', 'near', 'schoolId', 'yearGroup']);
    expect(failures({ radiusKm: '25' })).toEqual(['radiusKm']);
    expect(failures({ near: '0,0', radiusKm: '0' })).toEqual(['radiusKm']);
  });

  it('a distance search needs a radius of at most 500 km (security.md D3)', () => {
    expect(failures({ near: '51.5,-0.12' })).toEqual(['radiusKm']);
    expect(failures({ near: '51.5,-0.12', radiusKm: '500.5' })).toEqual(['radiusKm']);
    expect(failures({ near: '51.5,-0.12', radiusKm: '500' })).toEqual([]);
  });
});
