import { dirname, join } from 'node:path';
import { AggregateLoader } from '../../src/event-store/aggregate-loader';
import { CommandHandling } from '../../src/event-store/command-handling';
import { Reservations } from '../../src/event-store/reservations';
import { EMBEDDED_READ_MODELS_FILE } from '../../src/read-store/document-store.factory';
import { SqliteDocumentStore } from '../../src/read-store/embedded/sqlite-document-store';
import { systemClock } from '../../src/shared/clock';
import { studentDecider } from '../../src/students/student.decider';
import { studentSnapshot } from '../../src/students/student.snapshot';
import { profiled } from '../support/profile';
import { StudentCommands } from './student-commands';

/**
 * Child-process entry: a fresh process opens the log and times one ChangeStudentUsername, so the
 * state cache is empty (a cold load). As in the service, the loader keeps Student snapshots in the
 * read store next to the log: the first fresh process after the seed (which appended the work
 * directly, not through the command path) reads and folds the whole stream and writes the
 * snapshot; later ones read the snapshot and the stream's tail.
 */
async function main(): Promise<void> {
  const [file, studentId, username, profileLabel] = process.argv.slice(2);
  const commands = StudentCommands.open(file);
  const documents = SqliteDocumentStore.open({ file: join(dirname(file), EMBEDDED_READ_MODELS_FILE), synchronous: 'normal' });
  const loader = new AggregateLoader(commands.store, { documents });
  loader.useSnapshots(studentDecider, studentSnapshot);
  // The service's command path, with the snapshotting loader (StudentCommands builds one without).
  (commands as { handling: CommandHandling }).handling = new CommandHandling(commands.store, loader, new Reservations(commands.store, systemClock, Buffer.alloc(32, 7)), systemClock);
  try {
    // BENCH_PROFILE (inherited): the timed command alone is profiled, as `<profileLabel>.cpuprofile`.
    const ms = await profiled(profileLabel ?? 'work-cold', () => commands.timeUsernameChange(studentId, username));
    process.stdout.write(JSON.stringify({ ms }));
  } finally {
    // As at the service's shutdown: a snapshot being written is finished before the stores close.
    await loader.flush();
    await commands.close();
    await documents.close();
  }
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
