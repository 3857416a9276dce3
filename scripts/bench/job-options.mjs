// The job options the services' outbox relay gives an event (attempts, backoff, retention), with
// the default retry budget: the benchmark's producers add their jobs with the very same options.
import { compiled } from '../services.mjs';

const { eventJobOptions, EVENT_JOB_ATTEMPTS, EVENT_JOB_BACKOFF_MS } = compiled(
  'libs/platform/src/config/messaging-settings.js',
);

export const serviceJobOptions = () =>
  eventJobOptions({ INBOX_RETRY_ATTEMPTS: EVENT_JOB_ATTEMPTS, INBOX_RETRY_BACKOFF_MS: EVENT_JOB_BACKOFF_MS });
