// An event envelope of the size of a registry status change, for the references' jobs: Redis and
// PostgreSQL move the same bytes as for the services' events (unsigned: the references do no checks).
import { randomUUID } from 'node:crypto';

export function statusChangeEnvelope(i) {
  const eventId = randomUUID();
  return {
    eventId,
    type: 'registry.cooperative-status-changed.v1',
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    data: {
      cooperativeId: randomUUID(),
      name: `Koperasi Benchmark ${i}`,
      legalEntityNumber: `BH-${String(i).padStart(8, '0')}`,
      nik: String(3100000000000000 + i),
      kecamatan: 'Jekan Raya',
      kelurahan: 'Menteng',
      type: 'SAVINGS_AND_LOAN',
      status: 'INACTIVE',
      from: 'ACTIVE',
      to: 'INACTIVE',
      reason: 'No RAT in the last 2 fiscal years',
      changedAt: new Date().toISOString(),
      triggeringEventId: null,
    },
  };
}
