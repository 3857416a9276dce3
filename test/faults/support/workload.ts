import { randomBytes } from 'node:crypto';
import { failReactivation, propose, registerCooperative, registrar, runEvaluation } from '../../e2e/support/lifecycle';
import type { City } from '../../e2e/support/city';

/** Registers `count` cooperatives (without RATs, so an evaluation makes them inactive), a few at a time. */
export async function registerMany(
  city: City,
  count: number,
  label = 'Fault',
): Promise<{ ok: number; failed: number }> {
  let ok = 0;
  let failed = 0;
  const one = async () => {
    const serial = randomBytes(4).toString('hex');
    try {
      const created = await registrar.post(`${city.urls.registry}/cooperatives`, {
        name: `Koperasi ${label} ${serial}`,
        legalEntityNumber: `${serial}/BH/FAULT/2001`,
        legalEntityDate: '2001-03-14',
        type: 'SAVINGS_AND_LOAN',
        group: 'KSP',
        kelurahan: 'Langkai',
        kecamatan: 'Pahandut',
        membersMale: 40,
        membersFemale: 35,
      });
      if (created.status === 201) ok += 1;
      else failed += 1;
    } catch {
      failed += 1; // the service was killed while answering
    }
  };
  for (let i = 0; i < count; i += 5) {
    await Promise.all(Array.from({ length: Math.min(5, count - i) }, one));
  }
  return { ok, failed };
}

/** Polls `probe` at most `attempts` times, `everyMs` apart (the suite's bounded loops). */
export async function poll<T>(probe: () => Promise<T>, attempts = 200, everyMs = 100): Promise<T | undefined> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return undefined;
}

const evaluatedYears = new WeakMap<City, number>();

/**
 * A fiscal year not yet evaluated in this city (each year is evaluated once): 2025, then 2024, ...
 * A cooperative registered without RATs becomes inactive in any of them.
 */
export function nextEvaluationYear(city: City): number {
  const year = (evaluatedYears.get(city) ?? 2026) - 1;
  evaluatedYears.set(city, year);
  return year;
}

/** A cooperative the evaluation made inactive, its reactivation failed: answers its proposed proceeding. */
export async function proposedProceeding(city: City): Promise<{ cooperativeId: string; proceedingId: string }> {
  const cooperativeId = await registerCooperative(city, 'Proceeding', []);
  await runEvaluation(city, nextEvaluationYear(city));
  const draft = await failReactivation(city, cooperativeId);
  await propose(city, draft.id);
  return { cooperativeId, proceedingId: draft.id };
}
