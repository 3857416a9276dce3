import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@koperasi/contracts';
import { ErrorBody } from '../http/error-body';

export const ROLES_KEY = 'koperasi:roles';
export const PUBLIC_KEY = 'koperasi:public';

/** Who may call the route; documented in OpenAPI. Every route carries this or `@Public()`. */
export function Roles(...roles: Role[]) {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorBody, description: 'Missing, expired or invalid token' }),
    ApiForbiddenResponse({ type: ErrorBody, description: `Allowed roles: ${roles.join(', ')}` }),
  );
}

export const Public = () => SetMetadata(PUBLIC_KEY, true);
