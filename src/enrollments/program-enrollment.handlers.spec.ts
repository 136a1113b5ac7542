import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_METADATA } from '../../test/support/event-builders';
import { AggregateLoader } from '../event-store/aggregate-loader';
import { CommandHandling } from '../event-store/command-handling';
import { CommandEnvelope } from '../event-store/command-envelope';
import { SqliteEventStore } from '../event-store/embedded/sqlite-event-store';
import { Reservations } from '../event-store/reservations';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { systemClock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import { newId } from '../shared/ids';
import { LinkProgramEnrollmentsByKeyMessage, ProgramEnrollmentCommand, ProgramEnrollmentCommandMessage } from './program-enrollment.commands';
import { programEnrollmentDecider } from './program-enrollment.decider';
import { ProgramEnrollmentFacts } from './program-enrollment.facts';
import { ProgramEnrollmentCommandHandler } from './program-enrollment.handlers';
import { LinkProgramEnrollmentsByKeyHandler } from './program-enrollment.link-by-key.handler';
import { programEnrollmentStream, programKeyRegistryStream } from './program-enrollment.stream';

/** The handlers over a real embedded log: reservations, registry and retries as in production. */
describe('Program enrollment handlers (embedded event store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let commands: CommandHandling;
  let enrollments: ProgramEnrollmentCommandHandler;
  let byKey: LinkProgramEnrollmentsByKeyHandler;

  const envelope = (commandName: string): CommandEnvelope => ({ commandName, commandId: newId(), correlationId: newId(), actor: { type: 'token', id: 'test' } });
  const run = (command: ProgramEnrollmentCommand) => enrollments.execute(new ProgramEnrollmentCommandMessage(command, envelope(command.type)));
  const linkByKey = (externalUserKey: string, organisationId: string, studentId: string) =>
    byKey.execute(new LinkProgramEnrollmentsByKeyMessage({ type: 'LinkProgramEnrollmentsByKey', externalUserKey, organisationId, studentId }, envelope('LinkProgramEnrollmentsByKey')));
  const enrollKey = (programEnrollmentId: string, externalUserKey: string, curriculumId = 'c-1', organisationId = 'u-1') =>
    run({ type: 'EnrollInProgram', programEnrollmentId, programId: 'p-1', curriculumId, externalUserKey, organisationId, status: 'pending' });
  const enrollStudent = (programEnrollmentId: string, studentId: string, curriculumId = 'c-1') =>
    run({ type: 'EnrollInProgram', programEnrollmentId, programId: 'p-1', curriculumId, studentId, status: 'enrolled' });
  const failure = async (promise: Promise<unknown>): Promise<DomainError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };
  const stateOf = async (id: string) => (await commands.load(programEnrollmentDecider, programEnrollmentStream(id))).state;
  const seed = (streamId: string, type: string, data: object) => store.append(streamId, [{ eventId: newId(), type, data, metadata: TEST_METADATA }], 'no_stream');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-programs-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    commands = new CommandHandling(store, new AggregateLoader(store), new Reservations(store, systemClock, Buffer.alloc(32, 7)), systemClock);
    const facts = new ProgramEnrollmentFacts(commands, new OrganisationLookup(commands));
    enrollments = new ProgramEnrollmentCommandHandler(commands, facts);
    byKey = new LinkProgramEnrollmentsByKeyHandler(commands, facts, enrollments);
    for (const id of ['u-1', 'u-2']) await seed(`organisation-${id}`, 'OrganisationRegistered', { organisationId: id, type: 'provider', name: `University ${id}` });
    for (const id of ['st-1', 'st-2']) {
      await seed(`student-${id}`, 'StudentRegistered', { studentId: id, districtId: 'd-1', username: id, givenName: 'Given', familyName: 'Family' });
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an enrollment refused by its decider registers no key (found by the fuzz suite)', async () => {
    const before = await store.headPosition();
    expect((await failure(enrollKey('pe-x', 'key-x', 'c-1', 'no-such-organisation'))).code).toBe('OrganisationNotFound');
    expect(await store.headPosition()).toBe(before);
    await enrollKey('pe-y', 'key-x');
    const registered = [];
    for await (const event of store.readStream(programKeyRegistryStream('u-1', 'key-x'))) registered.push(event.data);
    expect(registered).toEqual([{ organisationId: 'u-1', programEnrollmentId: 'pe-y' }]);
  });

  it('rule 2: a second enrollment of the same student in the same program and curriculum is DuplicateProgramEnrollment', async () => {
    await enrollStudent('pe-1', 'st-1');
    expect((await failure(enrollStudent('pe-2', 'st-1'))).code).toBe('DuplicateProgramEnrollment');
    expect((await enrollStudent('pe-3', 'st-1', 'c-2')).events).toHaveLength(1);
  });

  it('rule 3: the same key in the same program and curriculum is DuplicateProgramEnrollment; the refused one keeps no triple', async () => {
    await enrollKey('pe-1', 'k-1');
    const both = run({ type: 'EnrollInProgram', programEnrollmentId: 'pe-2', programId: 'p-1', curriculumId: 'c-1', studentId: 'st-2', externalUserKey: 'k-1', status: 'enrolled' });
    expect((await failure(both)).code).toBe('DuplicateProgramEnrollment');
    expect((await stateOf('pe-2')).stage).toBe('none');
    expect((await enrollStudent('pe-3', 'st-2')).events).toHaveLength(1);
    expect((await enrollKey('pe-4', 'k-1', 'c-2')).events).toHaveLength(1);
  });

  it('rule 4: linking to a student already enrolled in that program and curriculum is refused, and the enrollment stays waiting', async () => {
    await enrollStudent('pe-1', 'st-1');
    await enrollKey('pe-2', 'k-1');
    expect((await failure(run({ type: 'LinkProgramEnrollment', programEnrollmentId: 'pe-2', studentId: 'st-1' }))).code).toBe('DuplicateProgramEnrollment');
    expect((await stateOf('pe-2')).stage).toBe('waiting');
  });

  it('rules 4 and 5: two keys linked to one student at the same time in one curriculum: exactly one wins', async () => {
    await enrollKey('pe-1', 'k-1');
    await enrollKey('pe-2', 'k-2');
    const outcomes = await Promise.allSettled([
      run({ type: 'LinkProgramEnrollment', programEnrollmentId: 'pe-1', studentId: 'st-1' }),
      run({ type: 'LinkProgramEnrollment', programEnrollmentId: 'pe-2', studentId: 'st-1' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [lost] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect((lost.reason as DomainError).code).toBe('DuplicateProgramEnrollment');
  });

  it('rule 7: a canceled enrollment keeps its triple: the same student cannot be enrolled again in that curriculum', async () => {
    await enrollStudent('pe-1', 'st-1');
    await run({ type: 'ChangeProgramEnrollmentStatus', programEnrollmentId: 'pe-1', status: 'canceled' });
    expect((await failure(enrollStudent('pe-2', 'st-1'))).code).toBe('DuplicateProgramEnrollment');
  });

  it('LinkProgramEnrollmentsByKey links every waiting enrollment with that key under that organisation, once', async () => {
    await enrollKey('pe-1', 'k-1', 'c-1');
    await enrollKey('pe-2', 'k-1', 'c-2');
    await enrollKey('pe-3', 'k-1', 'c-3', 'u-2');
    await enrollKey('pe-4', 'k-2', 'c-1');
    const first = await linkByKey('k-1', 'u-1', 'st-1');
    expect(first.affected).toBe(2);
    expect(first.position).toBeGreaterThan(0n);
    expect(await stateOf('pe-1')).toMatchObject({ stage: 'linked', studentId: 'st-1' });
    expect(await stateOf('pe-2')).toMatchObject({ stage: 'linked', studentId: 'st-1' });
    expect((await stateOf('pe-3')).stage).toBe('waiting');
    expect((await stateOf('pe-4')).stage).toBe('waiting');
    const again = await linkByKey('k-1', 'u-1', 'st-1');
    expect(again).toMatchObject({ affected: 0, position: first.position });
  });

  it('LinkProgramEnrollmentsByKey links what it can and reports a rule 5 clash as DuplicateProgramEnrollment naming the enrollment', async () => {
    await enrollStudent('pe-0', 'st-1', 'c-1');
    await enrollKey('pe-1', 'k-1', 'c-1');
    await enrollKey('pe-2', 'k-1', 'c-2');
    const error = await failure(linkByKey('k-1', 'u-1', 'st-1'));
    expect(error.code).toBe('DuplicateProgramEnrollment');
    expect(error.details).toEqual([expect.objectContaining({ programEnrollmentId: 'pe-1', error: 'DuplicateProgramEnrollment' })]);
    expect((await stateOf('pe-1')).stage).toBe('waiting');
    expect((await stateOf('pe-2')).stage).toBe('linked');
  });

  it('LinkProgramEnrollmentsByKey for a student that does not exist is StudentNotFound', async () => {
    await enrollKey('pe-1', 'k-1');
    expect((await failure(linkByKey('k-1', 'u-1', 'ghost'))).code).toBe('StudentNotFound');
  });

  it('an enrollment by key without an organisation can still be linked one at a time', async () => {
    await run({ type: 'EnrollInProgram', programEnrollmentId: 'pe-1', programId: 'p-1', curriculumId: 'c-1', externalUserKey: 'k-1', status: 'pending' });
    expect((await linkByKey('k-1', 'u-1', 'st-1')).affected).toBe(0);
    expect((await run({ type: 'LinkProgramEnrollment', programEnrollmentId: 'pe-1', studentId: 'st-1' })).events).toHaveLength(1);
  });
});
