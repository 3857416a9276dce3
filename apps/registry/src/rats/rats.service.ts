import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import { currentActor, SERVICE_CONFIG, UnitOfWork, type Tx } from '@koperasi/platform';
import { DataSource } from 'typeorm';
import type { RegistryConfig } from '../config';
import { assertNotInFuture, officeDate } from '../common/dates';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { CooperativeStatusService } from '../cooperatives/cooperative-status.service';
import { cooperativeNotFound } from '../cooperatives/cooperatives.errors';
import { amendmentsByRecord, type AmendmentView } from '../common/amendment-history';
import { changedFields } from '../common/amendment';
import type { AmendRatDto, RecordRatDto } from './dto/record-rat.dto';
import { isBeforeLegalEntity, isLate, ratDeadline } from './rat-deadline';
import { Rat } from './rat.entity';
import {
  cooperativeNotOperating,
  fiscalYearBeforeLegalEntity,
  meetingBeforeFiscalYearEnd,
  membersPresentExceedTotal,
  ratAlreadyRecorded,
  ratNotFound,
  reportedBeforeMeeting,
} from './rats.errors';

@Injectable()
export class RatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly statuses: CooperativeStatusService,
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /**
   * Records a RAT. An INACTIVE cooperative that reports one is alive again: it becomes ACTIVE.
   * An IN_DISSOLUTION one keeps its status; the dissolution service reacts to rat-recorded.
   */
  async recordIn(tx: Tx, cooperativeId: string, dto: RecordRatDto): Promise<Rat> {
    this.validate(dto);
    const cooperative = await this.statuses.lock(tx, cooperativeId);
    if (cooperative.status === 'DISSOLVED' || cooperative.status === 'LEGAL_ENTITY_REVOKED')
      throw cooperativeNotOperating(cooperativeId, cooperative.status);
    await this.assertYearFree(tx, cooperative, dto.fiscalYear);

    const months = this.config.RAT_DEADLINE_MONTHS;
    const rat = tx.manager.create(Rat, {
      accountabilityReportReceived: false,
      financialStatementsReceived: false,
      workPlanReceived: false,
      ...Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)),
      cooperativeId,
      deadline: ratDeadline(dto.fiscalYear, months),
      late: isLate(dto.meetingDate, dto.fiscalYear, months),
      recordedBy: (currentActor() ?? SYSTEM_ACTOR).id,
    });
    await tx.manager.save(rat);
    const [[{ version }]]: [{ version: number }[], number] = await tx.manager.query(
      'UPDATE cooperatives SET last_rat_year = GREATEST(last_rat_year, $2), version = version + 1 WHERE id = $1 RETURNING version',
      [cooperativeId, dto.fiscalYear],
    );
    await tx.audit({
      action: 'rat.recorded',
      entityType: 'Cooperative',
      entityId: cooperativeId,
      after: { ratId: rat.id, ...dto, late: rat.late },
    });
    await tx.publish('registry.rat-recorded.v1', {
      cooperativeId,
      cooperativeVersion: version,
      ratId: rat.id,
      fiscalYear: rat.fiscalYear,
      meetingDate: rat.meetingDate,
      reportedDate: rat.reportedDate,
      late: rat.late,
    });
    if (cooperative.status === 'INACTIVE') {
      await this.statuses.change(tx, cooperative, 'ACTIVE', {
        reason: `RAT for fiscal year ${dto.fiscalYear} held on ${dto.meetingDate} and reported`,
      });
    }
    return rat;
  }

  /**
   * Corrects a recorded RAT: the same rules as recording it (a corrected fiscal year too: not before
   * the legal-entity year, not one already recorded), the deadline and lateness recomputed, the
   * previous values and the reason in the audit log. Nothing is overwritten silently or deleted.
   */
  amend(cooperativeId: string, fiscalYear: number, dto: AmendRatDto): Promise<Rat> {
    return this.uow.run(async (tx) => {
      const cooperative = await this.statuses.lock(tx, cooperativeId);
      const rat = await tx.manager.findOneBy(Rat, { cooperativeId, fiscalYear });
      if (!rat) throw ratNotFound(cooperativeId, fiscalYear);
      const { reason, ...given } = dto;
      const { changed, before, after } = changedFields<Rat>(rat, given);
      if (changed.length === 0) return rat;
      const amended = { ...rat, ...after };
      this.validate(amended);
      const months = this.config.RAT_DEADLINE_MONTHS;
      const movesYear = amended.fiscalYear !== fiscalYear;
      if (movesYear) await this.assertYearFree(tx, cooperative, amended.fiscalYear);
      const late = isLate(amended.meetingDate, amended.fiscalYear, months);
      const deadline = movesYear ? ratDeadline(amended.fiscalYear, months) : rat.deadline;
      await tx.manager.update(Rat, { id: rat.id }, { ...after, late, deadline });
      if (movesYear) {
        await tx.manager.query(
          `UPDATE cooperatives SET last_rat_year = latest.year, version = version + 1
           FROM (SELECT COALESCE(max(fiscal_year), 0) AS year FROM rats WHERE cooperative_id = $1) latest
           WHERE id = $1 AND last_rat_year <> latest.year`,
          [cooperativeId],
        );
      }
      await tx.audit({
        action: 'rat.amended',
        entityType: 'Cooperative',
        entityId: cooperativeId,
        before: { ratId: rat.id, fiscalYear, ...before, late: rat.late, deadline: rat.deadline },
        after: { ratId: rat.id, fiscalYear: amended.fiscalYear, ...after, late, deadline },
        reason,
      });
      return tx.manager.findOneByOrFail(Rat, { id: rat.id });
    });
  }

  /** A RAT may be for a fiscal year from the legal-entity year on, once per year. */
  private async assertYearFree(tx: Tx, cooperative: Cooperative, fiscalYear: number): Promise<void> {
    if (isBeforeLegalEntity(fiscalYear, cooperative.legalEntityDate))
      throw fiscalYearBeforeLegalEntity(fiscalYear, cooperative.legalEntityDate);
    if (await tx.manager.existsBy(Rat, { cooperativeId: cooperative.id, fiscalYear }))
      throw ratAlreadyRecorded(cooperative.id, fiscalYear);
  }

  async list(cooperativeId: string): Promise<Rat[]> {
    if (!(await this.dataSource.getRepository(Cooperative).existsBy({ id: cooperativeId })))
      throw cooperativeNotFound(cooperativeId);
    return this.dataSource.getRepository(Rat).find({ where: { cooperativeId }, order: { fiscalYear: 'DESC' } });
  }

  /** The corrections of the cooperative's RATs, by RAT id. */
  amendments(cooperativeId: string): Promise<Map<string, AmendmentView[]>> {
    return amendmentsByRecord(this.dataSource, cooperativeId, 'rat.amended', 'ratId');
  }

  private validate(
    dto: Pick<RecordRatDto, 'fiscalYear' | 'meetingDate' | 'reportedDate' | 'membersPresent' | 'membersTotal'>,
  ): void {
    assertNotInFuture(
      { meetingDate: dto.meetingDate, reportedDate: dto.reportedDate },
      officeDate(new Date(), this.config.OFFICE_UTC_OFFSET_MINUTES),
    );
    if (dto.meetingDate < `${dto.fiscalYear + 1}-01-01`) throw meetingBeforeFiscalYearEnd(dto.fiscalYear);
    if (dto.reportedDate < dto.meetingDate) throw reportedBeforeMeeting();
    if (dto.membersPresent > dto.membersTotal) throw membersPresentExceedTotal();
  }
}
