import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import { badRequest, currentActor, DomainError, SERVICE_CONFIG, UnitOfWork, type Tx } from '@koperasi/platform';
import { DataSource, Not } from 'typeorm';
import type { RegistryConfig } from '../config';
import { addMonths, assertNotInFuture, officeDate } from '../common/dates';
import { Cooperative } from './cooperative.entity';
import { applyFilters, applyOrder, encodeCursor } from './cooperative-query';
import { snapshotOf } from './cooperative-snapshot';
import { checkTransition, isManualTransition } from './cooperative-status';
import { CityAreas, resolveArea } from '../areas/city-areas.service';
import { insertCooperatives, insertStatusHistory } from './cooperative-rows';
import { CooperativeStatusService } from './cooperative-status.service';
import {
  amendmentBeforeLegalEntity,
  cooperativeNotFound,
  legalEntityNumberTaken,
  nikTaken,
  notManualTransition,
  staleVersion,
  reasonRequired,
} from './cooperatives.errors';
import type { ChangeStatusDto } from './dto/change-status.dto';
import type { RegisterCooperativeDto } from './dto/cooperative-fields.dto';
import type { ListCooperativesQuery } from './dto/list-cooperatives.query';
import type { UpdateCooperativeDto } from './dto/update-cooperative.dto';
import { StatusHistoryEntry } from './status-history.entity';

type Fields = Omit<RegisterCooperativeDto, 'initialStatus' | 'nikCertificateIssuedOn'>;
const AUDITED_ENTITY = 'Cooperative';
const REQUIRED_FIELDS = [
  'name',
  'legalEntityNumber',
  'legalEntityDate',
  'type',
  'kelurahan',
  'kecamatan',
  'city',
  'province',
  'form',
  'scheme',
  'nikCertificateStatus',
  'membersMale',
  'membersFemale',
  'employees',
];

/** Fields of the legal identity: they do not change in life, so a change is a correction and says why. */
const LEGAL_IDENTITY_FIELDS: (keyof Fields)[] = ['legalEntityNumber', 'legalEntityDate'];

@Injectable()
export class CooperativesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly statuses: CooperativeStatusService,
    private readonly areas: CityAreas,
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
  ) {}

  today(): string {
    return officeDate(new Date(), this.config.OFFICE_UTC_OFFSET_MINUTES);
  }

  /** Registers inside the caller's transaction (the HTTP command's, or the import's row by row). */
  async registerIn(tx: Tx, dto: RegisterCooperativeDto): Promise<Cooperative> {
    const [registered] = await this.registerAllIn(tx, [dto]);
    if (registered instanceof DomainError) throw registered;
    return registered;
  }

  /**
   * Registers many in a few statements (an import's chunk): answers, for each in order, its
   * cooperative or the refusal `registerIn` would have thrown for it had they been registered one
   * after the other. A database error (a value out of range) refuses them all and is thrown.
   */
  async registerAllIn(tx: Tx, dtos: RegisterCooperativeDto[]): Promise<(Cooperative | DomainError)[]> {
    const areas = await this.areas.load(tx.manager);
    const checked = dtos.map((dto) =>
      refusalOr(() => {
        const fields = this.normalise(dto);
        return { ...fields, ...resolveArea(areas, fields.kecamatan, fields.kelurahan), status: dto.initialStatus };
      }),
    );
    const taken = await this.takenKeys(
      tx,
      checked.filter((item) => !(item instanceof DomainError)),
    );
    const accepted = checked.map((item) => {
      if (item instanceof DomainError) return item;
      if (taken.numbers.has(item.legalEntityNumber)) return legalEntityNumberTaken(item.legalEntityNumber);
      if (item.nik && taken.niks.has(item.nik)) return nikTaken(item.nik);
      taken.numbers.add(item.legalEntityNumber);
      if (item.nik) taken.niks.add(item.nik);
      return item;
    });
    const now = new Date();
    const actorId = (currentActor() ?? SYSTEM_ACTOR).id;
    const toInsert = accepted.filter((item) => !(item instanceof DomainError));
    const inserted = await insertCooperatives(
      tx.manager,
      toInsert.map(({ status, ...fields }) => ({
        ...this.defaults(),
        ...fields,
        status: status ?? 'ACTIVE',
        statusChangedAt: now,
        lastRatYear: 0,
      })),
    );
    await insertStatusHistory(
      tx.manager,
      inserted.map((cooperative) => ({
        cooperativeId: cooperative.id,
        fromStatus: null,
        toStatus: cooperative.status,
        at: now,
        // A registered cooperative existed since its legal-entity date (most are migrated from paper).
        effectiveOn: cooperative.legalEntityDate,
        reason: 'Registered',
        actorId,
        triggeringEventId: null,
      })),
    );
    await tx.auditAll(
      inserted.map((cooperative, index) => {
        const { status: _status, ...fields } = toInsert[index];
        return {
          action: 'cooperative.registered',
          entityType: AUDITED_ENTITY,
          entityId: cooperative.id,
          after: fields,
        };
      }),
    );
    await tx.publishAll(
      'registry.cooperative-registered.v1',
      inserted.map((cooperative) => ({
        ...snapshotOf(cooperative),
        registeredAt: cooperative.registeredAt.toISOString(),
      })),
    );
    const saved = [...inserted];
    return accepted.map((item) => (item instanceof DomainError ? item : saved.shift()!));
  }

  async update(id: string, dto: UpdateCooperativeDto): Promise<Cooperative> {
    return this.uow.run(async (tx) => {
      const current = await this.statuses.lock(tx, id);
      if (dto.version !== undefined && dto.version !== current.version)
        throw staleVersion(id, dto.version, current.version);
      const { version: _version, reason, ...patch } = dto;
      const cleared = REQUIRED_FIELDS.filter((key) => key in patch && (patch as Record<string, unknown>)[key] === null);
      if (cleared.length > 0) {
        throw badRequest('VALIDATION_FAILED', 'The request is not valid', {
          fields: cleared.map((field) => ({ field, problems: [`${field} may not be cleared`] })),
        });
      }
      const merged = this.normalise({ ...this.editableFields(current), ...patch } as RegisterCooperativeDto);
      if (patch.kecamatan !== undefined || patch.kelurahan !== undefined)
        Object.assign(merged, await this.areas.resolve(tx.manager, merged.kecamatan, merged.kelurahan));
      const changedFields = (Object.keys(merged) as (keyof Fields)[]).filter(
        (key) => (merged[key] ?? null) !== ((current as unknown as Record<string, unknown>)[key] ?? null),
      );
      if (changedFields.length === 0) return current;
      await this.assertUnique(tx, merged.legalEntityNumber, merged.nik ?? null, id);
      const identity = changedFields.filter((field) => LEGAL_IDENTITY_FIELDS.includes(field));
      if (identity.length > 0 && !reason) throw reasonRequired(identity);
      const before = Object.fromEntries(
        changedFields.map((key) => [key, (current as unknown as Record<string, unknown>)[key] ?? null]),
      );
      const after = Object.fromEntries(changedFields.map((key) => [key, merged[key] ?? null]));
      await tx.manager.update(Cooperative, { id }, after);
      if (changedFields.includes('legalEntityDate')) await this.moveRegistrationDate(tx, id, merged.legalEntityDate);
      const updated = await tx.manager.findOneByOrFail(Cooperative, { id });
      await tx.audit({
        action: 'cooperative.details-changed',
        entityType: AUDITED_ENTITY,
        entityId: id,
        before,
        after,
        reason: reason ?? null,
      });
      await tx.publish('registry.cooperative-details-changed.v1', { ...snapshotOf(updated), changedFields });
      return updated;
    });
  }

  /** The registration takes effect at the corrected legal-entity date, never after the next change. */
  private async moveRegistrationDate(tx: Tx, id: string, legalEntityDate: string): Promise<void> {
    await tx.manager.query(
      `UPDATE status_history h SET effective_on = LEAST($2::date,
         coalesce((SELECT min(n.effective_on) FROM status_history n WHERE n.cooperative_id = $1 AND n.from_status IS NOT NULL), $2::date))
       WHERE h.cooperative_id = $1 AND h.from_status IS NULL`,
      [id, legalEntityDate],
    );
  }

  async get(id: string): Promise<Cooperative> {
    const cooperative = await this.dataSource.getRepository(Cooperative).findOneBy({ id });
    if (!cooperative) throw cooperativeNotFound(id);
    return cooperative;
  }

  async list(
    query: ListCooperativesQuery,
  ): Promise<{ items: Cooperative[]; total: number; nextCursor: string | null }> {
    const base = () => applyFilters(this.dataSource.getRepository(Cooperative).createQueryBuilder('c'), query);
    const page = applyOrder(base(), query, query.after).limit(query.limit);
    if (!query.after) page.offset(query.offset);
    const [items, total] = await Promise.all([page.getMany(), base().getCount()]);
    const nextCursor = items.length === query.limit ? encodeCursor(query.sort, items[items.length - 1]) : null;
    return { items, total, nextCursor };
  }

  async history(id: string): Promise<StatusHistoryEntry[]> {
    await this.get(id);
    return this.dataSource
      .getRepository(StatusHistoryEntry)
      .find({ where: { cooperativeId: id }, order: { at: 'ASC', id: 'ASC' } });
  }

  async changeStatus(id: string, dto: ChangeStatusDto): Promise<Cooperative> {
    return this.uow.run(async (tx) => {
      const cooperative = await this.statuses.lock(tx, id);
      // Allowed by the state machine but owned by the dissolution workflow: not for a registrar's hand.
      if (checkTransition(cooperative.status, dto.to).ok && !isManualTransition(cooperative.status, dto.to)) {
        throw notManualTransition(id, cooperative.status, dto.to);
      }
      return this.statuses.change(tx, cooperative, dto.to, { reason: dto.reason });
    });
  }

  private defaults() {
    return {
      form: 'PRIMARY_CITY',
      scheme: 'CONVENTIONAL',
      nikCertificateStatus: 'NOT_CERTIFIED',
      city: this.config.DEFAULT_CITY,
      province: this.config.DEFAULT_PROVINCE,
    };
  }

  private normalise(dto: RegisterCooperativeDto): Fields {
    const { initialStatus: _status, nikCertificateIssuedOn, ...given } = dto;
    // DTO instances carry every declared property, undefined when not sent.
    const fields = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as Fields;
    assertNotInFuture(
      {
        legalEntityDate: fields.legalEntityDate,
        articlesAmendmentDate: fields.articlesAmendmentDate,
        nikCertificateIssuedOn,
      },
      this.today(),
    );
    if (fields.articlesAmendmentDate && fields.articlesAmendmentDate < fields.legalEntityDate)
      throw amendmentBeforeLegalEntity();
    const expiresOn =
      fields.nikCertificateExpiresOn ??
      (nikCertificateIssuedOn
        ? addMonths(nikCertificateIssuedOn, 12 * this.config.NIK_CERTIFICATE_VALIDITY_YEARS)
        : undefined);
    return {
      ...fields,
      name: fields.name.trim(),
      legalEntityNumber: fields.legalEntityNumber.trim(),
      ...(expiresOn ? { nikCertificateExpiresOn: expiresOn } : {}),
    };
  }

  private editableFields(c: Cooperative): Fields {
    const {
      id: _id,
      status: _s,
      statusChangedAt: _a,
      lastRatYear: _l,
      registeredAt: _r,
      updatedAt: _u,
      version: _v,
      ...fields
    } = c;
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as unknown as Fields;
  }

  /** Legal-entity numbers and NIKs of `items` the registry holds already. */
  private async takenKeys(
    tx: Tx,
    items: Pick<Fields, 'legalEntityNumber' | 'nik'>[],
  ): Promise<{ numbers: Set<string>; niks: Set<string> }> {
    const rows: { legal_entity_number: string; nik: string | null }[] = await tx.manager.query(
      `SELECT legal_entity_number, nik FROM cooperatives WHERE legal_entity_number = ANY($1::varchar[]) OR nik = ANY($2::varchar[])`,
      [items.map((item) => item.legalEntityNumber), items.flatMap((item) => (item.nik ? [item.nik] : []))],
    );
    return {
      numbers: new Set(rows.map((row) => row.legal_entity_number)),
      niks: new Set(rows.flatMap((row) => (row.nik ? [row.nik] : []))),
    };
  }

  private async assertUnique(tx: Tx, legalEntityNumber: string, nik: string | null, exceptId?: string): Promise<void> {
    const others = exceptId ? { id: Not(exceptId) } : {};
    if (await tx.manager.existsBy(Cooperative, { legalEntityNumber, ...others }))
      throw legalEntityNumberTaken(legalEntityNumber);
    if (nik && (await tx.manager.existsBy(Cooperative, { nik, ...others }))) throw nikTaken(nik);
  }
}

/** What `make` answers, or the domain refusal it threw. */
function refusalOr<T>(make: () => T): T | DomainError {
  try {
    return make();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}
