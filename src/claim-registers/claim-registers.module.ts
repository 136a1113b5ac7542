import { Module } from '@nestjs/common';
import { ClaimRegisters } from './claim-register.handlers';

@Module({
  providers: [ClaimRegisters],
  exports: [ClaimRegisters],
})
export class ClaimRegistersModule {}
