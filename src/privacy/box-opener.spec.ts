import { randomBytes } from 'node:crypto';
import { BoxOpener, KEY_BYTES, SealedDataRequest } from './box-opener';
import { aadTextOf, SEALED, sealFields } from './event-cipher';

const where = (i: number) => ({ streamId: `student-st-${i}`, eventId: `e-${i}`, type: 'StudentRegistered' });
const data = (i: number) => ({ studentId: `st-${i}`, givenName: `Ada ${i}`, grades: ['05'] });

function requestOf(count: number): SealedDataRequest {
  const keys = new Uint8Array(KEY_BYTES * count);
  const texts: string[] = [];
  const aads: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = randomBytes(KEY_BYTES);
    keys.set(key, i * KEY_BYTES);
    const w = where(i);
    texts.push(JSON.stringify(sealFields(data(i), ['givenName'], key, w)));
    aads.push(aadTextOf(w.streamId, w.eventId, w.type));
  }
  return { sealedField: SEALED, texts, aads, keys };
}

/** A fresh opener (one worker) for `use`, closed afterwards whatever happens. */
async function withOpener(use: (opener: BoxOpener) => Promise<void>): Promise<void> {
  const opener = new BoxOpener(1);
  try {
    await use(opener);
  } finally {
    await opener.close();
  }
}

describe('BoxOpener', () => {
  it('a batch that comes while the worker starts is opened here, and the next ones on the worker, with the same answer', () =>
    withOpener(async (opener) => {
      const request = requestOf(3);
      const expected = JSON.stringify([0, 1, 2].map(data));
      expect((await opener.open(request)).json).toBe(expected);
      expect(opener.openedOnWorker).toBe(0);
      expect(await opener.started()).toBe(true);
      expect(await opener.open(request)).toEqual({ json: expected, failures: [] });
      expect(opener.openedOnWorker).toBe(3);
    }));

  it('a reader that never lets its event loop turn still hands batches to the worker once it listens', () =>
    withOpener(async (opener) => {
      const request = requestOf(2);
      await opener.open(request);
      // This thread blocked (no event loop turn, as in a rebuild busy with its pages) until the worker listens.
      for (let waited = 0; waited < 10_000 && !opener.listening; waited += 20) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      expect(opener.listening).toBe(true);
      expect(JSON.parse((await opener.open(request)).json)).toEqual([data(0), data(1)]);
      expect(opener.openedOnWorker).toBe(2);
    }));

  it('a box opened with another key fails alone, named by its index', () =>
    withOpener(async (opener) => {
      const request = requestOf(3);
      request.keys.copyWithin(KEY_BYTES, 0, KEY_BYTES);
      for (const started of [false, true]) {
        if (started) await opener.started();
        const answer = await opener.open(request);
        expect(JSON.parse(answer.json)).toEqual([data(0), null, data(2)]);
        expect(answer.failures).toEqual([{ index: 1, error: expect.stringMatching(/authenticate/) }]);
      }
      expect(opener.openedOnWorker).toBe(3);
    }));
});
