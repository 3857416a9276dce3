import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import { currentActor, SERVICE_CONFIG, type Tx } from '@koperasi/platform';
import { DataSource } from 'typeorm';
import type { RegistryConfig } from '../config';
import { assertNotInFuture, officeDate } from '../common/dates';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { CooperativeStatusService } from '../cooperatives/cooperative-status.service';
import { cooperativeNotFound } from '../cooperatives/cooperatives.errors';
import { Rat } from '../rats/rat.entity';
import type { AssessHealthDto } from './dto/assess-health.dto';
import { HealthAssessment } from './health-assessment.entity';
import { alreadyAssessed, ratRequired, rubricInputInvalid, schemeNotApplicable } from './health.errors';
import { CURRENT_RUBRIC } from './rubrics';
import { checkInputs, scoreSchemeA } from './scheme-a-scoring';

type Outcome = Pick<HealthAssessment, 'rubricVersion' | 'score' | 'category' | 'evidence'>;

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
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
    await tx.publish('registry.health-assessed.v1', {
      cooperativeId,
      assessmentId: assessment.id,
      fiscalYear: assessment.fiscalYear,
      scheme: assessment.scheme,
      category: assessment.category,
      score: assessment.score,
    });
    return assessment;
  }

  async list(cooperativeId: string): Promise<HealthAssessment[]> {
    if (!(await this.dataSource.getRepository(Cooperative).existsBy({ id: cooperativeId })))
      throw cooperativeNotFound(cooperativeId);
    return this.dataSource
      .getRepository(HealthAssessment)
      .find({ where: { cooperativeId }, order: { fiscalYear: 'DESC', scheme: 'ASC' } });
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
    return {
      rubricVersion: CURRENT_RUBRIC.B.version,
      score: null,
      category: dto.finalCategory,
      evidence: { aspectRatings: { GOVERNANCE, RISK_PROFILE, FINANCIAL_PERFORMANCE, CAPITAL } },
    };
  }
}
