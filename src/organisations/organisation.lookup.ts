import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { organisationDecider, OrganisationState, ParentLookup } from './organisation.decider';
import { organisationStream } from './organisation.stream';

const MAX_DEPTH = 16;

/** Organisations as their own streams say they are now: what other aggregates check against. */
@Injectable()
export class OrganisationLookup {
  constructor(private readonly commands: CommandHandling) {}

  async get(organisationId: string): Promise<OrganisationState> {
    return (await this.commands.load(organisationDecider, organisationStream(organisationId))).state;
  }

  async parent(parentId: string): Promise<ParentLookup> {
    const parent = await this.get(parentId);
    const ancestorIds: string[] = [];
    let next = parent.status === 'none' ? undefined : parent.parentId;
    while (next && ancestorIds.length < MAX_DEPTH && !ancestorIds.includes(next)) {
      ancestorIds.push(next);
      const ancestor = await this.get(next);
      next = ancestor.status === 'none' ? undefined : ancestor.parentId;
    }
    return {
      id: parentId,
      type: parent.status === 'none' ? null : parent.type,
      closed: parent.status === 'closed',
      ancestorIds,
    };
  }
}
