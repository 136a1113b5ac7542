import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Unscoped } from '../../src/auth/read-scope';
import { CommandCatalog } from '../../src/http/command-catalog';
import { routeTable } from '../support/route-table';
import { TestApp } from '../support/test-app';

@Controller('probe')
class ProbeController {
  @Get('declared')
  @Unscoped('a probe')
  declared() {
    return {};
  }

  @Get('forgotten')
  forgotten() {
    return {};
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('A route table that cannot forget', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.stop());

  it('the walker finds a route without a scope rule (so the checks below can fail)', async () => {
    const probe = await NestFactory.createApplicationContext(ProbeModule, { logger: false });
    try {
      const routes = routeTable(probe);
      expect(routes.map((r) => [r.path, r.scope === undefined])).toEqual([
        ['/probe/declared', false],
        ['/probe/forgotten', true],
      ]);
    } finally {
      await probe.close();
    }
  });

  it('every HTTP route of the service declares its organisation scope rule', () => {
    const routes = routeTable(app.app);
    expect(routes.length).toBeGreaterThanOrEqual(30);
    expect(routes.filter((r) => r.scope === undefined).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`)).toEqual([]);
    // Only read routes of published directories or operations are unscoped, and each says why.
    const unscoped = routes.filter((r) => r.scope?.kind === 'unscoped').map((r) => `${r.method} ${r.path}`);
    expect(unscoped).toEqual(
      expect.arrayContaining(['GET /v1/academic-years', 'GET /v1/subjects', 'GET /health']),
    );
    expect(unscoped.filter((r) => /students|claims|users|organisations|schools|districts|classrooms|audit|placements\/|mentors/.test(r))).toEqual([]);
  });

  it('every command in the catalog declares which organisations it touches', () => {
    const catalog = app.app.get(CommandCatalog);
    expect(catalog.all().length).toBeGreaterThan(60);
    const missing = catalog.all().filter((route) => !route.scope || !('national' in route.scope || typeof route.scope.targets === 'function'));
    expect(missing.map((r) => r.name)).toEqual([]);
  });

  it('registering a command without a scope rule is refused', () => {
    const catalog = new CommandCatalog();
    expect(() => catalog.register([{ name: 'Probe', dto: class {}, toCommand: () => ({}) } as never])).toThrow('Command Probe declares no organisation scope');
  });
});
