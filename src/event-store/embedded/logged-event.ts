import type { EventMetadata, RecordedEvent } from '../../shared/event';

/** A row of the log as `SELECT position, stream_id, revision, event_id, type, data, metadata` gives it in raw mode. */
export type LoggedEventRow = [position: bigint, streamId: string, revision: bigint, eventId: string, type: string, data: string, metadata: string];

/**
 * An event of a page read for a projection. `data` is parsed at once: a page holds the events its
 * reader handles, and handling one reads its data. `metadata` is parsed when first read (an accessor
 * of the class, so making an event costs no closure): many projections never look at it. A spread
 * copy (`{ ...event }`) therefore lacks `metadata`; copy it by name, as `upcast` does.
 */
export class LoggedEvent implements RecordedEvent {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  data: unknown;
  #metadataJson: string | undefined;
  #metadata: EventMetadata | undefined;

  /** `parsed` false leaves `data` undefined, for a reader that makes it from the row's text itself. */
  constructor(row: LoggedEventRow, parsed = true) {
    this.position = row[0];
    this.streamId = row[1];
    this.revision = row[2];
    this.eventId = row[3];
    this.type = row[4];
    this.data = parsed ? JSON.parse(row[5]) : undefined;
    this.#metadataJson = row[6];
  }

  get metadata(): EventMetadata {
    if (this.#metadataJson !== undefined) {
      this.#metadata = JSON.parse(this.#metadataJson) as EventMetadata;
      this.#metadataJson = undefined;
    }
    return this.#metadata as EventMetadata;
  }

  set metadata(value: EventMetadata) {
    this.#metadata = value;
    this.#metadataJson = undefined;
  }
}
