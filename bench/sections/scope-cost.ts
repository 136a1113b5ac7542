import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '../../src/auth/token';
import { createApp } from '../../src/http/bootstrap';
import { CommandCatalog } from '../../src/http/command-catalog';
import { validateBody } from '../../src/http/dto-validation';
import { CommandScopeCheck } from '../../src/scopes/command-scope-check';
import {
  admitStudentBody, benchConfig, BENCH_DISTRICT, BENCH_DISTRICT_TOKEN, BENCH_TOKEN, CommandSender, Inject, injector, registerDistrictAndSchool, registerStudentBody,
} from '../support/app';
import { median, quantile, round, settle } from '../support/measure';
import { withTempDir } from '../support/temp-dir';
import type { BenchRow } from '../types';

/** Students per round (each a RegisterStudent and an AdmitStudentToSchool), sent this many at a time. */
const PAIRS = 60;
const IN_FLIGHT = 16;
const ROUNDS = 30;
const WARMUP_ROUNDS = 8;
/** The check alone: blocks of this many students, alternating the tokens. */
const CHECK_BLOCK = 300;
const CHECK_BLOCKS = 10;
/** `BENCH_S_PROJECTIONS=off`: the command path alone, where the check is a larger share. */
const PROJECTIONS = process.env.BENCH_S_PROJECTIONS === 'off' ? 'off' : 'inline';

/**
 * (s) What the organisation scope check costs a command: CPU time per command in the service's own
 * process (`process.cpuUsage`, which moves far less than throughput with the machine's load), the
 * same commands from a `*` token and from a token limited to the district, in alternating rounds,
 * each round ending when the inline projections have caught up (their work counts in its round).
 */
export async function scopeCost(): Promise<BenchRow[]> {
  return withTempDir('s', async (dir) => {
    const config = benchConfig(dir, PROJECTIONS);
    const app = await createApp({ ...config, limits: { ...config.limits, rateLimitPerMinute: 0 } }, { logger: false });
    await app.init();
    try {
      const inject = injector(app);
      const send = (token: string) => async (name: string, body: Record<string, unknown>) => {
        const answer = await inject({ method: 'POST', url: `/v1/commands/${name}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: body });
        if (answer.statusCode !== 200) throw new Error(`${name} answered ${answer.statusCode}: ${answer.body.slice(0, 300)}`);
      };
      const ids = await registerDistrictAndSchool(send(BENCH_TOKEN), 'd');
      let next = 0;
      const round_ = async (token: string): Promise<number> => {
        const command = send(token);
        const start = process.cpuUsage();
        let left = PAIRS;
        await Promise.all(
          Array.from({ length: IN_FLIGHT }, async () => {
            while (left-- > 0) {
              const i = next++;
              const studentId = `stu-s-${i}`;
              await command('RegisterStudent', registerStudentBody(i, studentId, ids.districtId));
              await command('AdmitStudentToSchool', admitStudentBody(studentId, ids.schoolId));
            }
          }),
        );
        if (PROJECTIONS === 'inline') await caughtUp(inject);
        const used = process.cpuUsage(start);
        return (used.user + used.system) / (2 * PAIRS);
      };
      // Warm-up: both tokens, so caches and JIT are as warm for one as for the other.
      for (let r = 0; r < WARMUP_ROUNDS; r++) {
        await round_(BENCH_TOKEN);
        await round_(BENCH_DISTRICT_TOKEN);
      }
      const star: number[] = [];
      const scoped: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        // Alternate which token goes first, so neither always follows the other's leftovers.
        const order = r % 2 === 0 ? [BENCH_TOKEN, BENCH_DISTRICT_TOKEN] : [BENCH_DISTRICT_TOKEN, BENCH_TOKEN];
        for (const token of order) (token === BENCH_TOKEN ? star : scoped).push(await round_(token));
      }
      const alone = await checkAlone(app, send(BENCH_TOKEN), ids);
      const ratios = star.map((s, i) => scoped[i] / s);
      const extra = (xs: number[]) => `rounds: ${xs.map((x) => x.toFixed(0)).join(' ')} µs`;
      return [
        {
          id: 's-star-cpu',
          name: 'CPU per command, a * token: median of the rounds',
          value: round(median(star), 1),
          unit: 'µs/command',
          extra: `${ROUNDS} rounds a token of ${PAIRS} RegisterStudent + AdmitStudentToSchool (${IN_FLIGHT} students in flight, Fastify inject, PROJECTIONS=${PROJECTIONS}), after ${WARMUP_ROUNDS} warm-up rounds; ${extra(star)}`,
        },
        { id: 's-scoped-cpu', name: 'CPU per command, a token limited to the district (pays the scope check): median of the rounds', value: round(median(scoped), 1), unit: 'µs/command', extra: extra(scoped) },
        {
          id: 's-paired',
          name: 'district token ÷ * token, CPU per command of adjacent rounds: median',
          value: round(median(ratios), 3),
          unit: '×',
          target: { below: 1.1 },
          extra: `quartiles ${round(quantile(ratios, 0.25), 3)}–${round(quantile(ratios, 0.75), 3)}`,
        },
        {
          id: 's-check-star',
          name: 'the scope check alone, a * token: CPU per command',
          value: round(median(alone.star), 1),
          unit: 'µs/command',
          extra: `CommandScopeCheck.check as the controller calls it, RegisterStudent of a new id then AdmitStudentToSchool of a student just registered by the * token; ${CHECK_BLOCKS} blocks a token of ${CHECK_BLOCK} students, alternating, median`,
        },
        {
          id: 's-check-scoped',
          name: 'the scope check alone, a token limited to the district: CPU per command',
          value: round(median(alone.scoped), 1),
          unit: 'µs/command',
          extra: `paired extra over the * token ${round(median(alone.scoped.map((v, i) => v - alone.star[i])), 1)} µs/command; ÷ s-star-cpu gives the check's share of a command`,
        },
      ];
    } finally {
      await app.close();
    }
  });
}

/** CPU per command of the scope check alone, from each token, in alternating blocks. */
async function checkAlone(app: NestFastifyApplication, send: CommandSender, ids: { districtId: string; schoolId: string }): Promise<{ star: number[]; scoped: number[] }> {
  const check = app.get(CommandScopeCheck);
  const catalog = app.get(CommandCatalog);
  const register = catalog.find('RegisterStudent')!;
  const admit = catalog.find('AdmitStudentToSchool')!;
  const everyOrganisation: Principal = { name: 'bench', roles: ['commands', 'reports', 'admin'], organisations: ['*'], actingUsers: false };
  const district: Principal = { name: 'bench-district', roles: ['commands', 'reports'], organisations: [BENCH_DISTRICT], actingUsers: false };
  let next = 0;
  const block = async (principal: Principal): Promise<number> => {
    const registers: object[] = [];
    const admits: object[] = [];
    for (let i = 0; i < CHECK_BLOCK; i++) {
      const n = next++;
      await send('RegisterStudent', registerStudentBody(1_000_000 + n, `stu-c-${n}`, ids.districtId));
      admits.push(validateBody(admit.dto, admitStudentBody(`stu-c-${n}`, ids.schoolId)));
      registers.push(validateBody(register.dto, registerStudentBody(2_000_000 + n, `stu-n-${n}`, ids.districtId)));
    }
    const start = process.cpuUsage();
    for (let i = 0; i < CHECK_BLOCK; i++) {
      await check.check(register.scope, registers[i], principal);
      await check.check(admit.scope, admits[i], principal);
    }
    const used = process.cpuUsage(start);
    return (used.user + used.system) / (2 * CHECK_BLOCK);
  };
  for (let r = 0; r < 2; r++) for (const p of [everyOrganisation, district]) await block(p);
  const star: number[] = [];
  const scoped: number[] = [];
  for (let r = 0; r < CHECK_BLOCKS; r++) {
    star.push(await block(everyOrganisation));
    scoped.push(await block(district));
  }
  return { star, scoped };
}


async function caughtUp(inject: Inject): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const answer = await inject({ method: 'GET', url: '/v1/projections', headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
    const items = (JSON.parse(answer.body) as { items: { lagEvents: number }[] }).items;
    if (items.every((p) => p.lagEvents === 0)) return;
    await settle(10);
  }
  throw new Error('the projections did not catch up within 6 s');
}
