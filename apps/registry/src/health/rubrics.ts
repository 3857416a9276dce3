import type { HealthCategory } from '@koperasi/contracts';

/** Score bands of a component: a value at or above `min` (null: any value) takes `score` percent of the weight; the last matching band wins. */
export interface Band {
  min: number | null;
  score: number;
}

export interface RubricComponent {
  code: string;
  name: string;
  weight: number;
  /** What the assessor enters: a ratio in percent, or the share of "yes" answers of a questionnaire in percent. */
  input: 'percent';
  bands: Band[];
}

export interface RubricAspect {
  code: string;
  name: string;
  weight: number;
  components: RubricComponent[];
}

export interface ScoredRubric {
  version: string;
  scheme: 'A';
  source: string;
  aspects: RubricAspect[];
  /** Final score cut-offs, highest first (domain §6, H). */
  categories: { min: number; category: HealthCategory }[];
}

export interface RatedRubric {
  version: string;
  scheme: 'B';
  source: string;
  aspects: { code: string; name: string }[];
  /** An indicator's percentage maps to a rating 1 (best) to 4. */
  ratingBands: { min: number; rating: number }[];
  /**
   * Where the rubric defines it: the category each rating stands for. The assessor's final category
   * must then lie between the categories of the best and the worst aspect rating (the weights that
   * would pin it down are not public, domain §6).
   */
  categoryByRating?: Record<number, HealthCategory>;
}

export type Rubric = ScoredRubric | RatedRubric;

const higherIsBetter = (t25: number, t50: number, t75: number, t100: number): Band[] => [
  { min: null, score: 0 },
  { min: t25, score: 25 },
  { min: t50, score: 50 },
  { min: t75, score: 75 },
  { min: t100, score: 100 },
];
const lowerIsBetter = (t100: number, t75: number, t50: number, t25: number): Band[] => [
  { min: null, score: 100 },
  { min: t100, score: 75 },
  { min: t75, score: 50 },
  { min: t50, score: 25 },
  { min: t25, score: 0 },
];
const questionnaire = higherIsBetter(21, 41, 61, 81);
const component = (code: string, name: string, weight: number, bands: Band[]): RubricComponent => ({
  code,
  name,
  weight,
  input: 'percent',
  bands,
});

/**
 * Scheme A, Perdep 06/Per/Dep.6/IV/2016. Aspect weights and the final bands are H; component
 * weights and the component bands are M: a new reading of the regulation is a new version.
 */
export const SCHEME_A_2016_1: ScoredRubric = {
  version: 'A-2016.1',
  scheme: 'A',
  source: 'Perdep 06/Per/Dep.6/IV/2016 (component bands as read by the office)',
  aspects: [
    {
      code: 'CAPITAL',
      name: 'Permodalan',
      weight: 15,
      components: [
        component('OWN_CAPITAL_TO_ASSETS', 'Own capital / total assets', 6, [
          { min: null, score: 25 },
          { min: 21, score: 50 },
          { min: 41, score: 100 },
          { min: 61, score: 50 },
          { min: 81, score: 25 },
        ]),
        component('OWN_CAPITAL_TO_RISKY_LOANS', 'Own capital / risky loans', 6, higherIsBetter(10, 25, 50, 75)),
        component('CAPITAL_ADEQUACY', 'Capital adequacy ratio', 3, higherIsBetter(4, 6, 7, 8)),
      ],
    },
    {
      code: 'EARNING_ASSETS',
      name: 'Kualitas aktiva produktif',
      weight: 25,
      components: [
        component('MEMBER_LOANS_TO_TOTAL_LOANS', 'Loans to members / total loans', 10, higherIsBetter(25, 50, 75, 100)),
        component('PROBLEM_LOANS', 'Problem loans / total loans', 5, lowerIsBetter(5, 9, 12, 45)),
        component('RISK_RESERVE', 'Risk reserve / problem loans', 5, higherIsBetter(30, 60, 90, 100)),
        component('RISKY_LOANS', 'Risky loans / total loans', 5, lowerIsBetter(21, 26, 31, 51)),
      ],
    },
    {
      code: 'MANAGEMENT',
      name: 'Manajemen',
      weight: 15,
      components: [
        component('GENERAL', 'General management (questionnaire)', 3, questionnaire),
        component('INSTITUTIONAL', 'Institutional management (questionnaire)', 3, questionnaire),
        component('CAPITAL_MANAGEMENT', 'Capital management (questionnaire)', 3, questionnaire),
        component('ASSET_MANAGEMENT', 'Asset management (questionnaire)', 3, questionnaire),
        component('LIQUIDITY_MANAGEMENT', 'Liquidity management (questionnaire)', 3, questionnaire),
      ],
    },
    {
      code: 'EFFICIENCY',
      name: 'Efisiensi',
      weight: 10,
      components: [
        component(
          'MEMBER_COST_TO_PARTICIPATION',
          'Member operating cost / gross participation',
          4,
          lowerIsBetter(76, 86, 96, 100),
        ),
        component('OPERATING_COST_TO_SURPLUS', 'Operating cost / gross surplus', 4, lowerIsBetter(41, 61, 81, 100)),
        component('SERVICE_EFFICIENCY', 'Service efficiency', 2, lowerIsBetter(50, 75, 100, 100.01)),
      ],
    },
    {
      code: 'LIQUIDITY',
      name: 'Likuiditas',
      weight: 15,
      components: [
        component('CASH', 'Cash ratio', 10, [
          { min: null, score: 25 },
          { min: 10, score: 100 },
          { min: 15, score: 50 },
          { min: 20, score: 25 },
        ]),
        component('LOANS_TO_FUNDS', 'Loans / funds received', 5, higherIsBetter(50, 75, 100, 125)),
      ],
    },
    {
      code: 'INDEPENDENCE_GROWTH',
      name: 'Kemandirian dan pertumbuhan',
      weight: 10,
      components: [
        component('RETURN_ON_ASSETS', 'Return on assets', 3, higherIsBetter(0.01, 5, 7.5, 10)),
        component('RETURN_ON_EQUITY', 'Return on own capital', 3, higherIsBetter(0.01, 3, 4, 5)),
        component('OPERATIONAL_SELF_SUFFICIENCY', 'Operational self-sufficiency', 4, higherIsBetter(75, 100, 125, 150)),
      ],
    },
    {
      code: 'IDENTITY',
      name: 'Jatidiri koperasi',
      weight: 10,
      components: [
        component('GROSS_PARTICIPATION', 'Gross participation', 5, higherIsBetter(25, 50, 75, 100)),
        component('MEMBER_ECONOMIC_PROMOTION', 'Member economic promotion', 5, higherIsBetter(1, 5, 7.5, 12.5)),
      ],
    },
  ],
  categories: [
    { min: 80, category: 'HEALTHY' },
    { min: 66, category: 'FAIRLY_HEALTHY' },
    { min: 51, category: 'UNDER_SUPERVISION' },
    { min: Number.NEGATIVE_INFINITY, category: 'UNDER_SPECIAL_SUPERVISION' },
  ],
};

/** Scheme B, Permenkop 9/2020 with guideline 15/2021: aspect ratings are evidence; the assessor sets the category. */
export const SCHEME_B_2021_1: RatedRubric = {
  version: 'B-2021.1',
  scheme: 'B',
  source: 'Permenkop 9/2020, technical guideline 15/2021',
  aspects: [
    { code: 'GOVERNANCE', name: 'Tata kelola' },
    { code: 'RISK_PROFILE', name: 'Profil risiko' },
    { code: 'FINANCIAL_PERFORMANCE', name: 'Kinerja keuangan' },
    { code: 'CAPITAL', name: 'Permodalan' },
  ],
  ratingBands: [
    { min: 76, rating: 1 },
    { min: 51, rating: 2 },
    { min: 26, rating: 3 },
    { min: 0, rating: 4 },
  ],
  categoryByRating: { 1: 'HEALTHY', 2: 'FAIRLY_HEALTHY', 3: 'UNDER_SUPERVISION', 4: 'UNDER_SPECIAL_SUPERVISION' },
};

/** Every rubric version ever used; assessments keep the version they were scored with. */
export const RUBRICS: readonly Rubric[] = [SCHEME_A_2016_1, SCHEME_B_2021_1];
export const CURRENT_RUBRIC = { A: SCHEME_A_2016_1, B: SCHEME_B_2021_1 } as const;
