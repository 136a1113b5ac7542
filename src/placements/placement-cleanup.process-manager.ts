import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CommandHandling } from '../event-store/command-handling';
import { CommandEnvelope } from '../event-store/command-envelope';
import { EVENT_STORE, EventStore, Subscription } from '../event-store/event-store.port';
import { upcast } from '../event-store/upcasting';
import type { HostingInterestEvent } from '../hosting-interests/hosting-interest.events';
import { DOCUMENT_STORE, DocumentStore } from '../read-store/document-store.port';
import { DomainError } from '../shared/domain-error';
import type { RecordedEvent, RecordedOf } from '../shared/event';
import { placementDecider } from './placement.decider';
import { HOSTING_INTEREST_CHANGED, PlacementEvent } from './placement.events';
import { placementStream } from './placement.stream';
import {
  CLEANUP_PLACEMENTS, CLEANUP_SCHOOL_YEARS, CleanupPlacement, CleanupSchoolYear, prepareCleanupState, PROCESS_CHECKPOINTS, ProcessCheckpoint, schoolYearKey,
} from './placement-cleanup.state';

const NAME = 'placement-cleanup';
const HANDLES: ReadonlySet<string> = new Set([
  'HostingInterestRecorded', 'PlacementCreated', 'PlacementProviderAssigned', 'PlacementProviderUnassigned', 'PlacementDeleted',
]);
/** Events this process ignores still move its checkpoint, every so many. */
const CHECKPOINT_EVERY = 500;
const RETRY_MS = { initial: 200, max: 10_000 };
/** A deletion that finds the placement assigned or gone has nothing left to do. */
const SETTLED = new Set(['PlacementAssigned', 'NotFound']);

/**
 * Moving a school's hosting interest away from `actively_looking` deletes its unassigned placements
 * for that year. Driven by the log (a checkpointed subscription), so a crash loses nothing: events
 * after the checkpoint are handled again, and a deletion already made decides nothing. It follows
 * placements itself, in log order, so a placement created just after the interest changed is
 * deleted too. Runs where the projectors run (PROJECTIONS inline or only).
 */
@Injectable()
export class PlacementCleanup implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NAME);
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly commands: CommandHandling,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.projections !== 'off') await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    await prepareCleanupState(this.documents);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
    this.loop = null;
  }

  async checkpoint(): Promise<bigint> {
    const stored = await this.documents.collection<ProcessCheckpoint>(PROCESS_CHECKPOINTS).get(NAME);
    return stored ? BigInt(stored.position) : 0n;
  }

  /** One event: its effect on the process's memory, then the deletions it calls for. Safe to repeat. */
  async handle(recorded: RecordedEvent): Promise<void> {
    const event = recorded as RecordedOf<PlacementEvent | HostingInterestEvent>;
    const at = { ifOlderThan: event.position };
    const schoolYears = this.documents.collection<CleanupSchoolYear>(CLEANUP_SCHOOL_YEARS);
    const placements = this.documents.collection<CleanupPlacement>(CLEANUP_PLACEMENTS);
    const notLooking = async (schoolId: string, academicYearId: string) => {
      const year = await schoolYears.get(schoolYearKey(schoolId, academicYearId));
      return year !== null && year.appetite !== 'actively_looking';
    };
    switch (event.type) {
      case 'HostingInterestRecorded': {
        const { schoolId, academicYearId, appetite } = event.data;
        await schoolYears.put(schoolYearKey(schoolId, academicYearId), { schoolId, academicYearId, appetite }, at);
        if (appetite === 'actively_looking') return;
        const unassigned = await placements.find({ schoolId, academicYearId, assigned: false }, { sort: [['placementId', 1]] });
        for (const placement of unassigned) await this.delete(placement.placementId, recorded);
        return;
      }
      case 'PlacementCreated':
      case 'PlacementProviderAssigned':
      case 'PlacementProviderUnassigned': {
        const { placementId, schoolId, academicYearId } = event.data;
        const assigned = event.type === 'PlacementProviderAssigned';
        await placements.put(placementId, { placementId, schoolId, academicYearId, assigned }, at);
        if (!assigned && (await notLooking(schoolId, academicYearId))) await this.delete(placementId, recorded);
        return;
      }
      case 'PlacementDeleted':
        await placements.delete(event.data.placementId, at);
        return;
      default:
        return;
    }
  }

  private async run(): Promise<void> {
    let delay = RETRY_MS.initial;
    while (!this.stopping) {
      try {
        await this.follow();
        return;
      } catch (error) {
        if (this.stopping) return;
        this.logger.error(`Stopped at an error, resuming from the checkpoint in ${delay} ms: ${(error as Error).message}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        delay = Math.min(delay * 2, RETRY_MS.max);
      }
    }
  }

  private async follow(): Promise<void> {
    const subscription = this.events.subscribeToAll({ after: await this.checkpoint() });
    this.subscription = subscription;
    if (this.stopping) await subscription.close();
    let skipped = 0;
    for await (const event of subscription) {
      if (HANDLES.has(event.type)) {
        await this.handle(upcast(event));
      } else if (++skipped < CHECKPOINT_EVERY) {
        continue;
      }
      skipped = 0;
      await this.documents.collection<ProcessCheckpoint>(PROCESS_CHECKPOINTS).put(NAME, { name: NAME, position: event.position.toString(), updatedAt: new Date().toISOString() });
    }
  }

  /** Same correlation as the change that caused it; the causation is that event. */
  private async delete(placementId: string, cause: RecordedEvent): Promise<void> {
    const envelope: CommandEnvelope = {
      commandName: 'DeletePlacement',
      commandId: cause.eventId,
      correlationId: cause.metadata.correlationId,
      actor: { type: 'system', id: NAME },
    };
    try {
      await this.commands.handle({
        decider: placementDecider,
        aggregateId: placementId,
        streamId: placementStream(placementId),
        command: { type: 'DeletePlacement', placementId, cause: HOSTING_INTEREST_CHANGED },
        envelope,
      });
    } catch (error) {
      if (!(error instanceof DomainError && SETTLED.has(error.code))) throw error;
    }
  }
}
