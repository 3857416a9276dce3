import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DeadLetters } from '@koperasi/platform';
import { SAMPLE_EVENT, startMessagingFixture, type MessagingFixture } from './messaging-fixture';

/** One sample of a metric from the Prometheus text format, matched on the labels given. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

describe('GET /metrics', () => {
  let fx: MessagingFixture;
  let http: ReturnType<MessagingFixture['consumer']['getHttpServer']>;
  let dataSource: DataSource;
  const scrape = async () => {
    const response = await request(http).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    return response.text;
  };

  beforeAll(async () => {
    // No sweep during the test: a past-due deadline must stay pending so the metric can see it.
    process.env.TIMER_SWEEP_INTERVAL_MS = String(5 * 60_000);
    fx = await startMessagingFixture();
    http = fx.consumer.getHttpServer();
    dataSource = fx.consumer.get(DataSource);
  });

  afterAll(async () => {
    delete process.env.TIMER_SWEEP_INTERVAL_MS;
    await fx?.close();
  });

  it('answers without a token, labelled with the service, and is not in the API documentation', async () => {
    const text = await scrape();
    expect(text).toContain('service="mentoring"');
    expect(text).toContain('process_resident_memory_bytes');
    const docs = await request(http).get('/docs-json');
    expect(Object.keys(docs.body.paths)).not.toContain('/metrics');
  });

  it('observes HTTP requests by route pattern and status', async () => {
    const route = { route: '/admin/dead-letters/:id/retry', status: '401' };
    const before = sample(await scrape(), 'http_request_duration_seconds_count', route) ?? 0;
    await request(http).post(`/admin/dead-letters/${randomUUID()}/retry`);
    const after = sample(await scrape(), 'http_request_duration_seconds_count', route);
    expect(after).toBe(before + 1);
  });

  it('counts open dead letters and deadlines pending past their due time', async () => {
    const before = await scrape();
    await fx.consumer.get(DeadLetters).record({
      queue: 'mentoring-inbox',
      eventType: SAMPLE_EVENT,
      payload: { not: 'an envelope' },
      jobId: `metrics-${randomUUID()}`,
      errorCode: 'INVALID_ENVELOPE',
      errorMessage: 'sample',
      attempts: 1,
    });
    await dataSource.query(
      `INSERT INTO deadlines (kind, subject_id, due_at, state) VALUES ('metrics.sample', $1, now() - interval '10 minutes', 'PENDING')`,
      [randomUUID()],
    );
    const after = await scrape();
    expect(sample(after, 'dead_letters_open')).toBe(sample(before, 'dead_letters_open')! + 1);
    expect(sample(after, 'deadlines_past_due')).toBe(sample(before, 'deadlines_past_due')! + 1);
  });

  it('reports the age of the oldest unpublished outbox row and the depth of each queue', async () => {
    await fx.inbox.pause();
    try {
      await fx.inbox.add('metrics-sample', {}, { jobId: `metrics-${randomUUID()}` });
      const text = await scrape();
      expect(sample(text, 'queue_jobs', { queue: 'mentoring-inbox', state: 'waiting' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'outbox_lag_seconds')).toBe(0);
      expect(sample(text, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    } finally {
      await fx.inbox.obliterate({ force: true });
      await fx.inbox.resume();
    }
  });
});
