import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { OpenAPIClientAxios } from 'openapi-client-axios';
import { CommandCatalog } from '../../src/http/command-catalog';
import { expectOk, TestApp, TOKENS } from '../support/test-app';

/** Every route of every controller, as Nest registered it: `GET /v1/students/{id}`. */
function routeTable(app: TestApp): string[] {
  const routes: string[] = [];
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const key of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[key];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const path = ['', base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')]
          .join('/')
          .replace(/\/+/g, '/')
          .replace(/\/$/, '')
          .replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        routes.push(`${method} ${path || '/'}`);
      }
    }
  }
  return routes.sort();
}

describe('The OpenAPI document', () => {
  let app: TestApp;
  let document: any;

  beforeAll(async () => {
    app = await TestApp.start();
    const answer = await app.request('GET', '/openapi.json', { token: null });
    expect(answer.status).toBe(200);
    document = answer.body;
  });
  afterAll(() => app.stop());

  it('is a valid OpenAPI 3 document (schema and references checked by swagger-parser)', async () => {
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeTruthy();
  });

  it('has every command of the catalog, with its DTO as the body schema, the command headers and every error shape', () => {
    const catalog = app.app.get(CommandCatalog);
    const missing: string[] = [];
    for (const name of catalog.names()) {
      const operation = document.paths[`/v1/commands/${name}`]?.post;
      if (!operation) {
        missing.push(name);
        continue;
      }
      const schemaName = operation.requestBody.content['application/json'].schema.$ref.split('/').pop();
      expect(schemaName).toBe(catalog.find(name)!.dto.name);
      expect(document.components.schemas[schemaName]).toBeDefined();
      expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match', 'X-Correlation-Id', 'X-Acting-User']));
      for (const status of ['400', '401', '403', '404', '409', '412', '422', '503']) {
        expect(operation.responses[status].content['application/json'].schema.$ref).toBe('#/components/schemas/ApiError');
      }
    }
    expect(missing).toEqual([]);
    expect(catalog.names().length).toBeGreaterThan(50);
  });

  it('has every route of every controller, and nothing else but the command paths', () => {
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routes = routeTable(app).filter((route) => route !== 'POST /v1/commands/{name}');
    expect(routes.filter((route) => !documented.includes(route))).toEqual([]);
    const commandPaths = documented.filter((route) => route.startsWith('POST /v1/commands/'));
    expect(documented.filter((route) => !routes.includes(route) && !commandPaths.includes(route))).toEqual([]);
  });

  it('describes a command body from its DTO: required fields and their types', () => {
    const schema = document.components.schemas.RegisterStudentDto;
    expect(schema.required).toEqual(expect.arrayContaining(['studentId', 'districtId', 'username', 'givenName', 'familyName']));
    expect(schema.properties.username.type).toBe('string');
  });

  it('drives a generated client: RegisterOrganisation, then the organisation read back', async () => {
    const api = new OpenAPIClientAxios({
      definition: document,
      axiosConfigDefaults: { baseURL: app.url, headers: { authorization: `Bearer ${TOKENS.admin}` }, validateStatus: () => true },
    });
    const client = await api.init<any>();
    const registered = await client.RegisterOrganisation(null, { organisationId: 'oa-d', type: 'district', name: 'OpenAPI District' });
    expect(registered.status).toBe(200);
    expect(registered.data.events).toEqual([{ type: 'OrganisationRegistered', revision: 0 }]);
    const read = await client.getV1OrganisationsById({ id: 'oa-d', minPosition: registered.data.position });
    expect(read.status).toBe(200);
    expect(read.data).toMatchObject({ organisationId: 'oa-d', type: 'district', name: 'OpenAPI District' });
  });

  it('gives every query route an answer schema (from the controller’s return type), and every list limit, offset and X-Total-Count', () => {
    const missing: string[] = [];
    // Answered whole: the audit pages have their own limit, projections and a mentor's allowances are short lists.
    const unpaged = ['/v1/projections', '/v1/mentors/{id}/allowances'];
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      const get = item.get;
      if (!get) continue;
      const content = get.responses['200']?.content;
      if (!content || !Object.values(content as Record<string, { schema?: unknown }>)[0]?.schema) missing.push(path);
      const schema = content?.['application/json']?.schema;
      if (schema?.properties?.items?.type === 'array' && path.startsWith('/v1/') && !path.startsWith('/v1/audit/') && !unpaged.includes(path)) {
        const names = (get.parameters ?? []).map((p: { name: string }) => p.name);
        expect({ path, names }).toEqual({ path, names: expect.arrayContaining(['limit', 'offset']) });
        expect({ path, header: get.responses['200'].headers?.['X-Total-Count'] }).toEqual({ path, header: expect.anything() });
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes real answers truthfully: each one validates against its documented schema', async () => {
    const resolved: any = await SwaggerParser.dereference(structuredClone(document));
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const ok = async (name: string, body: object) => expectOk(await app.command(name, body));
    await ok('RegisterOrganisation', { organisationId: 'oa-d2', type: 'district', name: 'District Two' });
    await ok('RegisterOrganisation', { organisationId: 'oa-s2', type: 'school', name: 'School Two', parentId: 'oa-d2' });
    await ok('RegisterStudent', { studentId: 'oa-st', districtId: 'oa-d2', username: 'oa.pupil', givenName: 'Oa', familyName: 'Pupil' });
    const last = await ok('AdmitStudentToSchool', { studentId: 'oa-st', schoolId: 'oa-s2', entryDate: '2025-09-01', entryGradeLevel: '05' });
    const position = last.body.position;
    const checks: [string, string][] = [
      ['/v1/organisations/{id}', '/v1/organisations/oa-s2'],
      ['/v1/organisations', '/v1/organisations?type=school'],
      ['/v1/students/{id}', '/v1/students/oa-st'],
      ['/v1/districts/{id}/students', '/v1/districts/oa-d2/students'],
      ['/v1/schools/{id}/students', '/v1/schools/oa-s2/students?asOf=2025-10-01'],
      ['/v1/projections', '/v1/projections'],
      ['/v1/audit/streams/{streamId}', '/v1/audit/streams/student-oa-st'],
      ['/v1/audit/events', '/v1/audit/events?fromPosition=0&limit=5'],
    ];
    for (const [template, path] of checks) {
      const answer = await app.get(path, { minPosition: position });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      const validate = ajv.compile(resolved.paths[template].get.responses['200'].content['application/json'].schema);
      expect({ path, valid: validate(answer.body), errors: validate.errors ?? null }).toEqual({ path, valid: true, errors: null });
    }
  });

  it('documents only enum values the routes accept: a value outside a documented enum is refused with 400', async () => {
    const refusedWith: Record<string, number> = {};
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      for (const parameter of item.get?.parameters ?? []) {
        if (parameter.in !== 'query' || !parameter.schema?.enum) continue;
        const concrete = path.replace(/\{[^}]+\}/g, 'oa-x');
        const extra = path === '/v1/schools/{id}/hosting-interest' ? '&academicYearId=y-1' : '';
        const answer = await app.get(`${concrete}?${parameter.name}=not-a-documented-value${extra}`);
        refusedWith[`${path} ${parameter.name}`] = answer.status;
        expect(answer.body.error).toBe('ValidationFailed');
      }
    }
    expect(Object.keys(refusedWith).length).toBeGreaterThan(8);
    expect(new Set(Object.values(refusedWith))).toEqual(new Set([400]));
  });

  it('serves the browsable page at /docs without a token', async () => {
    const page = await app.request('GET', '/docs', { token: null });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('swagger-ui');
  });
});
