import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { createValidationPipe } from './validation.pipe';

class TabQuery {
  @IsIn(['mine', 'all'])
  tab: string = 'all';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

const asQuery: ArgumentMetadata = { type: 'query', metatype: TabQuery, data: '' };
const asBody: ArgumentMetadata = { type: 'body', metatype: TabQuery, data: '' };

describe('the validation pipe', () => {
  const validations = jest.spyOn(ValidationPipe.prototype, 'transform');
  beforeEach(() => validations.mockClear());
  afterAll(() => validations.mockRestore());

  it('answers a repeated query string with its own copy of the validated value', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ tab: 'mine', limit: '20' }, asQuery)) as TabQuery;
    first.limit = 99;
    const second = (await pipe.transform({ tab: 'mine', limit: '20' }, asQuery)) as TabQuery;
    expect(second).toBeInstanceOf(TabQuery);
    expect(second).toEqual({ tab: 'mine', limit: 20 });
    expect(second).not.toBe(first);
    expect(validations).toHaveBeenCalledTimes(1);
  });

  it('refuses an invalid query every time it is asked, and tells it from a valid one', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i += 1) {
      await expect(pipe.transform({ tab: 'mine', limit: '500' }, asQuery)).rejects.toMatchObject({
        response: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'limit' }] } },
      });
      await expect(pipe.transform({ tab: 'mine', extra: '1' }, asQuery)).rejects.toMatchObject({
        response: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'extra' }] } },
      });
    }
    expect(await pipe.transform({ tab: 'mine', limit: '50' }, asQuery)).toEqual({ tab: 'mine', limit: 50 });
  });

  it('keeps nothing for bodies: the same body is validated afresh', async () => {
    const pipe = createValidationPipe();
    const first = await pipe.transform({ tab: 'all' }, asBody);
    const second = await pipe.transform({ tab: 'all' }, asBody);
    expect(second).toEqual(first);
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('refuses a NUL character in a query before looking for a kept answer', async () => {
    const pipe = createValidationPipe();
    await expect(pipe.transform({ tab: 'all\u0000' }, asQuery)).rejects.toMatchObject({
      response: { details: { fields: [{ field: 'tab', problems: ['must not contain NUL characters'] }] } },
    });
    expect(validations).not.toHaveBeenCalled();
  });
});
