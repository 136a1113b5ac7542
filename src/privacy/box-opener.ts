import { Worker } from 'node:worker_threads';
import { withSecret } from './event-cipher';

/** The key of event i is bytes `i * KEY_BYTES` to `(i + 1) * KEY_BYTES` of `SealedDataRequest.keys`. */
export const KEY_BYTES = 32;

/**
 * Events' stored data to open, as parallel arrays: event i's data is the JSON text `texts[i]`, its
 * personal fields sealed in a box under `sealedField`, opened with key i of `keys` (all end to end:
 * one buffer to hand over, however many students) and the associated data `aads[i]`.
 */
export interface SealedDataRequest {
  sealedField: string;
  texts: string[];
  aads: string[];
  keys: Uint8Array;
}

/**
 * The opened data of every event as one JSON array (so the reader makes them all with one parse), in
 * the request's order; a text without a box at `sealedField` comes back as it was. An event whose box
 * did not open is null there, and listed in `failures` (in order) with why.
 */
export interface OpenedData {
  json: string;
  failures: { index: number; error: string }[];
}

/**
 * Opens the boxes (AES-256-GCM, laid out as `seal` in key-ring.ts writes them) and puts each event's
 * fields back in their places. Self-contained (its source is also what the worker runs), so it is
 * handed `require` and `withSecret` rather than importing them.
 */
function openSealedData(load: (id: string) => unknown, merge: typeof withSecret, request: SealedDataRequest): OpenedData {
  const { createDecipheriv } = load('node:crypto') as typeof import('node:crypto');
  const IV = 12;
  const TAG = 16;
  const KEY = 32; // KEY_BYTES
  const keys = Buffer.from(request.keys.buffer, request.keys.byteOffset, request.keys.byteLength);
  const parts: string[] = new Array(request.texts.length);
  const failures: OpenedData['failures'] = [];
  for (let i = 0; i < request.texts.length; i++) {
    const text = request.texts[i];
    try {
      const data = JSON.parse(text) as Record<string, unknown>;
      const sealed = typeof data === 'object' && data !== null ? (data[request.sealedField] as { order: string[]; box: string } | undefined) : undefined;
      if (sealed === undefined) {
        parts[i] = text;
        continue;
      }
      const box = Buffer.from(sealed.box, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', keys.subarray(i * KEY, (i + 1) * KEY), box.subarray(0, IV));
      decipher.setAAD(Buffer.from(request.aads[i]));
      decipher.setAuthTag(box.subarray(IV, IV + TAG));
      const body = decipher.update(box.subarray(IV + TAG));
      const tail = decipher.final();
      const secret = JSON.parse((tail.length === 0 ? body : Buffer.concat([body, tail])).toString('utf8')) as Record<string, unknown>;
      parts[i] = JSON.stringify(merge(data, sealed.order, secret));
    } catch (error) {
      parts[i] = 'null';
      failures.push({ index: i, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { json: `[${parts.join(',')}]`, failures };
}

/** The worker's answer to no request: it has loaded and listens (also flagged in `workerData.ready`, which the caller reads without waiting for its event loop). */
const READY = -1;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const withSecret = ${withSecret.toString()};
const openSealedData = ${openSealedData.toString()};
parentPort.on('message', ({ id, request }) => parentPort.postMessage({ id, answer: openSealedData(require, withSecret, request) }));
Atomics.store(workerData.ready, 0, 1);
parentPort.postMessage({ id: ${READY} });
`;

/** Fewer events than this are opened on the calling thread: a round trip to the worker would cost more. */
const WORKER_FROM = 200;

/**
 * Opens sealed event data: large batches (a page of a rebuild) on a worker thread, so the next page
 * is decrypted while the reader applies the current one; small ones here. The worker starts on first
 * use (batches that come while it starts are opened here rather than wait for it), does not keep
 * the process alive, and any failure of its own falls back to opening here.
 */
export class BoxOpener {
  private worker: Worker | null = null;
  /** Settles once the worker listens (true) or could not start (false). */
  private startup: Promise<boolean> | null = null;
  /** Set to 1 by the worker once it listens: read as is, since a reader busy on this thread may not turn its event loop for a while. */
  private ready = new Int32Array(new SharedArrayBuffer(4));
  private broken = false;
  private nextId = 0;
  /** Events the worker has opened: the fallback is silent, so tests and diagnostics check this. */
  openedOnWorker = 0;
  private readonly pending = new Map<number, { resolve(answer: OpenedData): void; reject(error: Error): void }>();

  constructor(private readonly workerFrom = WORKER_FROM) {}

  async open(request: SealedDataRequest): Promise<OpenedData> {
    if (request.texts.length < this.workerFrom || this.broken) return openSealedData(require, withSecret, request);
    if (!this.worker) this.start();
    if (!this.listening) return openSealedData(require, withSecret, request);
    try {
      const answer = await this.onWorker(request);
      this.openedOnWorker += request.texts.length;
      return answer;
    } catch {
      this.broken = true;
      return openSealedData(require, withSecret, request);
    }
  }

  /** Whether the worker has started and listens: batches go to it from then on. */
  get listening(): boolean {
    return this.worker !== null && Atomics.load(this.ready, 0) === 1;
  }

  /** Starts the worker if it is not running yet; true once it runs, false when it cannot (everything then opens here). */
  started(): Promise<boolean> {
    if (this.broken) return Promise.resolve(false);
    if (!this.worker) this.start();
    return this.startup ?? Promise.resolve(false);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.broken = true;
    if (worker) await worker.terminate();
  }

  private onWorker(request: SealedDataRequest): Promise<OpenedData> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<OpenedData>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, request });
      if (this.pending.size === 1) worker.ref();
    });
  }

  private start(): Worker {
    this.ready = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ready: this.ready } });
    worker.unref();
    let settle: (running: boolean) => void = () => undefined;
    this.startup = new Promise<boolean>((resolve) => (settle = resolve));
    worker.once('exit', () => settle(false));
    worker.on('message', ({ id, answer }: { id: number; answer: OpenedData }) => {
      if (id === READY) return settle(this.worker === worker);
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      waiting?.resolve(answer);
    });
    const fail = (error: Error) => {
      this.broken = true;
      this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The decrypting worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
