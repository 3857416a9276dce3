import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ErrorBody } from '@koperasi/platform';

/** OpenAPI error responses, each naming the codes a route may answer. */
export const ApiBadRequest = (codes = 'VALIDATION_FAILED') =>
  ApiBadRequestResponse({ type: ErrorBody, description: codes });
export const ApiNotFound = (codes = 'COOPERATIVE_NOT_FOUND') =>
  ApiNotFoundResponse({ type: ErrorBody, description: codes });
export const ApiConflict = (codes: string) => ApiConflictResponse({ type: ErrorBody, description: codes });
export const ApiUnprocessable = (codes: string) =>
  ApiUnprocessableEntityResponse({ type: ErrorBody, description: codes });
export const ApiErrors = (...decorators: MethodDecorator[]) => applyDecorators(...decorators);
