import type { Role } from '@koperasi/contracts';

export interface MenuItem {
  href: string;
  label: string;
  roles: readonly Role[];
}

/** Every page of the menu with the roles that may use it; the pages' @Allow say the same. */
export const PAGE_ROLES = {
  queue: ['officer', 'supervisor', 'manager'],
  approvals: ['supervisor'],
  proceedings: ['officer', 'supervisor', 'manager', 'admin'],
  dashboard: ['manager', 'supervisor', 'admin'],
  registry: ['registrar', 'officer', 'supervisor', 'manager'],
  registryWrite: ['registrar'],
  users: ['admin'],
  deadLetters: ['admin'],
  anyone: ['officer', 'supervisor', 'manager', 'registrar', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

const MENU: MenuItem[] = [
  { href: '/kasus', label: 'menu.queue', roles: PAGE_ROLES.queue },
  { href: '/persetujuan', label: 'menu.approvals', roles: PAGE_ROLES.approvals },
  { href: '/kasus-alihkan', label: 'menu.bulk', roles: PAGE_ROLES.approvals },
  { href: '/pembubaran', label: 'menu.proceedings', roles: PAGE_ROLES.proceedings },
  { href: '/dasbor', label: 'menu.dashboard', roles: PAGE_ROLES.dashboard },
  { href: '/koperasi', label: 'menu.registry', roles: PAGE_ROLES.registry },
  { href: '/admin/pengguna', label: 'menu.users', roles: PAGE_ROLES.users },
  { href: '/admin/surat-mati', label: 'menu.deadLetters', roles: PAGE_ROLES.deadLetters },
  { href: '/admin/antrean', label: 'menu.queues', roles: PAGE_ROLES.deadLetters },
];

export function menuFor(roles: readonly Role[]): MenuItem[] {
  return MENU.filter((item) => item.roles.some((role) => roles.includes(role)));
}

/** Where a user lands after signing in: the first page of their menu. */
export function homeFor(roles: readonly Role[]): string {
  return menuFor(roles)[0]?.href ?? '/profil';
}
