import type { HealthCategory } from '@koperasi/contracts';
import type { Band, ScoredRubric } from './rubrics';

export interface ComponentEvidence {
  aspect: string;
  component: string;
  value: number;
  weight: number;
  /** Percent of the weight the value's band earns. */
  bandScore: number;
  score: number;
}

export interface SchemeAResult {
  score: number;
  category: HealthCategory;
  components: ComponentEvidence[];
  aspects: { aspect: string; weight: number; score: number }[];
}

export type InputProblem = { missing: string[]; unknown: string[]; notNumbers: string[] };

const round2 = (value: number) => Math.round(value * 100) / 100;

export function bandScore(bands: Band[], value: number): number {
  let score = bands[0].score;
  for (const band of bands) if (band.min === null || value >= band.min) score = band.score;
  return score;
}

export function categoryFor(rubric: ScoredRubric, score: number): HealthCategory {
  return rubric.categories.find((band) => score >= band.min)!.category;
}

/** Checks the inputs name every component of the rubric, and nothing else, with finite numbers. */
export function checkInputs(rubric: ScoredRubric, inputs: Record<string, unknown>): InputProblem | null {
  const codes = rubric.aspects.flatMap((aspect) => aspect.components.map((c) => c.code));
  const problem = {
    missing: codes.filter((code) => !(code in inputs)),
    unknown: Object.keys(inputs).filter((code) => !codes.includes(code)),
    notNumbers: codes.filter(
      (code) => code in inputs && (typeof inputs[code] !== 'number' || !Number.isFinite(inputs[code])),
    ),
  };
  return problem.missing.length + problem.unknown.length + problem.notNumbers.length > 0 ? problem : null;
}

/** Scheme A: each component earns its band's share of its weight; the total on 0-100 picks the category. */
export function scoreSchemeA(rubric: ScoredRubric, inputs: Record<string, number>): SchemeAResult {
  const components = rubric.aspects.flatMap((aspect) =>
    aspect.components.map((c) => {
      const earned = bandScore(c.bands, inputs[c.code]);
      return {
        aspect: aspect.code,
        component: c.code,
        value: inputs[c.code],
        weight: c.weight,
        bandScore: earned,
        score: round2((c.weight * earned) / 100),
      };
    }),
  );
  const aspects = rubric.aspects.map((aspect) => ({
    aspect: aspect.code,
    weight: aspect.weight,
    score: round2(components.filter((c) => c.aspect === aspect.code).reduce((sum, c) => sum + c.score, 0)),
  }));
  const score = round2(aspects.reduce((sum, aspect) => sum + aspect.score, 0));
  return { score, category: categoryFor(rubric, score), components, aspects };
}
