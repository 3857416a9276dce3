import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Every correction of recorded facts says why; the audit log keeps it with the previous values. */
export class AmendmentReasonDto {
  @ApiProperty({
    example: 'The meeting date was typed from the invitation, not the minutes',
    description: 'Why the recorded values were wrong; kept in the audit log beside the previous values',
  })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export interface FieldChanges<T> {
  changed: (keyof T)[];
  before: Partial<T>;
  after: Partial<T>;
}

/** The given fields (undefined = not given) whose value differs from the current one. */
export function changedFields<T extends object>(current: T, given: Partial<T>): FieldChanges<T> {
  const changed = (Object.keys(given) as (keyof T)[]).filter(
    (key) => given[key] !== undefined && (given[key] ?? null) !== (current[key] ?? null),
  );
  return {
    changed,
    before: Object.fromEntries(changed.map((key) => [key, current[key] ?? null])) as Partial<T>,
    after: Object.fromEntries(changed.map((key) => [key, given[key] ?? null])) as Partial<T>,
  };
}
