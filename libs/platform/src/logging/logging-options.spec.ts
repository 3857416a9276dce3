import { hostname } from 'node:os';
import { Writable } from 'node:stream';
import pino, { type LoggerOptions } from 'pino';
import { QueryFailedError } from 'typeorm';
import { pinoOptions } from './logging-options';

function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const options = pinoOptions('registry', 'info').pinoHttp as LoggerOptions;
  const logger = pino(options, stream);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
  };
}

describe('log lines', () => {
  it('carry the service, the process id and the host name', () => {
    const { logger, lines } = capture();
    logger.info('hello');
    expect(lines()[0]).toMatchObject({ service: 'registry', pid: process.pid, hostname: hostname(), msg: 'hello' });
  });

  it('never carry a failed query parameters nor the personal data in PostgreSQL detail', () => {
    const { logger, lines } = capture();
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "cooperatives_nik_key"'),
      {
        code: '23505',
        detail: 'Key (nik)=(6271010203040001) already exists.',
      },
    );
    const error = new QueryFailedError(
      'INSERT INTO cooperatives (name, nik, chair) VALUES ($1, $2, $3)',
      ['Koperasi Maju', '6271010203040001', 'Siti Rahma'],
      driverError,
    );
    logger.error({ err: error }, 'Request failed');
    const text = JSON.stringify(lines());
    expect(text).toContain('INSERT INTO cooperatives');
    expect(text).not.toContain('6271010203040001');
    expect(text).not.toContain('Siti Rahma');
  });

  it('never carry the bearer token nor the query string of a request (searches by name or NIK)', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: {
          id: 'r-1',
          method: 'GET',
          url: '/cooperatives?q=6271010203040001',
          query: { q: '6271010203040001' },
          headers: { authorization: 'Bearer secret-token' },
        },
      },
      'request',
    );
    expect(lines()[0].req).toEqual({ id: 'r-1', method: 'GET', url: '/cooperatives' });
    expect(JSON.stringify(lines())).not.toMatch(/secret-token|6271010203040001/);
  });

  it('mount the request logging middleware only at a level that writes request lines (info and below)', () => {
    const forRoutes = (level: string) => pinoOptions('registry', level).forRoutes;
    expect(forRoutes('warn')).toEqual([]);
    expect(forRoutes('error')).toEqual([]);
    expect(forRoutes('info')).toBeUndefined();
    expect(forRoutes('debug')).toBeUndefined();
    const { ignore } = (pinoOptions('registry', 'info').pinoHttp as { autoLogging: { ignore: (r: object) => boolean } })
      .autoLogging;
    expect(ignore({ url: '/health' })).toBe(true);
    expect(ignore({ url: '/cases' })).toBe(false);
  });
});
