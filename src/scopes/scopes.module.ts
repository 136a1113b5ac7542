import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { OrganisationAncestry } from '../organisations/organisation.ancestry';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { ActingUserCheck } from './acting-user-check';
import { CommandScopeCheck } from './command-scope-check';
import { OrganisationScope } from './organisation-scope';
import { Ownerships } from './ownership';
import { ORGANISATION_TREE, OrganisationTree } from '../auth/read-scope';
import { ScopeInterceptor } from './scope.interceptor';

/** Organisation scopes: ownership per aggregate, organisations' ancestry (cached), the command check, and the read rules' interceptor (after read consistency's). */
@Global()
@Module({})
export class ScopesModule {
  static register(tree: Type<OrganisationTree>): DynamicModule {
    return {
      module: ScopesModule,
      providers: [
        Ownerships,
        OrganisationLookup,
        OrganisationAncestry,
        OrganisationScope,
        CommandScopeCheck,
        ActingUserCheck,
        { provide: ORGANISATION_TREE, useClass: tree },
        { provide: APP_INTERCEPTOR, useClass: ScopeInterceptor },
      ],
      exports: [Ownerships, OrganisationScope, OrganisationAncestry, CommandScopeCheck, ActingUserCheck],
    };
  }
}
