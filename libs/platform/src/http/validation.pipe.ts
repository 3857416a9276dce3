import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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

/** Query classes whose validation depends on nothing but the values sent (no clock, no state). */
const pureQueries = new Set<unknown>();
/** Distinct query strings whose validated form is kept per class (a few hundred bytes each). */
const VALIDATED_QUERIES_KEPT = 1_000;

/**
 * Marks a query class as validated by its values alone: the pipe then keeps the converted result
 * for each distinct query it has accepted, since the busiest lists are asked for with the same few
 * queries over and over. Each request still gets its own copy.
 */
export const ValidatedByValuesAlone = (): ClassDecorator => (target) => {
  pureQueries.add(target);
};

class PlatformValidationPipe extends ValidationPipe {
  private readonly accepted = new Map<unknown, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = fieldsWithNul(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (fields.length > 0)
        throw invalid(fields.map((field) => ({ field, problems: ['must not contain NUL characters'] })));
    }
    if (metadata.type !== 'query' || !pureQueries.has(metadata.metatype)) return super.transform(value, metadata);
    return this.acceptedQuery(value, metadata);
  }

  private async acceptedQuery(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const kept = this.accepted.get(metadata.metatype) ?? new Map<string, object>();
    this.accepted.set(metadata.metatype, kept);
    const key = JSON.stringify(value);
    let result = kept.get(key);
    if (!result) {
      result = (await super.transform(value, metadata)) as object;
      if (kept.size >= VALIDATED_QUERIES_KEPT) kept.delete(kept.keys().next().value as string);
      kept.set(key, result);
    }
    return Object.assign(Object.create(Object.getPrototypeOf(result) as object) as object, result);
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
