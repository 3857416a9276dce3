export const ROLES = ['registrar', 'officer', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  name?: string;
}

/** The actor recorded for work done by the system itself (events, timers, batch jobs). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'System' };
