/** A FIFO async mutex: the one write connection is used by one transaction at a time, even across awaits. */
export class WriteLock {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /** Takes the lock only if nobody holds it: lets a single synchronous write skip the promise round trip. */
  tryAcquire(): boolean {
    if (this.held) return false;
    this.held = true;
    return true;
  }

  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the lock straight to the next waiter, so no newcomer can jump the queue. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}
