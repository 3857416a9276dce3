import { HEALTH_CATEGORIES, type HealthCategory } from '@koperasi/contracts';
import type { RatedRubric } from './rubrics';

/**
 * The final categories a scheme B assessment may carry given its aspect ratings: from the category of
 * the best rating to that of the worst. Null when the rubric defines no mapping (nothing to check).
 */
export function allowedSchemeBCategories(rubric: RatedRubric, ratings: readonly number[]): HealthCategory[] | null {
  if (!rubric.categoryByRating) return null;
  const rank = (rating: number) => HEALTH_CATEGORIES.indexOf(rubric.categoryByRating![rating]);
  const best = rank(Math.min(...ratings));
  const worst = rank(Math.max(...ratings));
  return HEALTH_CATEGORIES.slice(best, worst + 1);
}
