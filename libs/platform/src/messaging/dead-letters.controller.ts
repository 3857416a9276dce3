import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { ErrorBody } from '../http/error-body';
import { PageQuery } from '../http/pagination.dto';
import { DeadLetters } from './dead-letters.service';

class DeadLetterQuery extends PageQuery {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  includeResolved: boolean = false;
}

class RetryDeadLetterDto {
  @ApiPropertyOptional({
    description: 'Corrected event data; omit when the fix was in the code',
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

@ApiTags('admin')
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Events this service could not apply' })
  @ApiOkResponse({
    description:
      '{ items: [{ id, queue, eventId, eventType, payload, errorCode, errorMessage, attempts, createdAt, retryCount, resolvedAt, resolvedBy }], total }, newest first',
  })
  list(@Query() query: DeadLetterQuery) {
    return this.deadLetters.list(query);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Put a dead-lettered event back on the inbox queue, optionally with corrected data' })
  @ApiAcceptedResponse({ description: 'The dead letter, resolved by the retry; the event is back on the inbox queue' })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Already retried' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'DEAD_LETTER_NOT_RETRYABLE' })
  retry(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RetryDeadLetterDto) {
    return this.deadLetters.retry(id, body.data);
  }
}
