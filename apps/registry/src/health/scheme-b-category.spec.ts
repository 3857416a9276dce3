import { SCHEME_B_2021_1, type RatedRubric } from './rubrics';
import { allowedSchemeBCategories } from './scheme-b-category';

describe('scheme B final category against the aspect ratings', () => {
  it('allows only HEALTHY when every aspect is rated 1', () => {
    expect(allowedSchemeBCategories(SCHEME_B_2021_1, [1, 1, 1, 1])).toEqual(['HEALTHY']);
  });

  it('allows the categories between the best and the worst rating', () => {
    expect(allowedSchemeBCategories(SCHEME_B_2021_1, [2, 3, 3, 2])).toEqual(['FAIRLY_HEALTHY', 'UNDER_SUPERVISION']);
    expect(allowedSchemeBCategories(SCHEME_B_2021_1, [4, 1, 2, 2])).toEqual([
      'HEALTHY',
      'FAIRLY_HEALTHY',
      'UNDER_SUPERVISION',
      'UNDER_SPECIAL_SUPERVISION',
    ]);
  });

  it('checks nothing when the rubric defines no mapping', () => {
    const { categoryByRating: _mapping, ...withoutMapping } = SCHEME_B_2021_1;
    expect(allowedSchemeBCategories(withoutMapping as RatedRubric, [1, 1, 1, 1])).toBeNull();
  });
});
