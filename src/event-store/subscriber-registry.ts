import { Injectable } from '@nestjs/common';
import type { SubscriberFailure, SubscriberStatus } from './supervised-subscriber';

/** What readiness needs to know of a subscriber that is not a read model (a process manager). */
export interface WatchedSubscriber {
  readonly status: SubscriberStatus;
  readonly lastError: string | null;
  readonly failure: SubscriberFailure | null;
}

/** The process managers that follow the log in this process, by name, for `/health/ready`. */
@Injectable()
export class SubscriberRegistry {
  private readonly subscribers = new Map<string, WatchedSubscriber>();

  register(name: string, subscriber: WatchedSubscriber): void {
    this.subscribers.set(name, subscriber);
  }

  list(): { name: string; subscriber: WatchedSubscriber }[] {
    return [...this.subscribers].map(([name, subscriber]) => ({ name, subscriber }));
  }
}
