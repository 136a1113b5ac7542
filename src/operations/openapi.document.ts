import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, ResponsesObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CommandCatalog } from '../http/command-catalog';

// class-transformer keeps its metadata (nested @Type) in a module its typings do not list.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: NonNullable<Parameters<typeof validationMetadatasToSchemas>[0]>['classTransformerMetadataStorage'] };

/** JSON schemas of the project's own validators (src/http/validators.ts), which the generator cannot read from their code. */
const CUSTOM_VALIDATORS: NonNullable<Parameters<typeof validationMetadatasToSchemas>[0]>['additionalConverters'] = {
  isLedgerId: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' },
  isCalendarDate: { type: 'string', format: 'date' },
  isInstant: { type: 'string', format: 'date-time' },
  isBoundedJsonObject: { type: 'object', description: 'Free JSON: at most 8 levels and 200 keys and items; keys without control characters or ".", not starting with "$"; numbers finite.' },
};

const GENERIC_COMMAND_PATH = '/v1/commands/{name}';

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'ValidationFailed (every failing field in details), MalformedJson, InvalidId',
  '401': 'Unauthenticated',
  '403': 'Forbidden (role or organisation scope), ActingUserNotAllowed, UnknownActingUser',
  '404': 'UnknownCommand, NotFound',
  '409': 'A conflict with current state (UsernameTaken, AlreadyExists, ConcurrencyConflict, …)',
  '412': 'RevisionMismatch (If-Match did not match the current revision)',
  '413': 'PayloadTooLarge',
  '415': 'UnsupportedMediaType',
  '422': 'A business rule (AllowanceExceeded, ClaimWindowClosed, IdempotencyKeyReused, …)',
  '429': 'TooManyRequests (with Retry-After)',
  '503': 'StoreUnavailable (with Retry-After)',
};

const COMMAND_HEADERS: ParameterObject[] = [
  { name: 'Idempotency-Key', in: 'header', required: false, description: 'A retry with the same key and body returns the first answer and appends nothing.', schema: { type: 'string', minLength: 1, maxLength: 200 } },
  { name: 'If-Match', in: 'header', required: false, description: 'The revision the aggregate must be at, e.g. "3".', schema: { type: 'string' } },
  { name: 'X-Correlation-Id', in: 'header', required: false, description: 'Your label for this request, stamped on its events and echoed in the answer: 1–200 printable ASCII characters. Generated when absent; ids the service issues (generated ones, imports) start with "ledger:", which you may not send (400 ValidationFailed), so following such an id in GET /v1/audit/events gives exactly that request or import.', schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[ -~]+$' } },
  { name: 'X-Acting-User', in: 'header', required: false, description: 'The person the calling service acts for (tokens with actingUsers only).', schema: { type: 'string' } },
];

const QUERY_CONSISTENCY: ParameterObject[] = [
  { name: 'minPosition', in: 'query', required: false, description: 'Wait (up to 5 s) until the read model has passed this position.', schema: { type: 'string', pattern: '^\\d+$' } },
  { name: 'X-Min-Position', in: 'header', required: false, description: 'The same as minPosition.', schema: { type: 'string', pattern: '^\\d+$' } },
];

/** Schemas of the answers every endpoint shares, in API.md's words. */
const SHARED_SCHEMAS: Record<string, SchemaObject> = {
  ApiError: {
    type: 'object',
    required: ['error', 'message'],
    properties: {
      error: { type: 'string', description: 'A stable error code, e.g. ValidationFailed.' },
      message: { type: 'string', description: 'One sentence a person can act on.' },
      details: { type: 'array', items: { type: 'object', additionalProperties: true } },
    },
  },
  CommandAccepted: {
    type: 'object',
    required: ['aggregateId', 'streamId', 'revision', 'position', 'events', 'correlationId'],
    properties: {
      aggregateId: { type: 'string' },
      streamId: { type: 'string' },
      revision: { type: 'integer' },
      position: { type: 'string', description: 'Opaque; orders the global log.' },
      events: { type: 'array', items: { type: 'object', required: ['type', 'revision'], properties: { type: { type: 'string' }, revision: { type: 'integer' } } } },
      correlationId: { type: 'string' },
    },
  },
  BatchAccepted: {
    type: 'object',
    required: ['affected', 'position'],
    properties: { affected: { type: 'integer' }, position: { type: 'string' }, correlationId: { type: 'string' } },
  },
};

const QUERY_ERRORS = ['400', '401', '403', '404', '429', '503'];

function errorResponses(only?: readonly string[]): ResponsesObject {
  const responses: ResponsesObject = {};
  for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
    if (only && !only.includes(status)) continue;
    responses[status] = { description, content: { 'application/json': { schema: ref('ApiError') } } };
  }
  return responses;
}

/** One operation per command of the catalog, its body schema taken from the command's DTO. */
function commandOperation(name: string, dtoName: string, batch: boolean): OperationObject {
  return {
    operationId: name,
    tags: ['commands'],
    summary: `Command ${name}`,
    parameters: COMMAND_HEADERS,
    requestBody: { required: true, content: { 'application/json': { schema: ref(dtoName) } } },
    responses: {
      '200': {
        description: batch ? 'Applied: how many aggregates changed.' : 'Decided and appended (an idempotent repeat answers with no events).',
        headers: batch ? undefined : { ETag: { schema: { type: 'string' } }, 'X-Position': { schema: { type: 'string' } } },
        content: { 'application/json': { schema: ref(batch ? 'BatchAccepted' : 'CommandAccepted') } },
      },
      ...errorResponses(),
    },
    security: [{ bearer: [] }],
  };
}

const operationIdOf = (method: string, path: string): string =>
  `${method}${path.replace(/\{([^}]+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`;

interface RouteAnswers {
  answers: Record<string, SchemaObject>;
  definitions: Record<string, SchemaObject>;
}

/** What each route answers, from the controllers' types (`npm run build` writes it: scripts/openapi-answers.mjs). */
function routeAnswers(): RouteAnswers {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'dist', 'openapi-answers.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as RouteAnswers;
    if (dirname(dir) === dir) return { answers: {}, definitions: {} };
  }
}

/**
 * The OpenAPI 3 document: query routes as Nest's scanner sees them (paths, parameters, roles),
 * commands from the catalog with their DTOs' schemas (from class-validator metadata), every
 * error in API.md's shape.
 */
export function buildOpenApiDocument(app: INestApplication, catalog: CommandCatalog, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('school-ledger')
    .setDescription('Event-sourced service for school data: commands, read models, audit. Errors are always { error, message, details }.')
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller}.${method}` });
  // The answers' schemas are JSON Schema as OpenAPI 3.1 takes it (e.g. `type: ["string", "null"]`).
  document.openapi = '3.1.0';
  const { answers, definitions } = routeAnswers();

  const dtoSchemas = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
    additionalConverters: CUSTOM_VALIDATORS,
  });
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...definitions, ...(dtoSchemas as Record<string, SchemaObject>), ...SHARED_SCHEMAS } };

  delete document.paths[GENERIC_COMMAND_PATH];
  for (const name of catalog.names()) {
    const route = catalog.find(name)!;
    document.paths[`/v1/commands/${name}`] = { post: commandOperation(name, route.dto.name, route.batch === true) };
  }

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      if (!path.startsWith('/v1/commands/')) {
        const answer = answers[operation.operationId ?? ''];
        const ok = operation.responses['200'] ?? operation.responses['201'];
        // A file answer (CSV) keeps the content its decorator documents.
        if (answer && ok && 'description' in ok && !ok.content?.['text/csv']) {
          ok.description ||= 'The answer.';
          ok.content = { [answer.type === 'string' ? (path === '/dashboard' ? 'text/html' : 'text/plain') : 'application/json']: { schema: answer } };
        }
        operation.operationId = operationIdOf(method, path);
      }
      operation.security ??= [{ bearer: [] }];
      if (method === 'get') {
        operation.parameters = [...(operation.parameters ?? []), ...QUERY_CONSISTENCY.filter((p) => !(operation.parameters ?? []).some((q) => 'name' in q && q.name === p.name))];
        operation.responses = { ...errorResponses(QUERY_ERRORS), ...operation.responses };
        for (const [status, answer] of Object.entries(operation.responses)) {
          if (Number(status) < 300 && answer && 'description' in answer) {
            answer.headers = { ...(answer.headers ?? {}), 'X-Position': { description: 'How far the read model has read.', schema: { type: 'string' } } };
          }
        }
      }
    }
  }
  return document;
}

/** `/openapi.json` and the browsable `/docs`, built on first request (the catalog is filled at start-up). */
export function serveOpenApi(app: INestApplication, document: () => OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml', useGlobalPrefix: false });
}
