/** Subscriptions waiting for new events: woken by a commit in this process, or by a poll for other processes' commits. */
export class AppendWaiters {
  private waiting = new Set<() => void>();

  wait(pollMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      this.waiting.add(done);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.waiting]) wake();
  }
}
