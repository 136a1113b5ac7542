import { Injectable } from '@nestjs/common';
import { Principal, seesEverything } from '../auth/token';
import { CommandHandling } from '../event-store/command-handling';
import { ApiError } from '../http/api-error';
import { staffUserDecider } from '../staff-users/staff-user.decider';
import { staffUserStream } from '../staff-users/staff-user.stream';
import { OrganisationScope } from './organisation-scope';

const unknownActingUser = () =>
  new ApiError(403, 'UnknownActingUser', "X-Acting-User must name an active user with a membership within this token's organisations.");

/**
 * `X-Acting-User` is trusted only from tokens that sign people in themselves (`actingUsers`), and
 * only for an active user who is a member somewhere within the token's scope (support users: `*` tokens only).
 */
@Injectable()
export class ActingUserCheck {
  constructor(
    private readonly commands: CommandHandling,
    private readonly scope: OrganisationScope,
  ) {}

  async check(principal: Principal, actingUserId: string | undefined): Promise<void> {
    if (actingUserId === undefined) return;
    if (!principal.actingUsers) {
      throw new ApiError(403, 'ActingUserNotAllowed', 'This token may not name an acting user; leave X-Acting-User out or use a token with actingUsers.');
    }
    const user = (await this.commands.load(staffUserDecider, staffUserStream(actingUserId))).state;
    if (user.status !== 'active') throw unknownActingUser();
    for (const membership of user.memberships) {
      if (membership.role === 'support' ? seesEverything(principal) : await this.scope.covers(principal, [membership.organisationId])) return;
    }
    throw unknownActingUser();
  }
}
