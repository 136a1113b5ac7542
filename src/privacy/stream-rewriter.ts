import { RecordedEvent } from '../shared/event';

/** A rewritten stream's hash chain: the head recorded before the rewrite and the one after (audit.md rule 5). */
export interface RechainedHead {
  previousHead: string;
  head: string;
}

/**
 * How `privacy:migrate` replaces a stream's stored events with their sealed form, on one adapter.
 * `rewrite` gets the whole stream (events to seal already sealed) and returns once the new form is
 * stored and the clear one is gone from what the store answers; `finish` purges what is left on disk.
 */
export interface StreamRewriter {
  /** True: ids, revisions and positions stay (embedded). False: the events are copied under new ids (EventStoreDB), so sealing uses those ids. */
  readonly keepsEventIds: boolean;
  /**
   * Resolves with the stream's chain heads when the adapter re-chained the rewritten events in place
   * (embedded), undefined when the stream had no hashes or the copies were chained at their append.
   */
  rewrite(streamId: string, events: RecordedEvent[], original: RecordedEvent[]): Promise<RechainedHead | undefined>;
  /** Removes a stream entirely (a reservation stream under an unkeyed id). */
  remove(streamId: string): Promise<void>;
  finish(): Promise<void>;
  close(): Promise<void>;
}
