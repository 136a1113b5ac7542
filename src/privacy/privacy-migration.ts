import { createHash } from 'node:crypto';
import { EventStore } from '../event-store/event-store.port';
import { ReservationKey, Reservations } from '../event-store/reservations';
import { DomainError } from '../shared/domain-error';
import { EventMetadata, RecordedEvent } from '../shared/event';
import { issuedCorrelationId } from '../shared/correlation';
import { newId } from '../shared/ids';
import { studentDecider, StudentState } from '../students/student.decider';
import { ERASED, StudentEvent } from '../students/student.events';
import { stateStudentIdReservation, usernameReservation } from '../students/student.reservations';
import { EncryptingEventStore, SubjectErasedError } from './encrypting-event-store';
import { isSealed } from './event-cipher';
import { PersonalDataCatalog } from './personal-data-catalog';
import { StreamRewriter } from './stream-rewriter';

/** Where the migration records what it did (no personal data: stream ids and counts). */
export const MIGRATION_STREAM = 'privacy-migration';

export interface MigrationOutcome {
  streamsRewritten: number;
  eventsSealed: number;
  reservationsClaimed: number;
  /** Values another student holds already under the keyed ids: left for a person to resolve. */
  reservationConflicts: { streamId: string; kind: string }[];
}

/** The reservation id before reservations were keyed: found and removed, as it can be brute-forced back to the value. */
const unkeyedReservationStreamId = (key: Pick<ReservationKey, 'kind' | 'scope' | 'value'>) =>
  `reservation-${key.kind}-${createHash('sha256').update(`${key.scope}\u0000${key.value}`).digest('hex').slice(0, 40)}`;

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/**
 * `ledger privacy:migrate`: data written before encryption, re-written sealed. For each stream with
 * a personal field in clear: seal (copy), check the sealed form opens to exactly the original
 * (verify), store it and drop the clear form (the rewriter), check what is stored, record it. Then
 * each student's username and state id are claimed under the keyed reservation ids and the unkeyed
 * reservation streams removed. Every step finds its own work again, so a second run (or a run after
 * a crash) does only what is left.
 */
export class PrivacyMigration {
  constructor(
    private readonly raw: EventStore,
    private readonly sealing: EncryptingEventStore,
    private readonly catalog: PersonalDataCatalog,
    private readonly rewriter: StreamRewriter,
    private readonly reservations: Reservations,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(onProgress: (done: bigint, total: bigint) => void = () => undefined): Promise<MigrationOutcome> {
    const { clear, students } = await this.scan();
    const outcome: MigrationOutcome = { streamsRewritten: 0, eventsSealed: 0, reservationsClaimed: 0, reservationConflicts: [] };
    const total = BigInt(clear.length + students.length);
    let done = 0n;
    for (const streamId of clear) {
      outcome.eventsSealed += await this.rewrite(streamId);
      outcome.streamsRewritten++;
      onProgress(++done, total);
    }
    for (const streamId of students) {
      await this.rekeyReservations(streamId, outcome);
      onProgress(++done, total);
    }
    await this.rewriter.finish();
    await this.record('PersonalDataMigrationRun', { ...outcome, reservationConflicts: outcome.reservationConflicts.length });
    return outcome;
  }

  /** Streams holding a personal field in clear, and every student stream. */
  private async scan(): Promise<{ clear: string[]; students: string[] }> {
    const clear = new Set<string>();
    const students = new Set<string>();
    for await (const event of this.raw.readAll()) {
      const fields = this.catalog.fieldsOf(event.type);
      if (!fields) continue;
      const data = event.data as Record<string, unknown>;
      if (this.catalog.subjectOf(event.streamId) === undefined) continue;
      students.add(event.streamId);
      if (this.holdsClearPersonalData(event)) clear.add(event.streamId);
    }
    return { clear: [...clear], students: [...students] };
  }

  private async rewrite(streamId: string): Promise<number> {
    const original = await collect(this.raw.readStream(streamId));
    const opened = async (event: RecordedEvent) => (this.sealing.openSync(event) ?? (await this.sealing.open(event))).data;
    let sealedCount = 0;
    const rewritten: RecordedEvent[] = [];
    for (const event of original) {
      const eventId = this.rewriter.keepsEventIds ? event.eventId : newId();
      const clear = await opened(event);
      let data = event.data;
      if (!isSealed(event.data) || eventId !== event.eventId) {
        data = await this.sealedData(streamId, { eventId, type: event.type, data: clear as object, metadata: event.metadata });
        if (!isSealed(event.data) && isSealed(data)) sealedCount++;
      }
      const copy = { ...event, eventId, data };
      // Verify before the clear copy goes: the sealed form opens to exactly the event that was stored.
      if (isSealed(data) && JSON.stringify(await opened(copy)) !== JSON.stringify(clear)) {
        throw new Error(`Sealing ${streamId}@${event.revision} does not give the event back; nothing of this stream was changed.`);
      }
      rewritten.push(copy);
    }
    const rechained = await this.rewriter.rewrite(streamId, rewritten, original);
    const stored = await collect(this.raw.readStream(streamId));
    const left = stored.filter((event) => this.holdsClearPersonalData(event));
    if (left.length > 0) throw new Error(`${streamId} still holds ${left.length} events with personal fields in clear after its rewrite.`);
    // The chain heads before and after: an auditor sees which chain the migration replaced, in the chained migration stream.
    await this.record('PersonalDataStreamRewritten', { streamId, eventsSealed: sealedCount, keptEventIds: this.rewriter.keepsEventIds, ...(rechained ?? {}) });
    return sealedCount;
  }

  private holdsClearPersonalData(event: RecordedEvent): boolean {
    const fields = this.catalog.fieldsOf(event.type);
    const data = event.data as Record<string, unknown>;
    return !!fields && !isSealed(data) && fields.some((field) => field in data && data[field] !== ERASED);
  }

  /** The event's data sealed; for a student erased before the migration, the personal fields become ERASED (there is no key to seal with). */
  private async sealedData(streamId: string, event: { eventId: string; type: string; data: object; metadata: EventMetadata }): Promise<unknown> {
    try {
      return (await this.sealing.seal(streamId, event)).data;
    } catch (error) {
      if (!(error instanceof SubjectErasedError)) throw error;
      const fields = this.catalog.fieldsOf(event.type) ?? [];
      return Object.fromEntries(Object.entries(event.data).map(([field, value]) => [field, fields.includes(field) ? ERASED : value]));
    }
  }

  private async rekeyReservations(streamId: string, outcome: MigrationOutcome): Promise<void> {
    const events = await collect(this.sealing.readStream(streamId));
    if (events.length === 0) return;
    const state = events.reduce<StudentState>((s, e) => studentDecider.evolve(s, { type: e.type, data: e.data } as StudentEvent), studentDecider.initialState);
    if (state.status === 'none' || state.erased) return;
    const last = events[events.length - 1];
    const keys = [usernameReservation(state.districtId, state.username), ...(state.stateStudentId ? [stateStudentIdReservation(state.districtId, state.stateStudentId)] : [])];
    for (const key of keys) {
      try {
        await this.reservations.claim(key, { streamId, revision: last.revision, eventId: last.eventId }, this.metadata());
        outcome.reservationsClaimed++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcome.reservationConflicts.push({ streamId, kind: key.kind });
      }
      await this.rewriter.remove(unkeyedReservationStreamId(key));
    }
  }

  private metadata(): EventMetadata {
    const id = issuedCorrelationId();
    return { occurredAt: this.now().toISOString(), actor: { type: 'system', id: 'privacy:migrate' }, correlationId: id, causationId: id, command: 'privacy:migrate', schemaVersion: 1 };
  }

  private async record(type: string, data: Record<string, unknown>): Promise<void> {
    await this.raw.append(MIGRATION_STREAM, [{ eventId: newId(), type, data, metadata: this.metadata() }], 'any');
  }
}
