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

class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const fields = fieldsWithNul(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (fields.length > 0)
        throw invalid(fields.map((field) => ({ field, problems: ['must not contain NUL characters'] })));
    }
    return super.transform(value, metadata);
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
