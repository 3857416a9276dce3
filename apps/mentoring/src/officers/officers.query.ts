import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { toBoolean } from '../cases/dto/case-queue.query';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class OfficersQuery {
  @ApiPropertyOptional({ description: 'Only officers covering this kecamatan' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  kecamatan?: string;

  @ApiPropertyOptional({ default: false, description: 'Also list active supervisors (who may take cases too)' })
  @Transform(toBoolean)
  @IsBoolean()
  includeSupervisors: boolean = false;
}
