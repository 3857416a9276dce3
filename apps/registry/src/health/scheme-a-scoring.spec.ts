import { SCHEME_A_2016_1 as rubric } from './rubrics';
import { bandScore, categoryFor, checkInputs, scoreSchemeA } from './scheme-a-scoring';

const components = rubric.aspects.flatMap((aspect) => aspect.components);
/** A value in the component's band that earns `score` percent. */
const valueEarning = (code: string, score: number): number => {
  const c = components.find((component) => component.code === code)!;
  const band = c.bands.find((b) => b.score === score)!;
  return band.min ?? -1;
};
const best = (): Record<string, number> =>
  Object.fromEntries(components.map((c) => [c.code, valueEarning(c.code, 100)]));
const withZero = (codes: string[], inputs = best()) => ({
  ...inputs,
  ...Object.fromEntries(codes.map((code) => [code, valueEarning(code, 0)])),
});

describe('Scheme A scoring (A-2016.1)', () => {
  it('weights aspects 15/25/15/10/15/10/10 and components to their aspect', () => {
    expect(rubric.aspects.map((a) => a.weight)).toEqual([15, 25, 15, 10, 15, 10, 10]);
    for (const aspect of rubric.aspects)
      expect(aspect.components.reduce((sum, c) => sum + c.weight, 0)).toBe(aspect.weight);
  });

  it('gives 100 and HEALTHY when every component is in its best band', () => {
    const result = scoreSchemeA(rubric, best());
    expect(result.score).toBe(100);
    expect(result.category).toBe('HEALTHY');
    expect(result.components).toHaveLength(22);
  });

  it.each([
    [79.99, 'FAIRLY_HEALTHY'],
    [80, 'HEALTHY'],
    [65.99, 'UNDER_SUPERVISION'],
    [66, 'FAIRLY_HEALTHY'],
    [50.99, 'UNDER_SPECIAL_SUPERVISION'],
    [51, 'UNDER_SUPERVISION'],
    [0, 'UNDER_SPECIAL_SUPERVISION'],
  ])('puts %d in %s', (score, category) => {
    expect(categoryFor(rubric, score)).toBe(category);
  });

  it('worked example at 80: earning-asset loans, problem loans and reserve fail (20 points lost)', () => {
    const result = scoreSchemeA(rubric, withZero(['MEMBER_LOANS_TO_TOTAL_LOANS', 'PROBLEM_LOANS', 'RISK_RESERVE']));
    expect(result).toMatchObject({ score: 80, category: 'HEALTHY' });
    expect(result.aspects.find((a) => a.aspect === 'EARNING_ASSETS')?.score).toBe(5);
  });

  it('worked example just under 80: a 3-point component at 75% costs 0.75 more', () => {
    const inputs = withZero(['MEMBER_LOANS_TO_TOTAL_LOANS', 'PROBLEM_LOANS', 'RISK_RESERVE']);
    inputs.RETURN_ON_ASSETS = valueEarning('RETURN_ON_ASSETS', 75);
    expect(scoreSchemeA(rubric, inputs)).toMatchObject({ score: 79.25, category: 'FAIRLY_HEALTHY' });
  });

  it('worked example at 66: earning assets and three management questionnaires fail', () => {
    const codes = [
      'MEMBER_LOANS_TO_TOTAL_LOANS',
      'PROBLEM_LOANS',
      'RISK_RESERVE',
      'RISKY_LOANS',
      'GENERAL',
      'INSTITUTIONAL',
      'CAPITAL_MANAGEMENT',
    ];
    expect(scoreSchemeA(rubric, withZero(codes))).toMatchObject({ score: 66, category: 'FAIRLY_HEALTHY' });
  });

  const at51 = [
    'MEMBER_LOANS_TO_TOTAL_LOANS',
    'PROBLEM_LOANS',
    'RISK_RESERVE',
    'RISKY_LOANS',
    'GENERAL',
    'INSTITUTIONAL',
    'CAPITAL_MANAGEMENT',
    'ASSET_MANAGEMENT',
    'LIQUIDITY_MANAGEMENT',
    'GROSS_PARTICIPATION',
    'OPERATIONAL_SELF_SUFFICIENCY',
  ];

  it('worked example at 51: UNDER_SUPERVISION', () => {
    expect(scoreSchemeA(rubric, withZero(at51))).toMatchObject({ score: 51, category: 'UNDER_SUPERVISION' });
  });

  it('worked example at 50.25: UNDER_SPECIAL_SUPERVISION', () => {
    const inputs = withZero(at51);
    inputs.RETURN_ON_EQUITY = valueEarning('RETURN_ON_EQUITY', 75);
    expect(scoreSchemeA(rubric, inputs)).toMatchObject({ score: 50.25, category: 'UNDER_SPECIAL_SUPERVISION' });
  });

  it('reads non-monotonic bands (own capital / assets peaks at 41-60%)', () => {
    const bands = components.find((c) => c.code === 'OWN_CAPITAL_TO_ASSETS')!.bands;
    expect([10, 21, 41, 60.9, 61, 90].map((v) => bandScore(bands, v))).toEqual([25, 50, 100, 100, 50, 25]);
  });

  it('names missing, unknown and non-numeric inputs', () => {
    const { CASH: _cash, ...inputs } = best();
    expect(checkInputs(rubric, { ...inputs, LUCK: 3, RETURN_ON_ASSETS: 'high' })).toEqual({
      missing: ['CASH'],
      unknown: ['LUCK'],
      notNumbers: ['RETURN_ON_ASSETS'],
    });
    expect(checkInputs(rubric, best())).toBeNull();
  });
});
