import { CommandHandling } from '../../src/event-store/command-handling';
import { AggregateLoader } from '../../src/event-store/aggregate-loader';
import { CommandEnvelope } from '../../src/event-store/command-envelope';
import { SqliteEventStore } from '../../src/event-store/embedded/sqlite-event-store';
import { Reservations } from '../../src/event-store/reservations';
import { systemClock } from '../../src/shared/clock';
import { newId } from '../../src/shared/ids';
import { StudentCommand } from '../../src/students/student.commands';
import { studentDecider, StudentLookups } from '../../src/students/student.decider';
import { studentReservations } from '../../src/students/student.reservations';
import { studentStream } from '../../src/students/student.stream';

/** The Student command path as the service runs it (load with state cache → decide → reserve → append), without HTTP. */
export class StudentCommands {
  readonly handling: CommandHandling;

  constructor(readonly store: SqliteEventStore) {
    this.handling = new CommandHandling(store, new AggregateLoader(store), new Reservations(store, systemClock, Buffer.alloc(32, 7)), systemClock);
  }

  static open(file: string): StudentCommands {
    return new StudentCommands(SqliteEventStore.open({ file, synchronous: 'normal' }));
  }

  send(command: StudentCommand, lookups: StudentLookups = {}) {
    const envelope: CommandEnvelope = { commandName: command.type, commandId: newId(), correlationId: newId(), actor: { type: 'system', id: 'bench' } };
    return this.handling.handle({
      decider: studentDecider,
      aggregateId: command.studentId,
      streamId: studentStream(command.studentId),
      command,
      envelope,
      lookups: async () => lookups,
      reservations: studentReservations,
    });
  }

  /** Milliseconds one ChangeStudentUsername takes, end to end through the command path. */
  async timeUsernameChange(studentId: string, username: string): Promise<number> {
    const started = process.hrtime.bigint();
    const result = await this.send({ type: 'ChangeStudentUsername', studentId, username });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.events.length !== 1) throw new Error(`Expected one StudentUsernameChanged, got ${result.events.length}`);
    return ms;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
