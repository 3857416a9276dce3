import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, type OperationObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { correlationIdOf } from '../logging/logging-options';
import { CORRELATION_HEADER } from '../context/request-context';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { PlatformMetrics } from '../metrics/platform-metrics';

/** What both production and tests apply to an application: HTTP metrics, correlation header and OpenAPI. */
export function configureApp(app: INestApplication, title: string): void {
  app.use(httpMetricsMiddleware(app.get(PlatformMetrics)));
  app.use(
    (
      request: Parameters<typeof correlationIdOf>[0],
      response: { setHeader(name: string, value: string): void },
      next: () => void,
    ) => {
      response.setHeader(CORRELATION_HEADER, correlationIdOf(request));
      next();
    },
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setDescription(
        'Errors answer { "error": { "code", "message", "details" } }. Send x-correlation-id to trace a request across services.',
      )
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      // Relative: the service that serves this document at /docs-json answers its operations too.
      .addServer('/', 'This service')
      .addBearerAuth()
      .build(),
  );
  markPublicOperations(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/**
 * `@Roles` documents the bearer requirement; an operation without one is `@Public` (the guard closes
 * any route that has neither), which OpenAPI says with an empty security list.
 */
function markPublicOperations(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as OperationObject[]) {
      if (typeof operation === 'object' && 'responses' in operation) operation.security ??= [];
    }
  }
}

/** Starts a service: JSON logs, graceful shutdown on SIGTERM/SIGINT, docs at /docs. */
export async function bootstrapService(module: Type, title: string): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  configureApp(app, title);
  const config = app.get<BaseEnv>(SERVICE_CONFIG);
  await app.listen(config.PORT);
  app.get(Logger).log({ port: config.PORT, docs: `http://localhost:${config.PORT}/docs` }, `${title} listening`);
  return app;
}
