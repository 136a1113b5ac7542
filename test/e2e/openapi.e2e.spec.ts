import SwaggerParser from '@apidevtools/swagger-parser';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { OpenAPIClientAxios } from 'openapi-client-axios';
import { CommandCatalog } from '../../src/http/command-catalog';
import { TestApp, TOKENS } from '../support/test-app';

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

  it('serves the browsable page at /docs without a token', async () => {
    const page = await app.request('GET', '/docs', { token: null });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('swagger-ui');
  });
});
