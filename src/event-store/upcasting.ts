import { EventMetadata, RecordedEvent } from '../shared/event';

/**
 * Turns one stored shape of an event type into the next; keyed by type and the schema version it
 * upgrades from. Given the metadata too, for shapes whose meaning depended on who wrote them.
 */
export type Upcaster = (data: unknown, metadata: EventMetadata) => unknown;

const upcasters = new Map<string, Map<number, Upcaster>>();

/** The schema version of an event type with no upcasters. */
export const CURRENT_SCHEMA_VERSION = 1;

export function registerUpcaster(type: string, fromVersion: number, upcast: Upcaster): void {
  const byVersion = upcasters.get(type) ?? new Map<number, Upcaster>();
  byVersion.set(fromVersion, upcast);
  upcasters.set(type, byVersion);
}

/** The version new events of this type are written with: one past the last upcaster. */
export function schemaVersionOf(type: string): number {
  const byVersion = upcasters.get(type);
  let version = CURRENT_SCHEMA_VERSION;
  while (byVersion?.has(version)) version += 1;
  return version;
}

/** The metadata for a new event of this type (the same object when its version is the default). */
export function withSchemaVersion(metadata: EventMetadata, type: string): EventMetadata {
  const version = schemaVersionOf(type);
  return version === metadata.schemaVersion ? metadata : { ...metadata, schemaVersion: version };
}

/** Applies every upcaster from the event's stored version on; events are never rewritten in the store. */
export function upcast(event: RecordedEvent): RecordedEvent {
  const byVersion = upcasters.get(event.type);
  if (!byVersion) return event;
  let version = event.metadata.schemaVersion ?? 1;
  let data = event.data;
  for (let step = byVersion.get(version); step; step = byVersion.get(version)) {
    data = step(data, event.metadata);
    version += 1;
  }
  return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
}
