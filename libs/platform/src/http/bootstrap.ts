import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, type OperationObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { SERVICE_CONFIG } from '../config/config.tokens';
import { apiDocsEnabled, type BaseEnv } from '../config/service-config';
import { correlationIdOf } from '../logging/logging-options';
import { CORRELATION_HEADER } from '../context/request-context';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { PlatformMetrics } from '../metrics/platform-metrics';
import { exitIfShutdownHangs } from './shutdown-deadline';

/** What both production and tests apply to an application: HTTP metrics, security headers, correlation header, OpenAPI. */
export function configureApp(app: INestApplication, title: string): void {
  const metrics = optionalProvider(app, PlatformMetrics);
  if (metrics) app.use(httpMetricsMiddleware(metrics));
  app.use(helmet());
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
  if (!apiDocsEnabled(app.get<BaseEnv>(SERVICE_CONFIG))) return;
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
  exitIfShutdownHangs(app.get(Logger), config.SHUTDOWN_TIMEOUT_MS);
  await app.listen(config.PORT);
  const docs = apiDocsEnabled(config) ? `http://localhost:${config.PORT}/docs` : 'off (API_DOCS)';
  app.get(Logger).log({ port: config.PORT, docs }, `${title} listening`);
  return app;
}

/** A provider the application may not have (an app built without the platform module, as in unit tests). */
function optionalProvider<T>(app: INestApplication, token: Type<T>): T | undefined {
  try {
    return app.get(token, { strict: false });
  } catch {
    return undefined;
  }
}
