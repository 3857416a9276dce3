import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import { currentActor, SERVICE_CONFIG, UnitOfWork, type Tx } from '@koperasi/platform';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { RegistryConfig } from '../config';
import { assertNotInFuture, officeDate } from '../common/dates';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { CooperativeStatusService } from '../cooperatives/cooperative-status.service';
import { cooperativeNotFound } from '../cooperatives/cooperatives.errors';
import { Rat } from '../rats/rat.entity';
import { changedFields } from '../common/amendment';
import { amendmentsByRecord, type AmendmentView } from '../common/amendment-history';
import type { AmendAssessmentDto, AssessHealthDto } from './dto/assess-health.dto';
import { HealthAssessment } from './health-assessment.entity';
import {
  alreadyAssessed,
  assessmentNotFound,
  categoryInconsistentWithRatings,
  ratRequired,
  rubricInputInvalid,
  schemeNotApplicable,
} from './health.errors';
import { CURRENT_RUBRIC } from './rubrics';
import { checkInputs, scoreSchemeA } from './scheme-a-scoring';
import { allowedSchemeBCategories } from './scheme-b-category';

type Outcome = Pick<HealthAssessment, 'rubricVersion' | 'score' | 'category' | 'evidence'>;

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly statuses: CooperativeStatusService,
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /** Assesses inside the caller's transaction (the HTTP command's). */
  async assessIn(tx: Tx, cooperativeId: string, dto: AssessHealthDto): Promise<HealthAssessment> {
    assertNotInFuture({ assessedOn: dto.assessedOn }, officeDate(new Date(), this.config.OFFICE_UTC_OFFSET_MINUTES));
    const cooperative = await this.statuses.lock(tx, cooperativeId);
    const outcome = dto.scheme === 'A' ? this.schemeA(cooperative, dto) : this.schemeB(dto);
    if (!(await tx.manager.existsBy(Rat, { cooperativeId, fiscalYear: dto.fiscalYear })))
      throw ratRequired(cooperativeId, dto.fiscalYear);
    if (
      await tx.manager.existsBy(HealthAssessment, { cooperativeId, fiscalYear: dto.fiscalYear, scheme: dto.scheme })
    ) {
      throw alreadyAssessed(cooperativeId, dto.fiscalYear, dto.scheme);
    }
    const assessment = await tx.manager.save(
      tx.manager.create(HealthAssessment, {
        cooperativeId,
        fiscalYear: dto.fiscalYear,
        scheme: dto.scheme,
        assessedOn: dto.assessedOn,
        notes: dto.notes ?? null,
        assessedBy: (currentActor() ?? SYSTEM_ACTOR).id,
        ...outcome,
      }),
    );
    await tx.audit({
      action: 'health.assessed',
      entityType: 'Cooperative',
      entityId: cooperativeId,
      after: { assessmentId: assessment.id, fiscalYear: dto.fiscalYear, scheme: dto.scheme, ...outcome },
    });
    await this.publishAssessed(tx, assessment, cooperative);
    return assessment;
  }

  /**
   * Corrects an assessment with a reason: re-scored from corrected inputs, the previous values kept
   * in the audit log; a changed category is published again, so a poor one opens its follow-up.
   */
  amend(cooperativeId: string, assessmentId: string, dto: AmendAssessmentDto): Promise<HealthAssessment> {
    assertNotInFuture({ assessedOn: dto.assessedOn }, officeDate(new Date(), this.config.OFFICE_UTC_OFFSET_MINUTES));
    return this.uow.run(async (tx) => {
      const cooperative = await this.statuses.lock(tx, cooperativeId);
      const current = await tx.manager.findOneBy(HealthAssessment, { id: assessmentId, cooperativeId });
      if (!current) throw assessmentNotFound(assessmentId);
      const { reason, ...given } = dto;
      const rescored = this.rescore(cooperative, current, given);
      const { changed, before, after } = changedFields<HealthAssessment>(current, {
        assessedOn: given.assessedOn,
        notes: given.notes,
        ...(rescored && {
          rubricVersion: rescored.rubricVersion,
          score: rescored.score,
          category: rescored.category,
        }),
      });
      const evidenceChanged = rescored && JSON.stringify(rescored.evidence) !== JSON.stringify(current.evidence);
      if (changed.length === 0 && !evidenceChanged) return current;
      const evidence = evidenceChanged ? { evidence: rescored.evidence } : {};
      await tx.manager.update(HealthAssessment, { id: assessmentId }, {
        ...after,
        ...evidence,
      } as QueryDeepPartialEntity<HealthAssessment>);
      await tx.audit({
        action: 'health.assessment-amended',
        entityType: 'Cooperative',
        entityId: cooperativeId,
        before: { assessmentId, ...before, ...(evidenceChanged ? { evidence: current.evidence } : {}) },
        after: { assessmentId, ...after, ...evidence },
        reason,
      });
      const amended = await tx.manager.findOneByOrFail(HealthAssessment, { id: assessmentId });
      if (amended.category !== current.category) await this.publishAssessed(tx, amended, cooperative);
      return amended;
    });
  }

  private publishAssessed(tx: Tx, assessment: HealthAssessment, cooperative: Cooperative): Promise<string> {
    return tx.publish('registry.health-assessed.v1', {
      cooperativeId: assessment.cooperativeId,
      cooperativeVersion: cooperative.version,
      assessmentId: assessment.id,
      fiscalYear: assessment.fiscalYear,
      scheme: assessment.scheme,
      category: assessment.category,
      score: assessment.score,
    });
  }

  /** The outcome of corrected inputs, or null when none of the scoring inputs is corrected. */
  private rescore(cooperative: Cooperative, current: HealthAssessment, given: Omit<AmendAssessmentDto, 'reason'>) {
    if (!given.components && !given.aspectRatings && !given.finalCategory) return null;
    if (current.scheme === 'A') {
      return this.schemeA(cooperative, { ...given, scheme: 'A', fiscalYear: current.fiscalYear } as AssessHealthDto);
    }
    const recorded = (current.evidence as { aspectRatings: AssessHealthDto['aspectRatings'] }).aspectRatings;
    return this.schemeB({
      ...given,
      aspectRatings: given.aspectRatings ?? recorded,
      finalCategory: given.finalCategory ?? current.category,
    } as AssessHealthDto);
  }

  async list(cooperativeId: string): Promise<HealthAssessment[]> {
    if (!(await this.dataSource.getRepository(Cooperative).existsBy({ id: cooperativeId })))
      throw cooperativeNotFound(cooperativeId);
    return this.dataSource
      .getRepository(HealthAssessment)
      .find({ where: { cooperativeId }, order: { fiscalYear: 'DESC', scheme: 'ASC' } });
  }

  /** The corrections of the cooperative's assessments, by assessment id. */
  amendments(cooperativeId: string): Promise<Map<string, AmendmentView[]>> {
    return amendmentsByRecord(this.dataSource, cooperativeId, 'health.assessment-amended', 'assessmentId');
  }

  private schemeA(cooperative: Cooperative, dto: AssessHealthDto): Outcome {
    if (cooperative.type !== 'SAVINGS_AND_LOAN') throw schemeNotApplicable(cooperative.type);
    if (dto.aspectRatings || dto.finalCategory)
      throw rubricInputInvalid(
        'Scheme A is scored from components; aspect ratings and a final category belong to scheme B',
        {},
      );
    const rubric = CURRENT_RUBRIC.A;
    const inputs = dto.components ?? {};
    const problem = checkInputs(rubric, inputs);
    if (problem)
      throw rubricInputInvalid(`The components do not match rubric ${rubric.version}`, {
        rubricVersion: rubric.version,
        ...problem,
      });
    const result = scoreSchemeA(rubric, inputs as Record<string, number>);
    return {
      rubricVersion: rubric.version,
      score: result.score,
      category: result.category,
      evidence: { components: result.components, aspects: result.aspects },
    };
  }

  private schemeB(dto: AssessHealthDto): Outcome {
    if (dto.components) throw rubricInputInvalid('Scheme B records aspect ratings, not scheme A components', {});
    if (!dto.aspectRatings || !dto.finalCategory) {
      throw rubricInputInvalid("Scheme B needs aspectRatings and the assessor's finalCategory", {
        missing: [!dto.aspectRatings && 'aspectRatings', !dto.finalCategory && 'finalCategory'].filter(Boolean),
      });
    }
    const { GOVERNANCE, RISK_PROFILE, FINANCIAL_PERFORMANCE, CAPITAL } = dto.aspectRatings;
    const rubric = CURRENT_RUBRIC.B;
    const allowed = allowedSchemeBCategories(rubric, [GOVERNANCE, RISK_PROFILE, FINANCIAL_PERFORMANCE, CAPITAL]);
    if (allowed && !allowed.includes(dto.finalCategory))
      throw categoryInconsistentWithRatings(dto.finalCategory, allowed, rubric.version);
    return {
      rubricVersion: rubric.version,
      score: null,
      category: dto.finalCategory,
      evidence: { aspectRatings: { GOVERNANCE, RISK_PROFILE, FINANCIAL_PERFORMANCE, CAPITAL } },
    };
  }
}
