import { Module } from '@nestjs/common';
import { PrivacyModule } from '../privacy/privacy.module';
import { AuditController } from './audit.controller';

@Module({ imports: [PrivacyModule], controllers: [AuditController] })
export class AuditModule {}
