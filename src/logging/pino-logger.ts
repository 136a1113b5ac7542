import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { LogLevel } from '../config/config';

/** Nest's logger on top of pino: JSON lines on stdout. Messages never carry tokens or personal data. */
export class PinoLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: LogLevel) {
    this.pino = pino({ level, base: { service: 'school-ledger' } });
  }

  log(message: unknown, context?: string) {
    // Nest's route-mapping chatter is debug detail.
    const quiet = context === 'RouterExplorer' || context === 'RoutesResolver' || context === 'InstanceLoader';
    this.pino[quiet ? 'debug' : 'info']({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}
