import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { Role } from '@koperasi/contracts';
import { Logger } from 'nestjs-pino';
import { configureApp, serviceHttpAdapter, signToken, type TokenSettings } from '@koperasi/platform';

export const TEST_JWT_SECRET = 'test-secret-for-koperasi-tests-only-0123456789';
/** The services' defaults for issuer and audience, with the tests' secret. */
export const TEST_TOKEN_SETTINGS: TokenSettings = {
  JWT_SECRET: TEST_JWT_SECRET,
  JWT_ISSUER: 'koperasi',
  JWT_AUDIENCE: 'koperasi-services',
};

export interface TestEnvironment {
  databaseUrl: string;
  queuePrefix: string;
  extra?: Record<string, string>;
}

/** Points the services of this test file at its own database and queue prefix. */
export function useTestEnvironment(env: TestEnvironment): void {
  Object.assign(process.env, {
    DATABASE_URL: env.databaseUrl,
    QUEUE_PREFIX: env.queuePrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    PORT: '0',
    ...env.extra,
  });
}

/** Builds and initialises a service module as an HTTP application (not listening; use supertest). */
export async function startTestApp(
  module: Type,
  customise: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<NestFastifyApplication> {
  const moduleRef = await customise(Test.createTestingModule({ imports: [module] })).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(serviceHttpAdapter(), { bufferLogs: true });
  // The services' own logger, as in production: pino at LOG_LEVEL (silent unless a run asks for more).
  app.useLogger(app.get(Logger));
  configureApp(app, 'test');
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export function bearer(roles: Role[], id = `${roles[0]}-1`, name = id): string {
  return `Bearer ${signToken(TEST_TOKEN_SETTINGS, { id, name, roles })}`;
}
