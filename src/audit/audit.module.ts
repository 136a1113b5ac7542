import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { IntegrityController } from './integrity.controller';

@Module({ controllers: [AuditController, IntegrityController] })
export class AuditModule {}
