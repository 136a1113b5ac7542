import { StudentCommands } from './student-commands';

/**
 * Child-process entry: a fresh process opens the log and times one ChangeStudentUsername, so the
 * state cache is empty and the whole stream is read and folded (a cold load).
 */
async function main(): Promise<void> {
  const [file, studentId, username] = process.argv.slice(2);
  const commands = StudentCommands.open(file);
  try {
    const ms = await commands.timeUsernameChange(studentId, username);
    process.stdout.write(JSON.stringify({ ms }));
  } finally {
    await commands.close();
  }
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
