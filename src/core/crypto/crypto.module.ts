import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SecretCipher } from './secret-cipher';

@Global()
@Module({
  providers: [
    {
      provide: SecretCipher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new SecretCipher(config.encryption.currentKey, config.encryption.previousKeys),
    },
  ],
  exports: [SecretCipher],
})
export class CryptoModule {}
