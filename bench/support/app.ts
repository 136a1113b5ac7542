import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommandBus } from '@nestjs/cqrs';
import { AppConfig, loadConfig, ProjectionsMode } from '../../src/config/config';
import type { CommandEnvelope } from '../../src/event-store/command-envelope';
import { createApp } from '../../src/http/bootstrap';
import { CommandCatalog } from '../../src/http/command-catalog';
import { validateBody } from '../../src/http/dto-validation';
import { newId } from '../../src/shared/ids';

/** The token the benchmark uses: may send commands, read reports and rebuild, in every organisation. */
export const BENCH_TOKEN = 'bench-token-0123456789abcdef0123';
/** The district the scoped token is limited to: (d)'s district, and (f)'s when it measures over HTTP. */
export const BENCH_DISTRICT = 'district-d';
/** A token limited to BENCH_DISTRICT (and so its schools): what organisation scope checks cost. */
export const BENCH_DISTRICT_TOKEN = 'bench-district-token-0123456789ab';

export function writeBenchTokensFile(dir: string): string {
  const file = join(dir, 'tokens.json');
  const tokens = [
    { name: 'bench', token: BENCH_TOKEN, roles: ['commands', 'reports', 'admin'], organisations: ['*'] },
    { name: 'bench-district', token: BENCH_DISTRICT_TOKEN, roles: ['commands', 'reports'], organisations: [BENCH_DISTRICT] },
  ];
  writeFileSync(file, JSON.stringify({ tokens }));
  return file;
}

/** The service's configuration (as `npm start` would load it from an empty environment) on a given DATA_DIR. */
export function benchConfig(dataDir: string, projections: ProjectionsMode, overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}), dataDir, authTokensFile: writeBenchTokensFile(dataDir), projections, logLevel: 'error', port: 0, ...overrides };
}

/** The Nest application, initialised (command handlers registered, projections started if inline), not listening. */
export async function startInProcessApp(dataDir: string, projections: ProjectionsMode, overrides: Partial<AppConfig> = {}): Promise<NestFastifyApplication> {
  const app = await createApp(benchConfig(dataDir, projections, overrides), { logger: false });
  await app.init();
  return app;
}

export type Inject = (options: object) => Promise<{ statusCode: number; body: string }>;

/** Fastify's `inject` on the app: a request through the whole HTTP pipeline (routing, auth, scopes, JSON) without a socket. */
export function injector(app: NestFastifyApplication): Inject {
  const fastify = app.getHttpAdapter().getInstance() as { inject: Inject };
  return fastify.inject.bind(fastify);
}

export type CommandSender = (name: string, body: Record<string, unknown>) => Promise<unknown>;

/**
 * What the command controller does after auth, without HTTP: DTO validation (class-validator),
 * the route's `toCommand` with an envelope, then the CommandBus.
 */
export function commandSender(app: NestFastifyApplication): CommandSender {
  const bus = app.get(CommandBus);
  const catalog = app.get(CommandCatalog);
  return (name, body) => {
    const route = catalog.find(name);
    if (!route) return Promise.reject(new Error(`No command route ${name}`));
    const envelope: CommandEnvelope = { commandName: name, commandId: newId(), correlationId: newId(), actor: { type: 'token', id: 'bench' } };
    try {
      const dto = validateBody(route.dto, body);
      return bus.execute(route.toCommand(dto, envelope) as never);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/** A district and a school in it, registered through `send`: what students are registered and admitted to. */
export async function registerDistrictAndSchool(send: CommandSender, tag: string): Promise<{ districtId: string; schoolId: string }> {
  const districtId = `district-${tag}`;
  const schoolId = `school-${tag}`;
  await send('RegisterOrganisation', { organisationId: districtId, type: 'district', name: `Bench District ${tag}` });
  await send('RegisterOrganisation', { organisationId: schoolId, type: 'school', name: `Bench School ${tag}`, parentId: districtId });
  return { districtId, schoolId };
}

const GIVEN = ['Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Arthur'];
const FAMILY = ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans'];

/** A RegisterStudent body with a unique id and username. */
export function registerStudentBody(i: number, studentId: string, districtId: string): Record<string, unknown> {
  const givenName = GIVEN[i % GIVEN.length];
  const familyName = FAMILY[i % FAMILY.length];
  return {
    studentId,
    districtId,
    username: `${givenName.toLowerCase()}.${familyName.toLowerCase()}.${i}`,
    givenName,
    familyName,
    birthDate: '2014-03-17',
    grades: ['05'],
  };
}

export const admitStudentBody = (studentId: string, schoolId: string): Record<string, unknown> => ({
  studentId,
  schoolId,
  entryDate: '2025-09-01',
  entryGradeLevel: '05',
});
