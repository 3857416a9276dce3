import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { SERVICE_CONFIG } from '@koperasi/platform';
import type { ConsoleConfig } from './config';
import { ConsoleModule } from './console.module';
import { configureWeb } from './web/configure-web';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  configureWeb(app);
  const config = app.get<ConsoleConfig>(SERVICE_CONFIG);
  await app.listen(config.PORT);
  app.get(Logger).log({ port: config.PORT, url: `http://localhost:${config.PORT}` }, 'Console listening');
}

void bootstrap();
