import { EventStoreDBClient } from '@eventstore/db-client';
import { toEventData } from '../event-store/esdb/esdb-events';
import { chainHashes } from '../event-store/hash-chain';
import { RecordedEvent } from '../shared/event';
import { StreamRewriter } from './stream-rewriter';

/**
 * EventStoreDB cannot change a stored event, so the stream is copied onto itself: the sealed events
 * are appended after the clear ones (under new ids, expecting the last revision read, so a command
 * in between makes the copy fail instead of losing it), then the stream's `$tb` (truncate before)
 * is set to the first copy: the clear events are no longer read, and the next scavenge removes them
 * from disk, which `finish` starts through the server's HTTP admin endpoint (`POST /admin/scavenge`).
 * Revisions move on by the stream's length; positions and event ids are new. The copies chain on
 * from the last clear event's hash, as any append to the stream would.
 */
export class EsdbStreamRewriter implements StreamRewriter {
  readonly keepsEventIds = false;
  private readonly client: EventStoreDBClient;

  constructor(
    private readonly connectionString: string,
    /** The adapter's stream prefix (EVENTSTORE_STREAM_PREFIX), so the streams named are the adapter's. */
    private readonly prefix = '',
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async rewrite(streamId: string, events: RecordedEvent[], original: RecordedEvent[]): Promise<undefined> {
    const tail = original[original.length - 1];
    const last = tail.revision;
    const hashes = tail.hash === undefined ? [] : chainHashes(tail.hash, events);
    await this.client.appendToStream(
      this.prefix + streamId,
      events.map((event, i) => toEventData(event, hashes[i])),
      { expectedRevision: last },
    );
    await this.client.setStreamMetadata(this.prefix + streamId, { truncateBefore: Number(last + 1n) });
    return undefined;
  }

  async remove(streamId: string): Promise<void> {
    await this.client.deleteStream(this.prefix + streamId);
  }

  async finish(): Promise<void> {
    const url = new URL(this.connectionString.replace(/^esdb(\+discover)?:\/\//, 'http://'));
    const tls = url.searchParams.get('tls') !== 'false';
    const host = url.host.split(',')[0];
    const auth: Record<string, string> = url.username ? { authorization: `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` } : {};
    const response = await this.fetchImpl(`${tls ? 'https' : 'http'}://${host}/admin/scavenge`, { method: 'POST', headers: auth });
    if (!response.ok) throw new Error(`EventStoreDB refused to start a scavenge: HTTP ${response.status}`);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
