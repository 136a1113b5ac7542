import { Inject, Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { Decider } from '../shared/decider';

/** How one aggregate type says which organisations own it (null: it does not exist). */
export interface OwnershipDefinition<S = any> {
  type: string;
  decider: Decider<S, any, any, any>;
  stream: (id: string) => string;
  /** The event types its streams hold: how an audit answer tells `claim-window-x` (a window) from a claim `window-x`. */
  eventTypes: ReadonlySet<string>;
  owners: (state: S) => string[] | null;
  /** Owners no later event changes once the aggregate exists (a student's district): remembered, so a check they settle reads nothing. */
  permanentOwners?: (state: S) => string[];
}

/** A stream's owners: organisation ids, `directory` (readable by every token), or null (unknown: `*` tokens only). */
export type StreamOwners = string[] | 'directory' | null;

/** Aggregates whose permanent owners are remembered; past this many the oldest are forgotten. */
const PERMANENT_KEPT = 200_000;

interface StreamKind {
  prefix: string;
  eventTypes: ReadonlySet<string>;
  type: string | null;
}

/**
 * "Which organisations own this resource", resolved once per aggregate type from the aggregate's
 * own stream: what command, single-read and audit scope checks ask.
 */
@Injectable()
export class Ownerships {
  private readonly definitions = new Map<string, OwnershipDefinition>();
  private readonly kinds: StreamKind[] = [];
  private readonly permanent = new Map<string, readonly string[]>();

  constructor(
    private readonly commands: CommandHandling,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  register<S>(definition: OwnershipDefinition<S>): void {
    if (this.definitions.has(definition.type)) throw new Error(`Ownership of ${definition.type} is registered twice`);
    this.definitions.set(definition.type, definition);
    this.kinds.push({ prefix: definition.stream(''), eventTypes: definition.eventTypes, type: definition.type });
  }

  /** Streams any audit token may read: published directories (academic years, claim windows, the subject tree). */
  registerDirectory(streamPrefix: string, eventTypes: ReadonlySet<string>): void {
    this.kinds.push({ prefix: streamPrefix, eventTypes, type: null });
  }

  types(): string[] {
    return [...this.definitions.keys()].sort();
  }

  async ownersOf(type: string, id: string): Promise<string[] | null> {
    const definition = this.definitions.get(type);
    if (!definition) throw new Error(`No ownership is registered for ${type}`);
    const loaded = await this.commands.load(definition.decider, definition.stream(id));
    if (loaded.revision === null) return null;
    if (definition.permanentOwners) this.rememberPermanent(`${type}\u0000${id}`, definition.permanentOwners(loaded.state));
    return definition.owners(loaded.state);
  }

  /** Owners of an aggregate that no event changes, if this process has loaded it (from memory, never stale); else undefined. */
  permanentOwnersOf(type: string, id: string): readonly string[] | undefined {
    return this.permanent.get(`${type}\u0000${id}`);
  }

  private rememberPermanent(key: string, owners: string[]): void {
    if (this.permanent.has(key)) return;
    if (this.permanent.size >= PERMANENT_KEPT) this.permanent.delete(this.permanent.keys().next().value as string);
    this.permanent.set(key, owners);
  }

  /**
   * The same for the aggregate a create names, which mostly does not exist yet: one event is read to
   * find out, so a new id costs no fold and no snapshot lookup.
   */
  async ownersIfExists(type: string, id: string): Promise<string[] | null> {
    const definition = this.definitions.get(type);
    if (!definition) throw new Error(`No ownership is registered for ${type}`);
    for await (const _ of this.events.readStream(definition.stream(id), { fromRevision: 0n, maxCount: 1 })) return this.ownersOf(type, id);
    return null;
  }

  /** Owners of a stream by its name and the type of its first event; streams of no registered kind (registries, reservations) are null. */
  async ownersOfStream(streamId: string): Promise<StreamOwners> {
    let firstType: string | undefined;
    for await (const event of this.events.readStream(streamId, { fromRevision: 0n, maxCount: 1 })) firstType = event.type;
    if (firstType === undefined) return null;
    const kind = this.kinds.find((k) => streamId.startsWith(k.prefix) && streamId.length > k.prefix.length && k.eventTypes.has(firstType!));
    if (!kind) return null;
    return kind.type === null ? 'directory' : this.ownersOf(kind.type, streamId.slice(kind.prefix.length));
  }
}
