import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@koperasi/platform';
import { ApiBadRequest, ApiConflict, ApiNotFound, ApiUnprocessable } from '../common/api-errors';
import { UuidParam } from '../common/uuid-param';
import { CooperativesService } from './cooperatives.service';
import { ChangeStatusDto } from './dto/change-status.dto';
import { RegisterCooperativeDto } from './dto/cooperative-fields.dto';
import {
  CooperativePage,
  CooperativeView,
  StatusHistoryView,
  toCooperativeView,
  toStatusHistoryView,
} from './dto/cooperative.view';
import { ListCooperativesQuery } from './dto/list-cooperatives.query';
import { UpdateCooperativeDto } from './dto/update-cooperative.dto';

export const READ_ROLES = ['registrar', 'officer', 'supervisor', 'manager', 'admin'] as const;

@ApiTags('cooperatives')
@Controller('cooperatives')
export class CooperativesController {
  constructor(private readonly cooperatives: CooperativesService) {}

  @Post()
  @Roles('registrar')
  @ApiOperation({ summary: 'Register a cooperative (publishes registry.cooperative-registered.v1)' })
  @ApiCreatedResponse({ type: CooperativeView })
  @ApiBadRequest('VALIDATION_FAILED, DATE_IN_FUTURE')
  @ApiConflict('LEGAL_ENTITY_NUMBER_TAKEN, NIK_TAKEN')
  @ApiUnprocessable('AMENDMENT_BEFORE_LEGAL_ENTITY, UNKNOWN_KECAMATAN, KELURAHAN_NOT_IN_KECAMATAN')
  async register(@Body() dto: RegisterCooperativeDto): Promise<CooperativeView> {
    return toCooperativeView(await this.cooperatives.register(dto));
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'List cooperatives: filtered, sorted, paginated (offset or keyset cursor) with a total' })
  @ApiOkResponse({ type: CooperativePage })
  @ApiBadRequest('VALIDATION_FAILED, INVALID_CURSOR')
  async list(@Query() query: ListCooperativesQuery): Promise<CooperativePage> {
    const { items, total, nextCursor } = await this.cooperatives.list(query);
    return {
      items: items.map(toCooperativeView),
      total,
      limit: query.limit,
      offset: query.after ? 0 : query.offset,
      nextCursor,
    };
  }

  @Get(':id')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Read one cooperative' })
  @ApiOkResponse({ type: CooperativeView })
  @ApiBadRequest('INVALID_IDENTIFIER')
  @ApiNotFound()
  async get(@UuidParam('id') id: string): Promise<CooperativeView> {
    return toCooperativeView(await this.cooperatives.get(id));
  }

  @Patch(':id')
  @Roles('registrar')
  @ApiOperation({
    summary:
      'Change or correct registry details, with a reason (required for the legal identity); the previous values stay in the audit log; publishes registry.cooperative-details-changed.v1 when something changed',
  })
  @ApiOkResponse({ type: CooperativeView })
  @ApiBadRequest('VALIDATION_FAILED, DATE_IN_FUTURE, INVALID_IDENTIFIER')
  @ApiNotFound()
  @ApiConflict('LEGAL_ENTITY_NUMBER_TAKEN, NIK_TAKEN, STALE_VERSION')
  @ApiUnprocessable('AMENDMENT_BEFORE_LEGAL_ENTITY, REASON_REQUIRED, UNKNOWN_KECAMATAN, KELURAHAN_NOT_IN_KECAMATAN')
  async update(@UuidParam('id') id: string, @Body() dto: UpdateCooperativeDto): Promise<CooperativeView> {
    return toCooperativeView(await this.cooperatives.update(id, dto));
  }

  @Get(':id/status-history')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Every status the cooperative took, oldest first' })
  @ApiOkResponse({ type: [StatusHistoryView] })
  @ApiBadRequest('INVALID_IDENTIFIER')
  @ApiNotFound()
  async history(@UuidParam('id') id: string): Promise<StatusHistoryView[]> {
    return (await this.cooperatives.history(id)).map(toStatusHistoryView);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('registrar', 'supervisor')
  @ApiOperation({
    summary: 'Correct the status by hand (ACTIVE <-> INACTIVE only; publishes registry.cooperative-status-changed.v1)',
  })
  @ApiOkResponse({ type: CooperativeView })
  @ApiBadRequest('VALIDATION_FAILED, INVALID_IDENTIFIER')
  @ApiNotFound()
  @ApiConflict('INVALID_STATUS_TRANSITION (details.currentStatus), STATUS_CHANGE_NOT_MANUAL')
  async changeStatus(@UuidParam('id') id: string, @Body() dto: ChangeStatusDto): Promise<CooperativeView> {
    return toCooperativeView(await this.cooperatives.changeStatus(id, dto));
  }
}
