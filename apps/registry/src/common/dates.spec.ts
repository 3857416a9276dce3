import { addMonths, isRealIsoDate, officeDate } from './dates';

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isRealIsoDate('2024-02-29')).toBe(true);
    expect(isRealIsoDate('2023-02-29')).toBe(false);
    expect(isRealIsoDate('2023-13-01')).toBe(false);
    expect(isRealIsoDate('01/02/2023')).toBe(false);
  });

  it('adds months, clamping to the month end', () => {
    expect(addMonths('2023-12-31', 6)).toBe('2024-06-30');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('computes office days in WIB', () => {
    expect(officeDate(new Date('2024-01-01T17:00:00Z'), 420)).toBe('2024-01-02');
    expect(officeDate(new Date('2024-01-01T16:59:59Z'), 420)).toBe('2024-01-01');
  });
});
