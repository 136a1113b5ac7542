import { Worker } from 'node:worker_threads';

/** Boxes to open, as parallel arrays: box i is `boxes[i]` (base64 of iv ‖ tag ‖ ciphertext), opened with `keys[keyOf[i]]` and the associated data `aads[i]`. */
export interface BoxRequest {
  keys: Uint8Array[];
  keyOf: number[];
  boxes: string[];
  aads: string[];
}

/** Per box, its plaintext as UTF-8 text, or (text null) why it did not open. */
export interface BoxAnswer {
  texts: (string | null)[];
  errors: (string | null)[];
}

/**
 * AES-256-GCM opening of many boxes, laid out as `seal` in key-ring.ts writes them. Self-contained
 * (its source is also what the worker runs), so it takes `require` rather than importing.
 */
function openBoxes(load: (id: string) => unknown, request: BoxRequest): BoxAnswer {
  const { createDecipheriv } = load('node:crypto') as typeof import('node:crypto');
  const IV = 12;
  const TAG = 16;
  const texts: (string | null)[] = new Array(request.boxes.length).fill(null);
  const errors: (string | null)[] = new Array(request.boxes.length).fill(null);
  for (let i = 0; i < request.boxes.length; i++) {
    try {
      const sealed = Buffer.from(request.boxes[i], 'base64');
      const decipher = createDecipheriv('aes-256-gcm', request.keys[request.keyOf[i]], sealed.subarray(0, IV));
      decipher.setAAD(Buffer.from(request.aads[i]));
      decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
      const body = decipher.update(sealed.subarray(IV + TAG));
      const tail = decipher.final();
      texts[i] = (tail.length === 0 ? body : Buffer.concat([body, tail])).toString('utf8');
    } catch (error) {
      errors[i] = error instanceof Error ? error.message : String(error);
    }
  }
  return { texts, errors };
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const openBoxes = ${openBoxes.toString()};
parentPort.on('message', ({ id, request }) => parentPort.postMessage({ id, answer: openBoxes(require, request) }));
`;

/** Fewer boxes than this are opened on the calling thread: a round trip to the worker would cost more. */
const WORKER_FROM = 200;

/**
 * Opens sealed boxes: large batches (a page of a rebuild) on a worker thread, so the next page is
 * decrypted while the reader applies the current one; small ones here. The worker starts on first
 * use, does not keep the process alive, and any failure of its own falls back to opening here.
 */
export class BoxOpener {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 0;
  /** Boxes the worker has opened: the fallback is silent, so tests and diagnostics check this. */
  openedOnWorker = 0;
  private readonly pending = new Map<number, { resolve(answer: BoxAnswer): void; reject(error: Error): void }>();

  constructor(private readonly workerFrom = WORKER_FROM) {}

  async open(request: BoxRequest): Promise<BoxAnswer> {
    if (request.boxes.length < this.workerFrom || this.broken) return openBoxes(require, request);
    try {
      const answer = await this.onWorker(request);
      this.openedOnWorker += request.boxes.length;
      return answer;
    } catch {
      this.broken = true;
      return openBoxes(require, request);
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.broken = true;
    if (worker) await worker.terminate();
  }

  private onWorker(request: BoxRequest): Promise<BoxAnswer> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<BoxAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, request });
      if (this.pending.size === 1) worker.ref();
    });
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', ({ id, answer }: { id: number; answer: BoxAnswer }) => {
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
