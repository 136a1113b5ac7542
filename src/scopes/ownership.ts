import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { Decider } from '../shared/decider';

/** How one aggregate type says which organisations own it (null: it does not exist). */
export interface OwnershipDefinition<S = any> {
  type: string;
  decider: Decider<S, any, any, any>;
  stream: (id: string) => string;
  owners: (state: S) => string[] | null;
}

/** A stream's owners: organisation ids, `directory` (readable by every token), or null (unknown: `*` tokens only). */
export type StreamOwners = string[] | 'directory' | null;

/**
 * "Which organisations own this resource", resolved once per aggregate type from the aggregate's
 * own stream: what command, single-read and audit scope checks ask.
 */
@Injectable()
export class Ownerships {
  private readonly definitions = new Map<string, OwnershipDefinition>();
  /** Stream prefix → aggregate type, or `directory` for streams of published directories. */
  private readonly prefixes = new Map<string, string>();

  constructor(private readonly commands: CommandHandling) {}

  register<S>(definition: OwnershipDefinition<S>): void {
    if (this.definitions.has(definition.type)) throw new Error(`Ownership of ${definition.type} is registered twice`);
    this.definitions.set(definition.type, definition);
    this.prefixes.set(definition.stream(''), definition.type);
  }

  /** Streams any audit token may read: published directories (academic years, claim windows, the subject tree). */
  registerDirectory(streamPrefix: string): void {
    this.prefixes.set(streamPrefix, DIRECTORY);
  }

  types(): string[] {
    return [...this.definitions.keys()].sort();
  }

  async ownersOf(type: string, id: string): Promise<string[] | null> {
    const definition = this.definitions.get(type);
    if (!definition) throw new Error(`No ownership is registered for ${type}`);
    const loaded = await this.commands.load(definition.decider, definition.stream(id));
    return loaded.revision === null ? null : definition.owners(loaded.state);
  }

  /**
   * Owners of a stream by its name. Stream ids can be read more than one way (`claim-window-x` is
   * window `x` or claim `window-x`): every reading must agree before a scoped token may read it.
   */
  async ownersOfStream(streamId: string): Promise<StreamOwners[]> {
    const readings: StreamOwners[] = [];
    for (const [prefix, type] of this.prefixes) {
      if (!streamId.startsWith(prefix) || streamId.length === prefix.length) continue;
      readings.push(type === DIRECTORY ? 'directory' : await this.ownersOf(type, streamId.slice(prefix.length)));
    }
    return readings.length ? readings : [null];
  }
}

const DIRECTORY = '\u0000directory';
