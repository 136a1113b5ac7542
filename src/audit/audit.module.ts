import { Module } from '@nestjs/common';
import { AggregateStates } from './aggregate-states';
import { AuditController } from './audit.controller';
import { IntegrityController } from './integrity.controller';
import { StateController } from './state.controller';

@Module({ controllers: [AuditController, IntegrityController, StateController], providers: [AggregateStates], exports: [AggregateStates] })
export class AuditModule {}
