import { Module } from '@nestjs/common';
import { AggregateStates } from './aggregate-states';
import { PrivacyModule } from '../privacy/privacy.module';
import { AuditController } from './audit.controller';
import { IntegrityController } from './integrity.controller';
import { StateController } from './state.controller';

@Module({ imports: [PrivacyModule], controllers: [AuditController, IntegrityController, StateController], providers: [AggregateStates], exports: [AggregateStates] })
export class AuditModule {}
