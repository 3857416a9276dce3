import { CASE_TYPES, KECAMATAN, PRIORITIES } from '../kecamatan';

export const QUEUE_TABS = ['unassigned', 'mine', 'on-hold', 'overdue', 'due-soon', 'all'] as const;
type Tab = (typeof QUEUE_TABS)[number];
const COUNT_KEYS: Record<Tab, string> = {
  unassigned: 'unassigned',
  mine: 'mine',
  'on-hold': 'onHold',
  overdue: 'overdue',
  'due-soon': 'dueSoon',
  all: 'all',
};
const SORTS = ['priority', 'dueAt', 'openedAt'] as const;
export const PAGE_SIZE = 25;

/** The queue's state as it stands in the URL: every filter, the sort and the page can be bookmarked. */
export interface QueueState {
  tab: Tab;
  type?: string;
  kecamatan?: string;
  priority?: string;
  overdue?: string;
  sort: string;
  order: 'asc' | 'desc';
  q?: string;
  page: number;
}

const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

export function queueState(query: Record<string, unknown>): QueueState {
  const q = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '';
  return {
    tab: oneOf(query.tab, QUEUE_TABS) ?? 'unassigned',
    type: oneOf(query.type, CASE_TYPES),
    kecamatan: oneOf(query.kecamatan, KECAMATAN),
    priority: oneOf(query.priority, PRIORITIES),
    overdue: oneOf(query.overdue, ['true', 'false']),
    sort: oneOf(query.sort, SORTS) ?? 'priority',
    order: query.order === 'desc' ? 'desc' : 'asc',
    q: q || undefined,
    page: Math.min(Math.max(Number.parseInt(String(query.page ?? '1'), 10) || 1, 1), 1000),
  };
}

/** The queue's URL with some of its state changed (a tab, a page, a sort); page 1 unless given. */
export function queueUrl(state: QueueState, change: Partial<QueueState> = {}): string {
  const next = { ...state, page: 1, ...change };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || value === '') continue;
    if (key === 'page' && value === 1) continue;
    params.set(key, String(value));
  }
  return `/kasus?${params}`;
}

/** The filters the services understand (search only from 3 characters, as the service demands). */
export function serviceFilters(state: QueueState) {
  return {
    type: state.type,
    kecamatan: state.kecamatan,
    priority: state.priority,
    overdue: state.overdue,
    q: state.q && state.q.length >= 3 ? state.q : undefined,
  };
}

export function tabsOf(state: QueueState, counts: Record<string, number>) {
  return QUEUE_TABS.map((tab) => ({
    tab,
    label: `queue.tab.${tab}`,
    count: counts[COUNT_KEYS[tab]] ?? 0,
    href: queueUrl(state, { tab }),
    current: tab === state.tab,
  }));
}

/** "1–25 dari 1.000+": the range shown and the total, marked when the service capped it. */
export function pagination(state: QueueState, shown: number, total: number, exact: boolean) {
  const first = shown === 0 ? 0 : (state.page - 1) * PAGE_SIZE + 1;
  const last = (state.page - 1) * PAGE_SIZE + shown;
  const hasNext = exact ? last < total : shown === PAGE_SIZE;
  return {
    first,
    last,
    total,
    capped: !exact,
    previous: state.page > 1 ? queueUrl(state, { page: state.page - 1 }) : null,
    next: hasNext ? queueUrl(state, { page: state.page + 1 }) : null,
  };
}

export const FILTER_OPTIONS = { types: CASE_TYPES, kecamatan: KECAMATAN, priorities: PRIORITIES, sorts: SORTS };
