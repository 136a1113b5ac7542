import fc from 'fast-check';
import type { CommandCatalog } from '../../src/http/command-catalog';
import { TOKENS } from '../support/test-app';
import { anyJson, dtoBody, oddString, poolId, propertiesOf } from './dto-arbitrary';
import type { RawRequest } from './http-send';
import { ACTING_USERS } from './seed-world';

/** A generated request, and what the fuzz run needs to know about it. */
export interface FuzzRequest extends RawRequest {
  command?: string;
}

const printable = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max });
const headerValue = fc.oneof(printable(40), fc.integer({ min: 201, max: 2000 }).map((n) => 'k'.repeat(n)), fc.constantFrom('', ' ', '"3"', 'W/"-1"', '"99999999999999999999"', 'u-1', 'f-1'));

const authorization = fc.oneof(
  { weight: 12, arbitrary: fc.constant(`Bearer ${TOKENS.admin}`) },
  { weight: 2, arbitrary: fc.constantFrom(...Object.values(TOKENS).map((t) => `Bearer ${t}`)) },
  { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `bearer ${TOKENS.admin}`, `Bearer ${TOKENS.admin} extra`) },
  { weight: 1, arbitrary: printable(60).map((t) => `Bearer ${t}`) },
);

const oddHeaders = fc.record(
  {
    'idempotency-key': headerValue,
    'if-match': headerValue,
    'x-acting-user': headerValue,
    'x-correlation-id': headerValue,
    // minPosition waits up to 5 s for a future position: only past or invalid ones are sent.
    'x-min-position': fc.constantFrom('0', 'x', '-1', '1e3', '9'.repeat(40)),
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml'),
  },
  { requiredKeys: [] },
);
/** Most requests carry an acting user the world knows; some carry odd headers. */
const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ACTING_USERS).map((user) => ({ 'x-acting-user': user })) },
  { weight: 2, arbitrary: fc.constant({}) },
  { weight: 2, arbitrary: oddHeaders },
);

/** Serialises a body, then applies a mutation to its text (keys JSON.stringify would never write, deep nesting). */
const textMutation: fc.Arbitrary<(json: string, field: string | undefined) => string> = fc.oneof(
  { weight: 20, arbitrary: fc.constant((json: string) => json) },
  { weight: 1, arbitrary: fc.constant((json: string) => json.replace(/^\{/, '{"__proto__":{"isAdmin":true,"status":"approved"},')) },
  { weight: 1, arbitrary: fc.constant((json: string) => json.replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},')) },
  {
    weight: 2,
    arbitrary: fc.oneof(fc.integer({ min: 2, max: 40 }), fc.constantFrom(1000, 5000, 20_000)).map((levels) => (json: string, field: string | undefined) => {
      const nested = `${'['.repeat(levels)}1${']'.repeat(levels)}`;
      return field ? json.replace(/^\{/, `{${JSON.stringify(field)}:${nested},`) : nested;
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(() => '', () => '{', () => '{"a":1,}', () => 'null', () => '[]', () => '"text"', () => '42', () => '{"a":1e400}', () => '\ufeff{}') },
);

/** A structural change to a body built from the DTO. */
function fieldMutation(properties: string[]): fc.Arbitrary<(body: Record<string, unknown>) => Record<string, unknown>> {
  const field = properties.length ? fc.constantFrom(...properties) : fc.constant('anything');
  return fc.oneof(
    { weight: 14, arbitrary: fc.constant((body: Record<string, unknown>) => body) },
    { weight: 2, arbitrary: field.map((f) => (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== f))) },
    { weight: 2, arbitrary: fc.tuple(field, anyJson).map(([f, v]) => (body: Record<string, unknown>) => ({ ...body, [f]: v })) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(oddString, fc.constantFrom('isAdmin', 'status', 'role', '$set')), anyJson).map(([k, v]) => (body: Record<string, unknown>) => ({ ...body, [k]: v })) },
    { weight: 1, arbitrary: fc.tuple(field, oddString).map(([f, v]) => (body: Record<string, unknown>) => ({ ...body, [f]: v })) },
  );
}

export function commandRequest(catalog: CommandCatalog): fc.Arbitrary<FuzzRequest> {
  const known = catalog.names().map((name) => {
    const dto = catalog.find(name)!.dto;
    const properties = propertiesOf(dto);
    return fc.record({
      name: fc.constant(name),
      body: fc.tuple(dtoBody(dto), fieldMutation(properties)).map(([body, mutate]) => mutate(body)),
      field: properties.length ? fc.option(fc.constantFrom(...properties), { nil: undefined }) : fc.constant(undefined),
    });
  });
  const unknown = fc.record({
    name: fc.oneof(oddString, fc.constantFrom('registerstudent', 'RegisterStudent ', '__proto__', 'constructor', 'toString')),
    body: fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 4 }),
    field: fc.constant(undefined),
  });
  return fc
    .record({
      target: fc.oneof({ weight: 20, arbitrary: fc.oneof(...known) }, { weight: 1, arbitrary: unknown }),
      text: textMutation,
      authorization,
      contentType: fc.oneof(
        { weight: 12, arbitrary: fc.constant('application/json') },
        { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/JSON', 'application/json; charset=utf-16', '') },
      ),
      headers: extraHeaders,
    })
    .map(({ target, text, authorization: auth, contentType, headers }) => {
      const body = text(JSON.stringify(target.body), target.field);
      return {
        method: 'POST',
        path: `/v1/commands/${encodeURIComponent(target.name)}`,
        headers: { ...headers, ...(auth ? { authorization: auth } : {}), ...(contentType ? { 'content-type': contentType } : {}) },
        body,
        command: target.name,
      };
    });
}

const QUERY_KEYS = [
  'limit', 'offset', 'from', 'to', 'near', 'radiusKm', 'status', 'asOf', 'academicYearId', 'subjectId', 'schoolId', 'providerId', 'phase', 'yearGroup',
  'keyStage', 'available', 'username', 'grade', 'fromPosition', 'fromRevision', 'type', 'correlationId', 'minPosition', 'atRevision', 'claimWindowId',
];
const queryValue = fc.oneof(
  poolId,
  fc.constantFrom('0', '1', '-1', '100', '1000', '1001', '100000', '100001', '999999999', '1.5', 'NaN', 'true', '2025-09-01', '2025-02-30', '51.5,-0.12', '91,0', '500', '9223372036854775808', '18446744073709551616'),
  oddString,
);
const safeMinPosition = fc.constantFrom('0', 'x', '-1', '9'.repeat(40));

export function queryRequest(routes: string[]): fc.Arbitrary<FuzzRequest> {
  const param = fc.oneof(
    { weight: 6, arbitrary: poolId },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(128), 'y'.repeat(129), 'z'.repeat(300), '..', '.', '%2e%2e', 'a%2Fb', '%00', '%zz', '%', 'a%0d%0aSet-Cookie:x') },
    { weight: 1, arbitrary: oddString.map((s) => encodeURIComponent(s.slice(0, 400)) || 'e') },
  );
  const query = fc.array(
    fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue).map(([k, v]) => [k, k === 'minPosition' ? '0' : v] as const),
    { maxLength: 5 },
  );
  const templated = fc.record({ route: fc.constantFrom(...routes), params: fc.array(param, { minLength: 4, maxLength: 4 }), query, min: fc.option(safeMinPosition) });
  const odd = fc.constantFrom('/', '//v1/students', '/v1/../health', '/v1/students/', '/v1//students', '/v1/students?limit=1&limit=2', '/V1/STUDENTS/s-1', '/v1/%E0%A4%A', '/health/../v1/projections', '/v1/commands', '/favicon.ico');
  return fc
    .record({
      target: fc.oneof({ weight: 20, arbitrary: templated.map(({ route, params, query: q, min }) => {
        let i = 0;
        const path = route.replace(/:[A-Za-z]+/g, () => params[i++ % params.length]);
        const pairs = [...q.map(([k, v]) => `${k}=${encodeURIComponent(v)}`), ...(min ? [`minPosition=${encodeURIComponent(min)}`] : [])];
        return pairs.length ? `${path}?${pairs.join('&')}` : path;
      }) }, { weight: 1, arbitrary: odd }),
      authorization,
      method: fc.oneof({ weight: 20, arbitrary: fc.constant('GET') }, { weight: 1, arbitrary: fc.constantFrom('HEAD', 'OPTIONS', 'DELETE', 'PUT', 'PATCH') }),
      headers: extraHeaders,
    })
    .map(({ target, authorization: auth, method, headers }) => ({
      method,
      path: method === 'HEAD' ? target.split('?', 1)[0] : target,
      // A HEAD answer has no body, so a client cannot read an error body sent before the request was parsed.
      headers: { ...(method === 'HEAD' ? {} : headers), ...(auth ? { authorization: auth } : {}) },
    }));
}
