import type { ProjectionDefinition } from '../../projections/subscription/projection';

/** Counts `Counted` events per stream and in all, read-modify-write: applying an event twice would show. */
export const tally = (name: string): ProjectionDefinition => ({
  name,
  version: 1,
  collections: { [`${name}_streams`]: [], [`${name}_totals`]: [] },
  handles: new Set(['Counted']),
  async apply(event, context) {
    await context.collection<{ n: number }>(`${name}_streams`).update(event.streamId, (doc) => ({ n: (doc?.n ?? 0) + 1 }));
    await context.collection<{ n: number }>(`${name}_totals`).update('total', (doc) => ({ n: (doc?.n ?? 0) + 1 }));
  },
});
