import type { StreamingRead } from '@eventstore/db-client';

/** Iterates a client read and cancels the call when the caller stops early (a break would leave it open). */
export async function* drain<E>(read: StreamingRead<E>): AsyncGenerator<E> {
  let finished = false;
  try {
    for await (const item of read) yield item;
    finished = true;
  } finally {
    if (!finished) await read.cancel().catch(() => undefined);
  }
}
