import { RecordedEvent } from '../shared/event';

/**
 * How `privacy:migrate` replaces a stream's stored events with their sealed form, on one adapter.
 * `rewrite` gets the whole stream (events to seal already sealed) and returns once the new form is
 * stored and the clear one is gone from what the store answers; `finish` purges what is left on disk.
 */
export interface StreamRewriter {
  /** True: ids, revisions and positions stay (embedded). False: the events are copied under new ids (EventStoreDB), so sealing uses those ids. */
  readonly keepsEventIds: boolean;
  rewrite(streamId: string, events: RecordedEvent[], original: RecordedEvent[]): Promise<void>;
  /** Removes a stream entirely (a reservation stream under an unkeyed id). */
  remove(streamId: string): Promise<void>;
  finish(): Promise<void>;
  close(): Promise<void>;
}
