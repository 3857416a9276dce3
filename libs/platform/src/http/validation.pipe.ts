import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { RecentResults } from '../common/recent-results';

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const invalid = (fields: FieldProblem[]) =>
  new BadRequestException({ code: 'VALIDATION_FAILED', message: 'The request is not valid', details: { fields } });

/** Where a NUL character hides in a request value: PostgreSQL cannot store one in text. */
function fieldsWithNul(value: unknown, path: string, depth = 0): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (depth > 10 || value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    fieldsWithNul(inner, path ? `${path}.${key}` : key, depth + 1),
  );
}

/** Distinct query strings whose validated value is kept, per query class, and for how long. */
const VALID_QUERIES_KEPT = 1_000;
const VALID_QUERY_MAX_AGE_MS = 60_000;

class PlatformValidationPipe extends ValidationPipe {
  /**
   * A query's validated value by its parameters, per query class. Officers ask for the same pages
   * all day, and validating the same query string again was a tenth of a queue request's CPU. A
   * query class checks the parameters alone (no clock, no database), so a kept answer cannot have
   * changed; each request gets its own copy.
   */
  private readonly validQueries = new WeakMap<object, RecentResults<object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = fieldsWithNul(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (fields.length > 0)
        throw invalid(fields.map((field) => ({ field, problems: ['must not contain NUL characters'] })));
    }
    const queryClass = metadata.metatype;
    if (metadata.type !== 'query' || !queryClass || !this.toValidate(metadata) || typeof value !== 'object')
      return super.transform(value, metadata);
    let kept = this.validQueries.get(queryClass);
    if (!kept)
      this.validQueries.set(queryClass, (kept = new RecentResults(VALID_QUERY_MAX_AGE_MS, VALID_QUERIES_KEPT)));
    const { value: valid } = await kept.get(JSON.stringify(value), () => super.transform(value, metadata));
    return Object.assign(Object.create(Object.getPrototypeOf(valid)), valid);
  }
}

/** One global pipe: unknown fields rejected, types converted, NUL characters refused, every problem listed by field. */
export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => invalid(flatten(errors)),
  });
}
