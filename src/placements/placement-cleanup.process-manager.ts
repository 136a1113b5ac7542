import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CommandHandling } from '../event-store/command-handling';
import { CommandEnvelope } from '../event-store/command-envelope';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { SubscriberRegistry } from '../event-store/subscriber-registry';
import { EventHandlingError, SupervisedSubscriber } from '../event-store/supervised-subscriber';
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
  /** The same supervision as every read model: back-off on transient errors, `failed` on an event that keeps failing. */
  readonly subscriber: SupervisedSubscriber;
  private skipped = 0;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly commands: CommandHandling,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() registry?: SubscriberRegistry,
  ) {
    this.subscriber = new SupervisedSubscriber(
      events,
      { resumeAfter: () => this.checkpoint(), handle: (batch) => this.follow(batch) },
      {
        onRetry: (error, attempt, delayMs) => this.logger.warn(`Retrying from the checkpoint in ${delayMs} ms (attempt ${attempt}): ${(error as Error).message}`),
        onFailed: (failure) => this.logger.error(`Failed at position ${failure.position} (${failure.eventType ?? 'reading the log'}): ${failure.error}`),
      },
    );
    registry?.register(NAME, this.subscriber);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.projections !== 'off') await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Follows the log from the checkpoint; also restarts it after a failure. */
  async start(): Promise<void> {
    if (this.subscriber.running) return;
    await prepareCleanupState(this.documents);
    this.subscriber.start();
  }

  async stop(): Promise<void> {
    await this.subscriber.stop();
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

  private async follow(batch: RecordedEvent[]): Promise<void> {
    for (const event of batch) {
      if (HANDLES.has(event.type)) {
        try {
          await this.handle(upcast(event));
        } catch (error) {
          throw new EventHandlingError(event, error);
        }
      } else if (++this.skipped < CHECKPOINT_EVERY) {
        continue;
      }
      this.skipped = 0;
      const checkpoint = { name: NAME, position: event.position.toString(), updatedAt: new Date().toISOString() };
      // Conditional: a stored checkpoint only moves forward.
      await this.documents.collection<ProcessCheckpoint>(PROCESS_CHECKPOINTS).put(NAME, checkpoint, { ifOlderThan: event.position });
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
