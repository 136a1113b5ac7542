/** Great-circle distances on a sphere of the Earth's mean radius (IUGG), as MongoDB's 2dsphere queries use. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface LatLng {
  latitude: number;
  longitude: number;
}

export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  /** One range, two when the box crosses the antimeridian, none when it covers every longitude (near a pole). */
  longitudeRanges: [min: number, max: number][];
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;
const degrees = (radians: number) => (radians * 180) / Math.PI;

/** Haversine distance in km: exact on the sphere and stable for short distances. */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLng = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The smallest latitude/longitude box holding every point within `radiusKm` of `centre`
 * (J. P. Matuschek, "Finding Points Within a Distance of a Latitude/Longitude"): an indexed range
 * filter narrows the candidates, the exact distance decides.
 */
export function boundingBox(centre: LatLng, radiusKm: number): BoundingBox {
  const angular = radiusKm / EARTH_RADIUS_KM;
  const lat = radians(centre.latitude);
  const minLat = lat - angular;
  const maxLat = lat + angular;
  if (minLat <= -Math.PI / 2 || maxLat >= Math.PI / 2) {
    return { minLatitude: Math.max(-90, degrees(minLat)), maxLatitude: Math.min(90, degrees(maxLat)), longitudeRanges: [] };
  }
  const deltaLng = degrees(Math.asin(Math.sin(angular) / Math.cos(lat)));
  const minLng = centre.longitude - deltaLng;
  const maxLng = centre.longitude + deltaLng;
  const longitudeRanges: [number, number][] =
    minLng < -180 ? [[minLng + 360, 180], [-180, maxLng]] : maxLng > 180 ? [[minLng, 180], [-180, maxLng - 360]] : [[minLng, maxLng]];
  return { minLatitude: degrees(minLat), maxLatitude: degrees(maxLat), longitudeRanges };
}

/** Size of a grid cell in degrees: a 25 km search in England covers about 50 cells. */
export const CELL_DEGREES = 0.1;
/** Above this many cells (radii over ~100 km, boxes reaching a pole) a search filters the coordinates' range instead. */
export const MAX_CELLS = 600;

const cellIndex = (degrees: number) => Math.floor(degrees / CELL_DEGREES);

/** The grid cell holding a point, `"<floor(lat/0.1)>:<floor(lng/0.1)>"`: stored on each document and indexed. */
export const cellOf = (point: LatLng): string => `${cellIndex(point.latitude)}:${cellIndex(point.longitude)}`;

/**
 * Every cell a point inside `box` can fall in (`cellOf` is monotonic in each coordinate, so the cells
 * from the box's corners' cells cover it), or null when that is more than `maxCells` (or every longitude).
 */
export function cellsCovering(box: BoundingBox, maxCells = MAX_CELLS): string[] | null {
  if (box.longitudeRanges.length === 0) return null;
  const rows = cellIndex(box.maxLatitude) - cellIndex(box.minLatitude) + 1;
  const columns = box.longitudeRanges.reduce((sum, [min, max]) => sum + cellIndex(max) - cellIndex(min) + 1, 0);
  if (rows * columns > maxCells) return null;
  const cells: string[] = [];
  for (let row = cellIndex(box.minLatitude); row <= cellIndex(box.maxLatitude); row++) {
    for (const [min, max] of box.longitudeRanges) {
      for (let column = cellIndex(min); column <= cellIndex(max); column++) cells.push(`${row}:${column}`);
    }
  }
  return cells;
}

/** Widens a cell's edges, in degrees, against rounding in `floor(degrees / 0.1)`. */
const CELL_SLACK = 1e-9;

/**
 * A lower bound of the distance from `centre` to any point of the cell `row:column`: the haversine
 * term of the latitude difference and that of the longitude difference are each at least their value
 * at the cell's nearest edge (the cosine of the cell's latitude at its smallest over the cell).
 */
export function cellDistanceAtLeastKm(centre: LatLng, row: number, column: number): number {
  const south = Math.max(-90, row * CELL_DEGREES - CELL_SLACK);
  const north = Math.min(90, (row + 1) * CELL_DEGREES + CELL_SLACK);
  const west = column * CELL_DEGREES - CELL_SLACK;
  const east = (column + 1) * CELL_DEGREES + CELL_SLACK;
  const dLat = centre.latitude < south ? south - centre.latitude : centre.latitude > north ? centre.latitude - north : 0;
  // The longitude difference to the nearer edge, the short way round (0 when the centre's meridian crosses the cell).
  const offset = (longitude: number) => ((((longitude - centre.longitude) % 360) + 540) % 360) - 180;
  const dLng = offset(west) <= 0 && offset(east) >= 0 ? 0 : Math.min(Math.abs(offset(west)), Math.abs(offset(east)));
  const cosCell = Math.max(0, Math.min(Math.cos(radians(south)), Math.cos(radians(north))));
  const h = Math.sin(radians(dLat) / 2) ** 2 + Math.cos(radians(centre.latitude)) * cosCell * Math.sin(radians(dLng) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The cells that can hold a point within `radiusKm` of `centre`: those covering its bounding box,
 * less the corner cells wholly outside the circle; null when too many (see `cellsCovering`).
 */
export function cellsWithin(centre: LatLng, radiusKm: number, maxCells = MAX_CELLS): string[] | null {
  const cells = cellsCovering(boundingBox(centre, radiusKm), maxCells);
  if (cells === null) return null;
  // A margin far above floating-point error and far below a cell, so only cells plainly outside go.
  const limit = radiusKm * (1 + 1e-9) + 1e-6;
  return cells.filter((cell) => {
    const [row, column] = cell.split(':').map(Number);
    return cellDistanceAtLeastKm(centre, row, column) <= limit;
  });
}
