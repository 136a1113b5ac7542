/** `DURABILITY` as the service reads it (src/config): `process` (synchronous=NORMAL) or `power` (FULL: an fsync per commit). */
export type Durability = 'process' | 'power';

/** How a row measured under a durability is named: `-power` after the id, and said in its name; `process` is the default and unmarked. */
export function durabilityOf(durability: Durability) {
  const power = durability === 'power';
  return {
    suffix: power ? '-power' : '',
    synchronous: power ? ('full' as const) : ('normal' as const),
    named: (name: string) => (power ? `${name}, DURABILITY=power` : name),
  };
}
