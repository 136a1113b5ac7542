import { RecordedEvent } from '../shared/event';

/** Turns an old stored shape of one event type into the current one; keyed by type and the schema version it upgrades from. */
export type Upcaster = (data: unknown) => unknown;

const upcasters = new Map<string, Map<number, Upcaster>>();

export const CURRENT_SCHEMA_VERSION = 1;

export function registerUpcaster(type: string, fromVersion: number, upcast: Upcaster): void {
  const byVersion = upcasters.get(type) ?? new Map<number, Upcaster>();
  byVersion.set(fromVersion, upcast);
  upcasters.set(type, byVersion);
}

/** Applies every upcaster from the event's stored version on; events are never rewritten in the store. */
export function upcast(event: RecordedEvent): RecordedEvent {
  const byVersion = upcasters.get(event.type);
  if (!byVersion) return event;
  let version = event.metadata.schemaVersion ?? 1;
  let data = event.data;
  for (let step = byVersion.get(version); step; step = byVersion.get(version)) {
    data = step(data);
    version += 1;
  }
  return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
}
