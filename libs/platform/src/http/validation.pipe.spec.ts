import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max } from 'class-validator';
import { createValidationPipe, ValidatedByValuesAlone } from './validation.pipe';

@ValidatedByValuesAlone()
class TabQuery {
  @IsIn(['all', 'mine'])
  tab: string = 'all';

  @Type(() => Number)
  @IsInt()
  @Max(100)
  limit: number = 50;
}

const asQuery = { type: 'query' as const, metatype: TabQuery };

describe('the validation pipe on a query validated by its values alone', () => {
  it('gives each request its own converted copy of a query it accepted before', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ tab: 'mine', limit: '20' }, asQuery)) as TabQuery;
    first.limit = 99;
    const second = (await pipe.transform({ tab: 'mine', limit: '20' }, asQuery)) as TabQuery;
    expect(second).toBeInstanceOf(TabQuery);
    expect(second).toEqual({ tab: 'mine', limit: 20 });
    expect(second).not.toBe(first);
  });

  it('still refuses a bad query every time it is sent, field by field', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i += 1) {
      const refusal = await pipe.transform({ tab: 'mine', limit: '500', extra: 'x' }, asQuery).catch((e) => e);
      expect(refusal).toBeInstanceOf(BadRequestException);
      expect((refusal as BadRequestException).getResponse()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: expect.arrayContaining([expect.objectContaining({ field: 'limit' })]) },
      });
    }
  });
});
