import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Every service's free-text search (`q`) needs this many characters (a trigram index cannot narrow fewer). */
export const SEARCH_MIN_LENGTH = 3;
export const SEARCH_MAX_LENGTH = 120;

/** The `q` query parameter of a list, with the shared length rules. */
export const SearchText = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, minLength: SEARCH_MIN_LENGTH, maxLength: SEARCH_MAX_LENGTH }),
    IsOptional(),
    IsString(),
    MinLength(SEARCH_MIN_LENGTH),
    MaxLength(SEARCH_MAX_LENGTH),
  );

/** A user's text inside a LIKE pattern matches literally (% and _ are not wildcards). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);
