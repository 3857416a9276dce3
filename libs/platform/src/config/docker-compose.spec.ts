import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

interface ComposeService {
  ports?: string[];
  command?: string[];
  environment?: Record<string, string>;
}
const compose = load(readFileSync(path.resolve(__dirname, '../../../../docker-compose.yml'), 'utf8')) as {
  'x-service': ComposeService;
  services: Record<string, ComposeService & { environment?: { '<<'?: Record<string, string> } }>;
};

describe('docker-compose.yml', () => {
  it('makes the operator set JWT_SECRET and the Redis password; no development default ships', () => {
    const env = compose['x-service'].environment!;
    expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(env.REDIS_URL).toMatch(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]*\}@redis:6379$/);
    // js-yaml leaves merge keys as they are: each service takes the shared environment whole.
    for (const name of ['registry', 'mentoring', 'dissolution'])
      expect(compose.services[name].environment?.['<<']).toEqual(env);
    expect(compose.services.redis.command).toEqual(
      expect.arrayContaining(['--requirepass', expect.stringMatching(/^\$\{REDIS_PASSWORD:\?/)]),
    );
  });

  it('does not publish PostgreSQL or Redis on the host', () => {
    expect(compose.services.postgres.ports).toBeUndefined();
    expect(compose.services.redis.ports).toBeUndefined();
  });
});
