import type { Role } from '@koperasi/contracts';
import { forbidden } from '../http/domain-error';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * A list that some roles read whole and others only for one cooperative (a registrar reading the cases or the
 * proceeding of the cooperative on their page): a caller holding none of `wholeListRoles` must give cooperativeId.
 */
export function checkCooperativeScope(
  user: AuthenticatedUser,
  wholeListRoles: readonly Role[],
  cooperativeId: string | undefined,
): void {
  if (cooperativeId === undefined && !user.roles.some((role) => wholeListRoles.includes(role))) {
    throw forbidden(
      'COOPERATIVE_FILTER_REQUIRED',
      'Your role may list these only for one cooperative (cooperativeId)',
      {
        wholeListRoles,
      },
    );
  }
}
