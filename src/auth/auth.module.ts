import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig, ConfigError } from '../config/config';
import { AuthGuard } from './auth.guard';
import { isLoopbackHost } from './loopback';
import { TOKEN_REGISTRY, TokenRegistry } from './token-registry';

function tokenRegistry(config: AppConfig): TokenRegistry {
  if (config.authTokensFile) return TokenRegistry.fromFile(config.authTokensFile);
  // No HTTP here (the command line, a projector process): no token is needed, none is made or shown.
  if (config.commandLine || config.projections === 'only') return new TokenRegistry([]);
  if (!isLoopbackHost(config.host)) {
    throw new ConfigError(`HOST ${config.host} is reachable from other machines: set AUTH_TOKENS_FILE (the development admin token is only for 127.0.0.1 or ::1).`);
  }
  const dev = TokenRegistry.devToken(config.dataDir);
  // Shown once, to the operator who just created it, on stderr (never in logs or piped output of later starts).
  if (dev.created) {
    process.stderr.write(`No AUTH_TOKENS_FILE: created a development admin token in ${config.dataDir}/dev-admin-token:\n  ${dev.token}\n`);
  }
  return dev.registry;
}

@Global()
@Module({
  providers: [
    { provide: TOKEN_REGISTRY, inject: [APP_CONFIG], useFactory: tokenRegistry },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TOKEN_REGISTRY],
})
export class AuthModule {}
