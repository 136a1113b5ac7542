import { cpuSince, percentile, quantile, round, secondsSince } from '../support/measure';
import { admitStudentBody, commandSender, CommandSender, registerDistrictAndSchool, registerStudentBody, startInProcessApp } from '../support/app';
import { profiled } from '../support/profile';
import { withTempDir } from '../support/temp-dir';
import { Durability, durabilityOf } from '../support/durability';
import type { BenchRow } from '../types';
import { scaledSeconds } from '../support/scale';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const IN_FLIGHT = 64;
const WARMUP_S = scaledSeconds(1.5);
const MEASURE_S = scaledSeconds(8, 1);

export interface Phase {
  commands: number;
  failures: number;
  firstFailure?: string;
  latenciesMs: number[];
  seconds: number;
  /** CPU time of this process (app + driver) per command, µs. */
  cpuPerCommand: string;
}

/** Commands answered per second in a phase: the figure rows c, h-c and p-c report. */
export const commandsPerSecond = (phase: Phase): number => phase.commands / phase.seconds;

/**
 * IN_FLIGHT loops, each sending RegisterStudent then AdmitStudentToSchool for a new student and
 * waiting for each answer, until the deadline: IN_FLIGHT commands are always in the pipeline.
 */
export async function drive(send: CommandSender, ids: { districtId: string; schoolId: string }, seconds: number, counter: { next: number }): Promise<Phase> {
  const phase: Phase = { commands: 0, failures: 0, latenciesMs: [], seconds: 0, cpuPerCommand: '' };
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  const one = async (name: string, body: Record<string, unknown>): Promise<boolean> => {
    const t0 = process.hrtime.bigint();
    try {
      await send(name, body);
      phase.latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      phase.commands += 1;
      return true;
    } catch (error) {
      phase.failures += 1;
      phase.firstFailure ??= `${name}: ${(error as Error).message}`;
      return false;
    }
  };
  const loop = async () => {
    while (process.hrtime.bigint() < deadline) {
      const i = counter.next++;
      const studentId = `stu-c-${i}`;
      if (await one('RegisterStudent', registerStudentBody(i, studentId, ids.districtId))) {
        await one('AdmitStudentToSchool', admitStudentBody(studentId, ids.schoolId));
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, loop));
  phase.seconds = secondsSince(start);
  phase.cpuPerCommand = cpuSince(cpu, phase.commands);
  return phase;
}

/** What `pipelineWithAndWithout` measured: each side's rounds, and the paired CPU ratio of adjacent rounds. */
export interface WithAndWithout {
  off: Phase;
  on: Phase;
  /** CPU per command without ÷ with, one per pair of adjacent rounds: the rate ratio the feature allows on a busy core. */
  pairedRatios: number[];
  rounds: number;
  roundSeconds: number;
}

/**
 * The pipeline of (c) in one app, alternately with a feature off and on, in `rounds` pairs of short
 * rounds (the order swapped every pair: ABBA…), so the machine's load and the growing log touch both
 * sides alike. Each side's rate is over all its rounds together; the comparison is the median of the
 * pairs' CPU-per-command ratios, since CPU per command moves far less with other processes' load than
 * wall-clock rates do, and the pipeline is bound by this one process's CPU. `toggle` switches the
 * feature at run time, which only the bench does; it is left on.
 */
export async function pipelineWithAndWithout(
  tag: string,
  toggle: (app: NestFastifyApplication, on: boolean) => void,
  seconds: { warmup: number; round: number; rounds: number },
): Promise<WithAndWithout> {
  return withTempDir(tag, async (dir) => {
    const app = await startInProcessApp(dir, 'off');
    try {
      const send = commandSender(app);
      const ids = await registerDistrictAndSchool(send, tag);
      const counter = { next: 0 };
      for (const on of [false, true]) {
        toggle(app, on);
        await drive(send, ids, seconds.warmup / 2, counter);
      }
      const phases: { off: Phase[]; on: Phase[] } = { off: [], on: [] };
      for (let round = 0; round < seconds.rounds; round++) {
        for (const on of round % 2 === 0 ? [false, true] : [true, false]) {
          toggle(app, on);
          const phase = await drive(send, ids, seconds.round, counter);
          if (phase.failures) throw new Error(`round ${round + 1}: ${phase.failures} commands failed, first: ${phase.firstFailure}`);
          phases[on ? 'on' : 'off'].push(phase);
        }
      }
      toggle(app, true);
      const cpu = (phase: Phase) => Number(phase.cpuPerCommand);
      return {
        off: merged(phases.off),
        on: merged(phases.on),
        pairedRatios: phases.off.map((off, i) => cpu(off) / cpu(phases.on[i])),
        rounds: seconds.rounds,
        roundSeconds: seconds.round,
      };
    } finally {
      await app.close();
    }
  });
}

/** Rounds of one side as one phase: commands over seconds, CPU per command weighted by commands. */
function merged(phases: Phase[]): Phase {
  const commands = phases.reduce((n, p) => n + p.commands, 0);
  const cpu = phases.reduce((n, p) => n + Number(p.cpuPerCommand) * p.commands, 0);
  return {
    commands,
    failures: phases.reduce((n, p) => n + p.failures, 0),
    latenciesMs: phases.flatMap((p) => p.latenciesMs),
    seconds: phases.reduce((n, p) => n + p.seconds, 0),
    cpuPerCommand: (cpu / commands).toFixed(1),
  };
}

/** The median of the paired ratios, with their quartiles, for a row's value and details. */
export function pairedSummary(result: WithAndWithout): { median: number; detail: string } {
  const at = (q: number) => quantile(result.pairedRatios, q);
  return {
    median: at(0.5),
    detail:
      `${result.rounds} pairs of ${result.roundSeconds} s rounds, alternating (ABBA); CPU per command without ÷ with, per pair: ` +
      `quartiles ${at(0.25).toFixed(3)}–${at(0.75).toFixed(3)}, all: ${result.pairedRatios.map((r) => r.toFixed(2)).join(' ')}`,
  };
}

/** (c) The command pipeline in process: validation → CommandBus → handler → CommandHandling → group-committed appends. */
export async function commandPipeline(durability: Durability = 'process'): Promise<BenchRow[]> {
  const { suffix, named } = durabilityOf(durability);
  return withTempDir(`c${suffix}`, async (dir) => {
    const app = await startInProcessApp(dir, 'off', { durability });
    try {
      const send = commandSender(app);
      const ids = await registerDistrictAndSchool(send, 'c');
      const counter = { next: 0 };
      await drive(send, ids, WARMUP_S, counter);
      const phase = await profiled(`c-pipeline${suffix}`, () => drive(send, ids, MEASURE_S, counter));
      const rate = commandsPerSecond(phase);
      return [
        {
          id: `c${suffix}`,
          name: named(`command pipeline in process (CommandBus, ${IN_FLIGHT} in flight, PROJECTIONS=off)`),
          value: round(rate),
          unit: 'commands/s',
          ...(durability === 'process' ? { target: { atLeast: 5000 } } : {}),
          profiles: [`c-pipeline${suffix}`],
          extra:
            `RegisterStudent+AdmitStudentToSchool pairs, DTO validation included; ${phase.commands.toLocaleString('en')} commands in ${phase.seconds.toFixed(1)} s ` +
            `(~${round(rate * 1.5).toLocaleString('en')} events/s incl. username reservations); ` +
            `latency p50 ${percentile(phase.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(phase.latenciesMs, 99).toFixed(1)} ms; CPU ${phase.cpuPerCommand} µs/command` +
            (phase.failures ? `; ${phase.failures} FAILED, first: ${phase.firstFailure}` : ''),
        },
      ];
    } finally {
      await app.close();
    }
  });
}
