import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthGuard } from './auth.guard';
import { TOKEN_REGISTRY, TokenRegistry } from './token-registry';

@Global()
@Module({
  providers: [
    {
      provide: TOKEN_REGISTRY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.authTokensFile) return TokenRegistry.fromFile(config.authTokensFile);
        const dev = TokenRegistry.devToken(config.dataDir);
        // The one place a token is printed: the operator asked for no tokens file, so this is how they learn it.
        process.stdout.write(
          `No AUTH_TOKENS_FILE: development admin token (kept in ${config.dataDir}/dev-admin-token):\n  ${dev.token}\n`,
        );
        return dev.registry;
      },
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TOKEN_REGISTRY],
})
export class AuthModule {}
