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
