import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { SubscriberStatus, SupervisedSubscriber } from '../event-store/supervised-subscriber';
import { OrganisationLookup } from './organisation.lookup';

/** The events that can change where an organisation sits: a new organisation, or a change of details (its parent among them). */
const HIERARCHY_EVENTS: ReadonlySet<string> = new Set(['OrganisationRegistered', 'OrganisationUpdated']);

/** Organisations are few; past this many the cache starts again rather than grow. */
const MAX_CACHED = 100_000;

/**
 * Each organisation's ancestors (nearest first), asked by the scope check of every command and read.
 * Answers come from memory only while a subscription to the log's hierarchy events is live; each
 * such event empties the cache, and so does this process's own hierarchy command, before and after
 * its append. An answer is thus never older than the log as that subscription has read it; while it
 * is not live (starting, retrying, failed) every call asks the organisations' streams.
 */
@Injectable()
export class OrganisationAncestry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('organisation-ancestry');
  private readonly cache = new Map<string, readonly string[]>();
  /** Bumped at every change, so an answer read while one happened is not kept. */
  private generation = 0;
  private after: bigint | null = null;
  private readonly subscriber: SupervisedSubscriber;

  constructor(
    private readonly organisations: OrganisationLookup,
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.subscriber = new SupervisedSubscriber(
      events,
      {
        // Only changes from now on matter to an empty cache; after a reopen, nothing kept is trusted.
        resumeAfter: async () => {
          this.forgetAll();
          return (this.after ??= await events.headPosition());
        },
        handle: async (batch) => {
          for (const event of batch) {
            if (HIERARCHY_EVENTS.has(event.type)) this.forgetAll();
            this.after = event.position;
          }
        },
        types: HIERARCHY_EVENTS,
      },
      {
        onRetry: (error, attempt) => this.logger.warn(`Following organisation changes failed (attempt ${attempt}); scope checks read the streams meanwhile: ${(error as Error).message}`),
        onFailed: (failure) => this.logger.error(`Stopped following organisation changes at ${failure.position}; scope checks read the streams: ${failure.error}`),
      },
    );
  }

  /** `live`: answers may come from memory. */
  get status(): SubscriberStatus {
    return this.subscriber.status;
  }

  onApplicationBootstrap(): void {
    // A projector-only process checks no scopes.
    if (this.config.projections !== 'only') this.subscriber.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscriber.stop();
  }

  async ancestorsOf(organisationId: string): Promise<readonly string[]> {
    const trusted = this.subscriber.status === 'live';
    if (trusted) {
      const hit = this.cache.get(organisationId);
      if (hit) return hit;
    }
    const generation = this.generation;
    const { type, ancestorIds } = await this.organisations.parent(organisationId);
    // An organisation that does not exist yet is not kept: registering it would change its answer.
    if (trusted && type !== null && generation === this.generation && this.subscriber.status === 'live') {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(organisationId, ancestorIds);
    }
    return ancestorIds;
  }

  /** Runs a command that may change the hierarchy, forgetting every answer before and after it. */
  async changing<T>(command: () => Promise<T>): Promise<T> {
    this.forgetAll();
    try {
      return await command();
    } finally {
      this.forgetAll();
    }
  }

  private forgetAll(): void {
    this.generation += 1;
    this.cache.clear();
  }
}
