/** Waits until `check` holds, polling every `everyMs`; fails with `what` once `withinMs` has passed. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, { withinMs = 10_000, everyMs = 20 } = {}): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${withinMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
