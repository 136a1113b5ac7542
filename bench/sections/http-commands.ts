import autocannon from 'autocannon';
import { admitStudentBody, BENCH_DISTRICT_TOKEN, BENCH_TOKEN, registerDistrictAndSchool, registerStudentBody } from '../support/app';
import { round, secondsSince } from '../support/measure';
import { markProfileWindow, profileClock } from '../support/profile';
import { ServerProcess } from '../support/server-process';
import { withTempDir } from '../support/temp-dir';
import { Durability, durabilityOf } from '../support/durability';
import type { BenchRow } from '../types';
import { scaledSeconds } from '../support/scale';

const CONNECTIONS = 32;
const WARMUP_S = scaledSeconds(2, 1);
const MEASURE_S = scaledSeconds(10, 2);
/** `BENCH_SCOPED=1`: the commands come from a token limited to the bench's district, so every command pays the organisation scope check. */
const SCOPED = process.env.BENCH_SCOPED === '1';

interface ProjectionInfo {
  name: string;
  lagEvents: number;
}

/**
 * Each connection sends RegisterStudent for a new student, then AdmitStudentToSchool for that
 * student (the next request on the same connection, after the first was answered), and so on.
 */
function load(server: ServerProcess, ids: { districtId: string; schoolId: string }, seconds: number, counter: { next: number }, failures: { count: number; first?: string }) {
  const headers = { authorization: `Bearer ${SCOPED ? BENCH_DISTRICT_TOKEN : BENCH_TOKEN}`, 'content-type': 'application/json' };
  const onResponse = (status: number, body: string) => {
    if (status === 200) return;
    failures.count += 1;
    failures.first ??= `${status} ${body.slice(0, 300)}`;
  };
  return autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/v1/commands/RegisterStudent',
        headers,
        setupRequest: (request, context) => {
          const i = counter.next++;
          const studentId = `stu-d-${i}`;
          context.studentId = studentId;
          return { ...request, body: JSON.stringify(registerStudentBody(i, studentId, ids.districtId)) };
        },
        onResponse,
      },
      {
        method: 'POST',
        path: '/v1/commands/AdmitStudentToSchool',
        headers,
        setupRequest: (request, context) => ({ ...request, body: JSON.stringify(admitStudentBody(String(context.studentId), ids.schoolId)) }),
        onResponse,
      },
    ],
  });
}

async function projectionLag(server: ServerProcess): Promise<number> {
  const answer = await server.request<{ items: ProjectionInfo[] }>('GET', '/v1/projections');
  if (answer.status !== 200) throw new Error(`GET /v1/projections answered ${answer.status}`);
  return Math.max(0, ...answer.body.items.map((p) => p.lagEvents));
}

/** (d) The same commands over HTTP (Fastify, auth, validation), the service in its own process with projections inline. */
export async function httpCommands(durability: Durability = 'process'): Promise<BenchRow[]> {
  const { suffix, named } = durabilityOf(durability);
  const profiles = [`d${suffix}-server`];
  return withTempDir(`d${suffix}`, async (dir) => {
    // One token sends every command as fast as it can: the rate limit is on (its cost counts) but set out of reach.
    const server = await ServerProcess.start(dir, { PROJECTIONS: 'inline', RATE_LIMIT_PER_MINUTE: '999999999', DURABILITY: durability }, `${profiles[0]}.cpuprofile`);
    try {
      const ids = await registerDistrictAndSchool((name, body) => server.command(name, body), 'd');
      const counter = { next: 0 };
      await load(server, ids, WARMUP_S, counter, { count: 0 });
      const failures: { count: number; first?: string } = { count: 0 };
      const serverCpu0 = server.cpuSeconds();
      const benchCpu0 = process.cpuUsage();
      const measuredFrom = profileClock();
      const result = await load(server, ids, MEASURE_S, counter, failures);
      markProfileWindow(profiles[0], measuredFrom, profileClock());
      const serverCpu = server.cpuSeconds() - serverCpu0;
      const benchCpu = process.cpuUsage(benchCpu0);
      const lagAtEnd = await projectionLag(server);
      const catchUpStart = process.hrtime.bigint();
      let lag = lagAtEnd;
      while (lag > 0 && secondsSince(catchUpStart) < 60) {
        await new Promise((r) => setTimeout(r, 50));
        lag = await projectionLag(server);
      }
      const catchUp = secondsSince(catchUpStart);
      const ok = result['2xx'];
      const rate = ok / result.duration;
      const problems =
        (result.non2xx ? `; ${result.non2xx} non-2xx, first: ${failures.first ?? '?'}` : '') +
        (result.errors ? `; ${result.errors} connection errors (${result.timeouts} timeouts)` : '');
      return [
        {
          id: `d${suffix}`,
          name: named(`commands over HTTP (${CONNECTIONS} connections, PROJECTIONS=inline)`),
          value: round(rate),
          unit: 'commands/s',
          ...(durability === 'process' ? { target: { atLeast: 2000 } } : {}),
          profiles,
          extra:
            `RegisterStudent then AdmitStudentToSchool per connection, alternating, ${SCOPED ? 'from a token limited to the district' : 'from a * token'}; ${ok.toLocaleString('en')} answered 200 in ${result.duration.toFixed(1)} s; ` +
            `server = node dist/src/main.js in its own process, autocannon in the bench process; ` +
            `CPU: service ${Math.round((100 * serverCpu) / result.duration)}% of a core (${Math.round((serverCpu * 1e6) / Math.max(1, ok))} µs/command), ` +
            `autocannon ${Math.round((benchCpu.user + benchCpu.system) / 1e4 / result.duration)}%; ` +
            `projection lag at the end ${lagAtEnd.toLocaleString('en')} events, ${lag === 0 ? `caught up in ${catchUp.toFixed(1)} s` : `still ${lag} behind after 60 s`}` +
            problems,
        },
        { id: `d-p50${suffix}`, name: named('commands over HTTP, latency p50'), value: round(result.latency.p50, 1), unit: 'ms' },
        {
          id: `d-p99${suffix}`,
          name: named('commands over HTTP, latency p99'),
          value: round(result.latency.p99, 1),
          unit: 'ms',
          ...(durability === 'process' ? { target: { below: 50 } } : {}),
          profiles,
          extra: `mean ${result.latency.average.toFixed(1)} ms, max ${result.latency.max} ms`,
        },
      ];
    } finally {
      await server.stop();
    }
  });
}
