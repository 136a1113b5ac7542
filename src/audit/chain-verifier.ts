import { chainHash, GENESIS_HASH } from '../event-store/hash-chain';
import { StoredEvent, StoredEventReader } from '../event-store/stored-events';

export type ChainBreakReason = 'data changed' | 'event missing' | 'events reordered' | 'hash missing';

/** The first event of a stream that does not match its chain. */
export interface ChainBreak {
  streamId: string;
  /** The revision that does not match; for a missing event, the revision not found. */
  revision: bigint;
  /** Position of the event found there (for a missing one: of the event found in its place); null when there is none. */
  position: bigint | null;
  reason: ChainBreakReason;
  detail: string;
}

export interface LogVerification {
  events: number;
  streams: number;
  /** Unhashed events written before the log had hashes (accepted; only their order and revisions are checked). */
  unhashedBeforeChain: number;
  /** The first break of each broken stream, in the order found (at most MAX_BREAKS kept). */
  breaks: ChainBreak[];
  brokenStreams: number;
}

export interface StreamVerification {
  streamId: string;
  events: number;
  unhashedBeforeChain: number;
  firstBreak: ChainBreak | null;
}

/** What is kept per stream while the log is read: its last revision, position and hash (memory grows with streams, not events). */
interface Tail {
  revision: bigint;
  position: bigint;
  /** null: the stream's events so far predate the chain, so the next hashed one chains from the genesis hash. */
  hash: string | null;
  broken?: true;
}

type Step = { tail: Tail; legacy: boolean } | { break: ChainBreak };

const MAX_BREAKS = 1000;
/** How far after a mismatch the stream is searched for the content that belongs there (events reordered). */
const LOOKAHEAD = 1000;
const PROGRESS_EVERY = 10_000;

/**
 * Recomputes the hash chains of the stored (raw) log. Each event is checked against the stored hash
 * of its stream's previous event, so an edit shows at the event edited, not at every event after it.
 */
export class ChainVerifier {
  constructor(private readonly reader: StoredEventReader) {}

  async verifyLog(onProgress?: (done: bigint, total: bigint) => void): Promise<LogVerification> {
    const chainFrom = await this.reader.hashChainFrom();
    const head = await this.reader.headPosition();
    const tails = new Map<string, Tail>();
    const report: LogVerification = { events: 0, streams: 0, unhashedBeforeChain: 0, breaks: [], brokenStreams: 0 };
    const broke = (found: ChainBreak) => {
      report.brokenStreams += 1;
      if (report.breaks.length < MAX_BREAKS) report.breaks.push(found);
    };
    let lastPosition = -1n;
    for await (const event of this.reader.readStoredAll()) {
      report.events += 1;
      if (report.events % PROGRESS_EVERY === 0) onProgress?.(event.position, head);
      const tail = tails.get(event.streamId);
      if (tail?.broken) continue;
      if (event.position <= lastPosition) {
        tails.set(event.streamId, { revision: event.revision, position: event.position, hash: null, broken: true });
        broke(brokenAt(event, 'events reordered', `position ${event.position} is read after position ${lastPosition}`));
        continue;
      }
      lastPosition = event.position;
      const checked = check(tail, event, chainFrom);
      const step = 'suspect' in checked ? await this.step(tail, event, chainFrom) : checked;
      if ('break' in step) {
        tails.set(event.streamId, { ...(tail ?? { revision: -1n, position: event.position, hash: null }), broken: true });
        broke(step.break);
        continue;
      }
      if (step.legacy) report.unhashedBeforeChain += 1;
      tails.set(event.streamId, step.tail);
    }
    onProgress?.(head, head);
    if (this.reader.streamHeads) {
      for await (const recorded of this.reader.streamHeads()) {
        const tail = tails.get(recorded.streamId);
        if (tail?.broken) continue;
        const lastFound = tail?.revision ?? -1n;
        if (lastFound < recorded.revision) {
          tails.set(recorded.streamId, { revision: lastFound, position: -1n, hash: null, broken: true });
          broke({
            streamId: recorded.streamId,
            revision: lastFound + 1n,
            position: null,
            reason: 'event missing',
            detail: `the stream ends at revision ${recorded.revision} as recorded at its last append, but its events end at ${lastFound < 0n ? 'none' : `revision ${lastFound}`}`,
          });
        } else if (tail && tail.revision === recorded.revision && recorded.hash !== null && tail.hash !== recorded.hash) {
          broke({
            streamId: recorded.streamId,
            revision: tail.revision,
            position: tail.position,
            reason: 'data changed',
            detail: 'the last event chains, but its hash is not the one recorded at its append (the event and its hash were both rewritten)',
          });
        }
      }
    }
    report.streams = tails.size;
    return report;
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    const chainFrom = await this.reader.hashChainFrom();
    const outcome: StreamVerification = { streamId, events: 0, unhashedBeforeChain: 0, firstBreak: null };
    let tail: Tail | undefined;
    for await (const event of this.reader.readStoredStream(streamId)) {
      outcome.events += 1;
      // Past the first break the events are only counted.
      if (outcome.firstBreak) continue;
      if (tail && event.position <= tail.position) {
        outcome.firstBreak = brokenAt(event, 'events reordered', `revision ${event.revision} is at position ${event.position}, before revision ${tail.revision} at ${tail.position}`);
        continue;
      }
      const step = await this.step(tail, event, chainFrom);
      if ('break' in step) {
        outcome.firstBreak = step.break;
        continue;
      }
      if (step.legacy) outcome.unhashedBeforeChain += 1;
      tail = step.tail;
    }
    return outcome;
  }

  /** One event against its stream's tail: the new tail, or what does not match (the search for where it went only on a break). */
  private async step(tail: Tail | undefined, event: StoredEvent, chainFrom: bigint): Promise<Step> {
    const checked = check(tail, event, chainFrom);
    if (!('suspect' in checked)) return checked;
    if (checked.suspect === 'gap') {
      const elsewhere = await this.find(event.streamId, checked.expected, 1);
      if (elsewhere.length > 0 && elsewhere[0].revision === checked.expected) {
        return { break: brokenAt(event, 'events reordered', `revision ${event.revision} comes before revision ${checked.expected} (at position ${elsewhere[0].position})`) };
      }
      return { break: { ...brokenAt(event, 'event missing', `revision ${checked.expected} is not in the log; the next event of the stream is revision ${event.revision}`), revision: checked.expected } };
    }
    const moved = await this.movedContent(event, checked.previous);
    if (moved) return { break: brokenAt(event, 'events reordered', `revision ${event.revision} holds content written at another revision; what was written here is now at revision ${moved.revision} (position ${moved.position})`) };
    return { break: brokenAt(event, 'data changed', 'the type, data or metadata stored differ from what was hashed at append') };
  }

  /** A later event of the stream whose content (data alone, or all of it) is what this event was hashed with. */
  private async movedContent(event: StoredEvent, previous: string): Promise<StoredEvent | null> {
    for (const later of await this.find(event.streamId, event.revision + 1n, LOOKAHEAD)) {
      if (chainHash(previous, event.type, later.dataJson, event.metadataJson) === event.hash) return later;
      if (chainHash(previous, later.type, later.dataJson, later.metadataJson) === event.hash) return later;
    }
    return null;
  }

  private async find(streamId: string, fromRevision: bigint, maxCount: number): Promise<StoredEvent[]> {
    const found: StoredEvent[] = [];
    for await (const event of this.reader.readStoredStream(streamId, fromRevision, maxCount)) found.push(event);
    return found;
  }
}

type Suspect = { suspect: 'gap'; expected: bigint } | { suspect: 'mismatch'; previous: string };

/** The synchronous check of one event: most events take only this path. */
function check(tail: Tail | undefined, event: StoredEvent, chainFrom: bigint): Step | Suspect {
  const expected = tail ? tail.revision + 1n : 0n;
  if (event.revision > expected) return { suspect: 'gap', expected };
  if (event.revision < expected) {
    return { break: brokenAt(event, 'events reordered', `revision ${event.revision} comes after revision ${tail?.revision}`) };
  }
  if (event.hash === null) {
    if (event.position <= chainFrom && (tail === undefined || tail.hash === null)) {
      return { tail: { revision: event.revision, position: event.position, hash: null }, legacy: true };
    }
    const why = event.position <= chainFrom ? 'the event has no hash though an earlier event of its stream has one' : `the event has no hash, and every event after position ${chainFrom} must have one`;
    return { break: brokenAt(event, 'hash missing', why) };
  }
  const previous = tail?.hash ?? GENESIS_HASH;
  if (chainHash(previous, event.type, event.dataJson, event.metadataJson) !== event.hash) return { suspect: 'mismatch', previous };
  return { tail: { revision: event.revision, position: event.position, hash: event.hash }, legacy: false };
}

function brokenAt(event: StoredEvent, reason: ChainBreakReason, detail: string): ChainBreak {
  return { streamId: event.streamId, revision: event.revision, position: event.position, reason, detail };
}

/** One line naming a break, as the command line prints it. */
export function describeBreak(found: ChainBreak): string {
  return `${found.streamId} revision ${found.revision}${found.position === null ? '' : ` position ${found.position}`}: ${found.reason} (${found.detail})`;
}
