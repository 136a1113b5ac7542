import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_OVERRIDES, AppOverrides } from './app-overrides';
import { APP_CONFIG, AppConfig } from './config';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_OVERRIDES, useValue: overrides },
      ],
      exports: [APP_CONFIG, APP_OVERRIDES],
    };
  }
}
