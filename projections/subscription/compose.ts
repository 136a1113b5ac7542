import type { IndexSpec } from '../../src/read-store/document-store.port';
import type { RecordedEvent } from '../../src/shared/event';
import type { ProjectionContext, ProjectionDefinition } from './projection';

/** A part of a read model fed by one context's events (e.g. the enrollments section of the student record). */
export interface ProjectionPart {
  handles: ReadonlySet<string>;
  apply(event: RecordedEvent, context: ProjectionContext): Promise<void>;
}

/** One projection (one checkpoint, one rebuild) made of parts that each own some event types. */
export function composeProjection(
  name: string,
  version: number,
  collections: Record<string, IndexSpec[]>,
  parts: ProjectionPart[],
): ProjectionDefinition {
  const byType = new Map<string, ProjectionPart[]>();
  for (const part of parts) for (const type of part.handles) byType.set(type, [...(byType.get(type) ?? []), part]);
  return {
    name,
    version,
    collections,
    handles: new Set(byType.keys()),
    async apply(event, context) {
      for (const part of byType.get(event.type) ?? []) await part.apply(event, context);
    },
  };
}
