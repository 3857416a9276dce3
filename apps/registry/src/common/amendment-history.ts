import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { AuditEntry } from '@koperasi/platform';

export class AmendmentView {
  @ApiProperty() at: string;
  @ApiProperty() actorId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) actorName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The changed fields as they were' })
  before: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The changed fields as corrected' })
  after: Record<string, unknown>;
}

/**
 * The corrections of a cooperative's records, oldest first, by the id of the record they corrected
 * (`idKey` names it in the audit entry, e.g. ratId): read from the audit log the amendment wrote.
 */
export async function amendmentsByRecord(
  dataSource: DataSource,
  cooperativeId: string,
  action: string,
  idKey: string,
): Promise<Map<string, AmendmentView[]>> {
  const entries = await dataSource.getRepository(AuditEntry).find({
    where: { entityType: 'Cooperative', entityId: cooperativeId, action },
    order: { at: 'ASC', id: 'ASC' },
  });
  const byRecord = new Map<string, AmendmentView[]>();
  for (const entry of entries) {
    const { [idKey]: recordId, ...after } = (entry.after ?? {}) as Record<string, unknown>;
    const { [idKey]: _id, ...before } = (entry.before ?? {}) as Record<string, unknown>;
    const amendment = {
      at: entry.at.toISOString(),
      actorId: entry.actorId,
      actorName: entry.actorName,
      reason: entry.reason,
      before,
      after,
    };
    byRecord.set(String(recordId), [...(byRecord.get(String(recordId)) ?? []), amendment]);
  }
  return byRecord;
}
