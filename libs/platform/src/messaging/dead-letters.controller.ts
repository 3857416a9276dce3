import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
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

class DismissDeadLetterDto {
  @ApiProperty({ description: 'Why no retry is needed', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
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
      '{ items: [{ id, queue, jobId, eventId, eventType, payload, errorCode, errorMessage, attempts, createdAt, retryCount, resolvedAt, resolvedBy, resolution, resolutionReason }], total }, newest first',
  })
  list(@Query() query: DeadLetterQuery) {
    return this.deadLetters.list(query);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({
    summary: 'Put a dead-lettered event back on the inbox queue (a new job each time), optionally with corrected data',
    description:
      'A BAD_SIGNATURE dead letter (unsigned or altered job) is not re-queued: its producer is asked to send the event again from its outbox. An event id the producer does not have comes back as an UNKNOWN_TO_PRODUCER dead letter, which can only be dismissed.',
  })
  @ApiAcceptedResponse({
    description:
      'The dead letter, resolved by the retry; the event is back on the inbox queue, or its producer was asked to re-publish it',
  })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'DEAD_LETTER_ALREADY_RETRIED, DEAD_LETTER_ALREADY_DISMISSED' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'DEAD_LETTER_IDENTITY_CHANGED (cooperativeId, proceedingId or caseId differ), INVALID_PAYLOAD, DEAD_LETTER_NOT_RETRYABLE (no event id or type, UNKNOWN_TO_PRODUCER, or data given for BAD_SIGNATURE)',
  })
  retry(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RetryDeadLetterDto) {
    return this.deadLetters.retry(id, body.data);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Close a dead letter without retrying it, with the reason' })
  @ApiOkResponse({ description: 'The dead letter, resolved as DISMISSED with the admin and the reason' })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'DEAD_LETTER_ALREADY_RETRIED, DEAD_LETTER_ALREADY_DISMISSED' })
  dismiss(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: DismissDeadLetterDto) {
    return this.deadLetters.dismiss(id, body.reason);
  }
}
