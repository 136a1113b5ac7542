import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { metadataFor } from '../../src/event-store/command-envelope';
import { NewEvent } from '../../src/shared/event';
import { newId } from '../../src/shared/ids';
import { StudentWorkRecorded } from '../../src/students/student-work.events';
import { studentStream } from '../../src/students/student.stream';
import { StudentCommands } from './student-commands';
import { median } from '../support/measure';

const run = promisify(execFile);
const WORK_ITEMS = 20_000;
export const COLD_RUNS = 5;
const WARM_RUNS = 300;

export interface UsernameChangeFigures {
  workItems: number;
  coldMs: number;
  warmMs: number;
  warmP95Ms: number;
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)];

function workEvent(studentId: string, i: number): NewEvent {
  const day = new Date(Date.UTC(2024, 8, 1) + Math.floor(i / 40) * 86_400_000);
  const data: StudentWorkRecorded['data'] = {
    studentId,
    workId: `w-${i}`,
    completedAt: new Date(day.getTime() + (i % 40) * 600_000).toISOString(),
    activity: `activity-${i % 97}`,
    subject: ['math', 'reading', 'science'][i % 3],
    classroomId: `c-${i % 3}`,
    minutes: 5 + (i % 30),
    score: i % 101,
    points: i % 50,
  };
  return { eventId: newId(), type: 'StudentWorkRecorded', data, metadata: metadataFor({ commandName: 'RecordStudentWork', commandId: newId(), correlationId: newId(), actor: { type: 'system', id: 'bench' } }, new Date()) };
}

/** Two students in one log: one without work, one with WORK_ITEMS work items (appended 500 per append). */
export async function seedStudents(file: string, workItems = WORK_ITEMS): Promise<{ idle: string; busy: string }> {
  const commands = StudentCommands.open(file);
  const district = { district: { id: 'd-bench', type: 'district', closed: false } };
  try {
    for (const studentId of ['st-idle', 'st-busy']) {
      await commands.send({ type: 'RegisterStudent', studentId, districtId: 'd-bench', username: `${studentId}-0`, givenName: 'Bench', familyName: 'Student' }, district);
    }
    for (let from = 0; from < workItems; from += 500) {
      const events = Array.from({ length: Math.min(500, workItems - from) }, (_, i) => workEvent('st-busy', from + i));
      await commands.store.append(studentStream('st-busy'), events, BigInt(from));
    }
  } finally {
    await commands.close();
  }
  return { idle: 'st-idle', busy: 'st-busy' };
}

/** The CPU profile of one cold run (BENCH_PROFILE). */
export const coldProfileLabel = (workItems: number, round: number) => `work-b-${workItems}-cold-${round}`;

/** A fresh Node process per run: nothing cached, the stream is read and folded from the start. */
async function coldMs(file: string, studentId: string, round: number, profileLabel: string): Promise<number> {
  const entry = join(__dirname, 'cold-username-change.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run the bench from the build (npm run bench)`);
  const { stdout } = await run(process.execPath, [entry, file, studentId, `${studentId}-cold-${round}`, profileLabel]);
  // With BENCH_PROFILE the child also prints where its profile went: the figure is the last line.
  return (JSON.parse(stdout.trim().split('\n').pop() ?? '') as { ms: number }).ms;
}

async function warmMs(file: string, studentId: string): Promise<number[]> {
  const commands = StudentCommands.open(file);
  try {
    await commands.timeUsernameChange(studentId, `${studentId}-warmup`);
    const times: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) times.push(await commands.timeUsernameChange(studentId, `${studentId}-warm-${i}`));
    return times;
  } finally {
    await commands.close();
  }
}

/** ChangeStudentUsername latency for a student without work and one with 20,000 work items, cold and warm. */
export async function usernameChangeLatency(dir: string): Promise<UsernameChangeFigures[]> {
  const file = join(dir, 'events.sqlite');
  const { idle, busy } = await seedStudents(file);
  const figures: UsernameChangeFigures[] = [];
  for (const [studentId, workItems] of [[idle, 0], [busy, WORK_ITEMS]] as const) {
    const cold: number[] = [];
    for (let round = 0; round < COLD_RUNS; round++) cold.push(await coldMs(file, studentId, round, coldProfileLabel(workItems, round)));
    const warm = await warmMs(file, studentId);
    figures.push({ workItems, coldMs: median(cold), warmMs: median(warm), warmP95Ms: p95(warm) });
  }
  return figures;
}
