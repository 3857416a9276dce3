import { EventEmitter } from 'node:events';
import { baseEnvSchema, parseEnvironment } from '../config/service-config';
import { connectsAsServiceRole, dataSourceOptions, poolSettingsOf, serviceRoleName } from './database-definition';

const registry = { schema: 'registry', entities: [], migrations: [] };
const pool = { size: 4, connectTimeoutMs: 2_000, statementTimeoutMs: 1_000, idleInTransactionTimeoutMs: 3_000 };

describe('the connection of a service pool', () => {
  it('names the role after the schema and recognises it in a URL', () => {
    expect(serviceRoleName(registry)).toBe('koperasi_registry');
    expect(connectsAsServiceRole(registry, 'postgres://koperasi_registry:secret@pooler:6432/koperasi')).toBe(true);
    expect(connectsAsServiceRole(registry, 'postgres://koperasi_mentoring@pooler:6432/koperasi')).toBe(false);
    expect(connectsAsServiceRole(registry, 'postgres://postgres:postgres@localhost:5432/koperasi')).toBe(false);
  });

  it('sends no startup option as the service role (a transaction pooler drops them)', () => {
    const options = dataSourceOptions(registry, 'postgres://koperasi_registry@pooler:6432/koperasi', pool);
    expect(options.extra).toEqual({
      max: 4,
      connectionTimeoutMillis: 2_000,
      application_name: 'koperasi-registry',
      onConnect: expect.any(Function),
    });
  });

  it('listens for errors on every pooled client, so a server closing a connection does not end the process', () => {
    const { onConnect } = dataSourceOptions(registry, 'postgres://koperasi_registry@pooler:6432/koperasi', pool).extra;
    const client = new EventEmitter();
    onConnect(client);
    expect(client.listenerCount('error')).toBe(1);
    expect(() =>
      client.emit('error', Object.assign(new Error('terminating connection'), { code: '57P01' })),
    ).not.toThrow();
  });

  it('sets search path and timeouts as startup options for a shared user on a direct connection', () => {
    const options = dataSourceOptions(registry, 'postgres://postgres@localhost:5432/koperasi', pool);
    expect(options.extra).toMatchObject({
      max: 4,
      connectionTimeoutMillis: 2_000,
      options: '-c search_path=registry -c statement_timeout=1000 -c idle_in_transaction_session_timeout=3000',
    });
  });

  it('reads the pool settings with their documented defaults', () => {
    const env = parseEnvironment(baseEnvSchema.extend({ PORT: baseEnvSchema.shape.PORT.default(3001) }), {});
    expect(poolSettingsOf(env)).toEqual({
      size: 10,
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 30_000,
      idleInTransactionTimeoutMs: 60_000,
    });
    expect(env.MIGRATION_DATABASE_URL).toBeUndefined();
    expect(env.DATABASE_READ_URL).toBeUndefined();
  });
});
