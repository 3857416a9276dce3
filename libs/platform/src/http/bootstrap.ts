import type { IncomingMessage } from 'node:http';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, type OperationObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { SERVICE_CONFIG } from '../config/config.tokens';
import { apiDocsEnabled, type BaseEnv } from '../config/service-config';
import { correlationIdOf } from '../logging/logging-options';
import { httpMetricsHook } from '../metrics/http-metrics.hook';
import { PlatformMetrics } from '../metrics/platform-metrics';
import { openRequestContext } from './request-context.hook';
import { exitIfShutdownHangs } from './shutdown-deadline';

/** The largest JSON body a service reads (body-parser's default, which the services had on Express). */
const JSON_BODY_LIMIT = 100 * 1024;

/**
 * The services' HTTP server: Fastify, routing paths as Express did (any letter case, a trailing slash
 * ignored), with the correlation id as the request id the request logs show.
 */
export function serviceHttpAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    genReqId: correlationIdOf,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
}

/** What both production and tests apply to an application: request context, HTTP metrics, security headers, OpenAPI. */
export function configureApp(app: NestFastifyApplication, title: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', openRequestContext);
  const metrics = optionalProvider(app, PlatformMetrics);
  if (metrics) fastify.addHook('onResponse', httpMetricsHook(metrics));
  // helmet 8's headers and defaults, set before anything else runs (404s and refused bodies included).
  app.useSecurityHeaders();
  readBodiesAsExpressDid(app);
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
 * The request bodies the APIs' clients rely on: JSON as body-parser's strict mode read it (an empty body
 * is `{}`, anything but an object or an array is a 400, 100 KiB at most), and a body of any other type
 * (multipart aside) left unread, as Express left it, instead of Fastify's 415 or plain-text parsing.
 */
function readBodiesAsExpressDid(app: NestFastifyApplication): void {
  app.useBodyParser('application/json', { bodyLimit: JSON_BODY_LIMIT }, (_request, body, done) => {
    if (body.length === 0) return done(null, {});
    const text = body.toString('utf8');
    const first = /\S/.exec(text)?.[0];
    try {
      if (first !== '{' && first !== '[') throw new SyntaxError('The JSON body must be an object or an array');
      done(null, JSON.parse(text));
    } catch (error) {
      done(Object.assign(error as SyntaxError, { statusCode: 400 }));
    }
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', (_request: FastifyRequest, _body: IncomingMessage, done) => done(null, undefined));
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
export async function bootstrapService(module: Type, title: string): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, serviceHttpAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  configureApp(app, title);
  const config = app.get<BaseEnv>(SERVICE_CONFIG);
  exitIfShutdownHangs(app.get(Logger), config.SHUTDOWN_TIMEOUT_MS);
  // Every interface, IPv6 and IPv4, as Node's own listen() without a host (Fastify's default is localhost).
  await app.listen(config.PORT, '::');
  const docs = apiDocsEnabled(config) ? `http://localhost:${config.PORT}/docs` : 'off (API_DOCS)';
  app.get(Logger).log({ port: config.PORT, docs }, `${title} listening`);
  return app;
}

/** A provider the application may not have (an app built without the platform module, as in unit tests). */
function optionalProvider<T>(app: NestFastifyApplication, token: Type<T>): T | undefined {
  try {
    return app.get(token, { strict: false });
  } catch {
    return undefined;
  }
}
