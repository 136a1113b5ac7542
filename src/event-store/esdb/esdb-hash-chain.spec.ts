import { NewEvent, RecordedEvent } from '../../shared/event';
import { chainHashes } from '../hash-chain';
import { toEventData, toRecorded } from './esdb-events';
import { CHAIN_HASH_KEY, chainedAppend, splitChainHash } from './esdb-hash-chain';
import { TEST_METADATA as metadata } from '../../../test/support/event-builders';

const newEvent = (n: number): NewEvent => ({ eventId: `00000000-0000-4000-8000-00000000000${n}`, type: 'StudentRegistered', data: { n }, metadata });
const tail = (revision: bigint, hash: string, eventId = 'e-tail'): RecordedEvent => ({
  eventId,
  streamId: 'student-1',
  type: 'StudentRegistered',
  data: {},
  metadata,
  revision,
  position: 10n,
  hash,
});

describe('the hash chain on EventStoreDB (computed in the adapter from the loaded tail)', () => {
  it("chains the new events to the tail's hash, or to the genesis hash on a new stream", () => {
    const events = [newEvent(1), newEvent(2)];
    expect(chainedAppend(undefined, events, 'no_stream').hashes).toEqual(chainHashes(null, events));
    expect(chainedAppend(tail(4n, 'abc'), events, 4n).hashes).toEqual(chainHashes('abc', events));
  });

  it('pins any and stream_exists to the revision of the tail the hashes follow, so a concurrent append fails this one instead of forking the chain', () => {
    expect(chainedAppend(tail(4n, 'abc'), [newEvent(1)], 'any').expected).toBe(4n);
    expect(chainedAppend(tail(4n, 'abc'), [newEvent(1)], 'stream_exists').expected).toBe(4n);
    expect(chainedAppend(undefined, [newEvent(1)], 'any').expected).toBe('no_stream');
    expect(chainedAppend(tail(4n, 'abc'), [newEvent(1)], 7n).expected).toBe(7n);
  });

  it('keeps the caller\'s expectation for a repeat of the events at the tail, so the server answers it as a repeat', () => {
    const events = [newEvent(1), newEvent(2)];
    expect(chainedAppend(tail(4n, 'abc', events[1].eventId), events, 'any').expected).toBe('any');
  });

  it('stores the hash beside the metadata and reads it back apart from it', () => {
    const [hash] = chainHashes(null, [newEvent(1)]);
    const data = toEventData(newEvent(1), hash);
    expect(data.metadata).toEqual({ ...metadata, [CHAIN_HASH_KEY]: hash });
    expect(splitChainHash(data.metadata)).toEqual({ metadata, hash });
    expect(splitChainHash(metadata)).toEqual({ metadata });
    const recorded = toRecorded({
      event: { id: 'x', streamId: 'student-1', type: 'StudentRegistered', data: { n: 1 }, metadata: data.metadata, revision: 0n, position: { commit: 5n, prepare: 5n } },
    } as never);
    expect(recorded).toMatchObject({ metadata, hash });
  });
});
