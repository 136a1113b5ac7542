import fc from 'fast-check';
import { boundingBox, distanceKm, LatLng } from './placements.geo';

const london: LatLng = { latitude: 51.5072, longitude: -0.1276 };
const paris: LatLng = { latitude: 48.8566, longitude: 2.3522 };

/** Uniform over the range (fc.double crowds its values near zero, where every box is easy). */
const uniform = (min: number, max: number) => fc.integer({ min: Math.round(min * 1e4), max: Math.round(max * 1e4) }).map((n) => n / 1e4);

const inBox = (point: LatLng, box: ReturnType<typeof boundingBox>) =>
  point.latitude >= box.minLatitude &&
  point.latitude <= box.maxLatitude &&
  (box.longitudeRanges.length === 0 || box.longitudeRanges.some(([min, max]) => point.longitude >= min && point.longitude <= max));

describe('placement distances', () => {
  it('measures great-circle distance in km (London–Paris ≈ 343.9 km)', () => {
    expect(distanceKm(london, paris)).toBeCloseTo(343.9, 0);
    expect(distanceKm(london, london)).toBe(0);
  });

  it('a degree of latitude is about 111.2 km everywhere', () => {
    expect(distanceKm({ latitude: 10, longitude: 30 }, { latitude: 11, longitude: 30 })).toBeCloseTo(111.195, 2);
  });

  it('the bounding box crosses the antimeridian as two longitude ranges', () => {
    const box = boundingBox({ latitude: 0, longitude: 179.9 }, 50);
    expect(box.longitudeRanges).toHaveLength(2);
    expect(inBox({ latitude: 0, longitude: -179.9 }, box)).toBe(true);
  });

  it('near a pole the box covers every longitude', () => {
    expect(boundingBox({ latitude: 89.9, longitude: 0 }, 50).longitudeRanges).toEqual([]);
  });

  it('every point within the radius lies inside the bounding box (so the range filter never drops a match)', () => {
    const offset = uniform(-25, 25);
    fc.assert(
      fc.property(uniform(-89, 89), uniform(-180, 180), offset, offset, uniform(0.1, 2000), (lat, lng, dLat, dLng, radius) => {
        const centre = { latitude: lat, longitude: lng };
        const point = { latitude: Math.max(-90, Math.min(90, lat + dLat)), longitude: ((lng + dLng + 540) % 360) - 180 };
        if (distanceKm(centre, point) <= radius) expect(inBox(point, boundingBox(centre, radius))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('points at 99.9% of a 25 km radius, in every direction and at every latitude, are inside the box', () => {
    fc.assert(
      fc.property(uniform(-85, 85), uniform(-180, 180), uniform(0, 2 * Math.PI), (lat, lng, bearing) => {
        const radius = 25;
        const centre = { latitude: lat, longitude: lng };
        const d = (radius * 0.999) / 6371.0088;
        const φ1 = (lat * Math.PI) / 180;
        const λ1 = (lng * Math.PI) / 180;
        const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(bearing));
        const λ2 = λ1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
        const point = { latitude: (φ2 * 180) / Math.PI, longitude: ((((λ2 * 180) / Math.PI + 540) % 360) - 180) };
        expect(inBox(point, boundingBox(centre, radius))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
