import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { Costly } from '../rate-limit/costly.decorator';
import { PageQuery } from '../http/pagination.dto';
import { AuditLog } from './audit-log.service';

class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) actorId?: string;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLog) {}

  @Get()
  @Roles('supervisor', 'manager', 'admin')
  @Costly()
  @ApiOperation({ summary: 'The audit trail of this service, oldest first' })
  @ApiOkResponse({ description: '{ items, total }' })
  find(@Query() query: AuditQueryDto) {
    return this.auditLog.find(query);
  }
}
