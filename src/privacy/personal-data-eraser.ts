import { Inject, Injectable } from '@nestjs/common';
import { AggregateLoader } from '../event-store/aggregate-loader';
import { SNAPSHOTS } from '../event-store/snapshots';
import { IDEMPOTENCY_STORE, IdempotencyStore } from '../http/idempotency';
import { DOCUMENT_STORE, DocumentStore } from '../read-store/document-store.port';
import { CLOCK, Clock } from '../shared/clock';
import { KeyRing } from './key-ring';

/**
 * What follows a StudentPersonalDataErased event (or a retry of the command): the data key is
 * destroyed, and the copies outside the log are dropped: cached state, the snapshot, and stored
 * idempotent responses. Every step is idempotent, so a crash half-way is mended by sending the command again.
 */
@Injectable()
export class PersonalDataEraser {
  constructor(
    private readonly keys: KeyRing,
    private readonly loader: AggregateLoader,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async erase(subjectId: string, streamId: string): Promise<void> {
    await this.keys.destroy(subjectId, this.clock.now());
    this.loader.forget(streamId);
    await this.documents.collection(SNAPSHOTS).delete(streamId);
    await this.idempotency.dropResponsesFor(subjectId);
  }
}
