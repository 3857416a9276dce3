import { COOPERATIVE_STATUSES } from '@koperasi/contracts';
import { evaluableYears, evaluate, evaluationReason, evaluationWindow } from './evaluation-rule';

describe('annual evaluation rule', () => {
  const y2023n2 = evaluationWindow(2023, 2);

  it('looks back N fiscal years including the evaluated one', () => {
    expect(y2023n2).toEqual({ from: 2022, to: 2023 });
    expect(evaluationWindow(2023, 1)).toEqual({ from: 2023, to: 2023 });
    expect(evaluationWindow(2023, 5)).toEqual({ from: 2019, to: 2023 });
  });

  it('keeps a cooperative active with a RAT at either edge of the window', () => {
    expect(evaluate('ACTIVE', [2023], y2023n2)).toBe('STAYS_ACTIVE');
    expect(evaluate('ACTIVE', [2022], y2023n2)).toBe('STAYS_ACTIVE');
  });

  it('makes it inactive when the latest RAT is one year before the window', () => {
    expect(evaluate('ACTIVE', [2019, 2020, 2021], y2023n2)).toBe('BECOMES_INACTIVE');
  });

  it('keeps it active with a RAT for a fiscal year after the window (issue 13: an on-time later RAT)', () => {
    expect(evaluate('ACTIVE', [2024], y2023n2)).toBe('STAYS_ACTIVE');
    expect(evaluate('ACTIVE', [2019, 2025], y2023n2)).toBe('STAYS_ACTIVE');
  });

  it('makes inactive a cooperative that never held a RAT', () => {
    expect(evaluate('ACTIVE', [], y2023n2)).toBe('BECOMES_INACTIVE');
  });

  it('evaluates only closed fiscal years, at most the configured number back', () => {
    expect(evaluableYears(2026, 10)).toEqual({ earliest: 2016, latest: 2025 });
    expect(evaluableYears(2026, 1)).toEqual({ earliest: 2025, latest: 2025 });
  });

  it('with N = 1 only the evaluated year counts', () => {
    expect(evaluate('ACTIVE', [2022], evaluationWindow(2023, 1))).toBe('BECOMES_INACTIVE');
    expect(evaluate('ACTIVE', [2023], evaluationWindow(2023, 1))).toBe('STAYS_ACTIVE');
  });

  it.each(COOPERATIVE_STATUSES.filter((s) => s !== 'ACTIVE'))('leaves a %s cooperative alone', (status) => {
    expect(evaluate(status, [], y2023n2)).toBe('NOT_ACTIVE');
  });

  it('says why', () => {
    expect(evaluationReason(2023, y2023n2)).toBe('Annual evaluation 2023: no RAT for fiscal years 2022-2023');
    expect(evaluationReason(2023, evaluationWindow(2023, 1))).toBe(
      'Annual evaluation 2023: no RAT for fiscal year 2023',
    );
  });
});
