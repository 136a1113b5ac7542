import { Injectable } from '@nestjs/common';
import { CommandHandling } from '../event-store/command-handling';
import { staffUserDecider, StaffUserState } from './staff-user.decider';
import { staffUserStream } from './staff-user.stream';

export type { StaffUserState } from './staff-user.decider';

/** Staff users as their own streams say they are now: who may act for which organisation. */
@Injectable()
export class StaffUserLookup {
  constructor(private readonly commands: CommandHandling) {}

  async get(userId: string): Promise<StaffUserState> {
    return (await this.commands.load(staffUserDecider, staffUserStream(userId))).state;
  }
}
