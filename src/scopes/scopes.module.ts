import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CommandHandling } from '../event-store/command-handling';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { ActingUserCheck } from './acting-user-check';
import { CommandScopeCheck } from './command-scope-check';
import { OrganisationScope } from './organisation-scope';
import { Ownerships } from './ownership';
import { ORGANISATION_TREE, OrganisationTree } from '../auth/read-scope';
import { ScopeInterceptor } from './scope.interceptor';

/** Organisation scopes: ownership per aggregate, the command check, and the read rules' interceptor (after read consistency's). */
@Global()
@Module({})
export class ScopesModule {
  static register(tree: Type<OrganisationTree>): DynamicModule {
    return {
      module: ScopesModule,
      providers: [
        Ownerships,
        { provide: OrganisationScope, inject: [CommandHandling], useFactory: (commands: CommandHandling) => new OrganisationScope(new OrganisationLookup(commands)) },
        CommandScopeCheck,
        ActingUserCheck,
        { provide: ORGANISATION_TREE, useClass: tree },
        { provide: APP_INTERCEPTOR, useClass: ScopeInterceptor },
      ],
      exports: [Ownerships, OrganisationScope, CommandScopeCheck, ActingUserCheck],
    };
  }
}
