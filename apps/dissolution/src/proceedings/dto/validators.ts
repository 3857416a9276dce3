import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidIsoDate } from '../deadlines';

/** A real calendar date written YYYY-MM-DD (2025-02-29 is refused). */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidIsoDate(value),
        defaultMessage: (args) => `${args?.property} must be a calendar date written YYYY-MM-DD`,
      },
    },
    options,
  );
