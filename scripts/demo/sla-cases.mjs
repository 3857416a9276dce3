// The demo office's own mentoring work besides reactivation: requests that reached the office on
// paper some weeks ago and are entered now (the service level runs from the day they were received),
// so the queues have cases due soon and overdue, claimed and not, and one on hold, in each kecamatan.
import { inBatches } from './api-client.mjs';

/**
 * Per kecamatan, one case of each kind for its first active cooperatives (in city order). With the
 * default service levels (INTERNAL_DISPUTE 30 days, FINANCIAL_REPORTING 45, RAT_PREPARATION and
 * INSTITUTIONAL 60), `receivedDaysAgo` puts each one overdue or due within the week.
 */
export const SLA_CASES = [
  { type: 'INTERNAL_DISPUTE', receivedDaysAgo: 40, claim: true, about: 'A members’ complaint about the board' },
  { type: 'FINANCIAL_REPORTING', receivedDaysAgo: 41, claim: true, about: 'A request for help with the balance sheet' },
  { type: 'RAT_PREPARATION', receivedDaysAgo: 70, claim: false, about: 'A request for guidance on the next RAT' },
  { type: 'INSTITUTIONAL', receivedDaysAgo: 55, claim: false, about: 'A request to revise the articles' },
  {
    type: 'INSTITUTIONAL',
    receivedDaysAgo: 10,
    claim: true,
    holdDays: 14,
    about: 'A request to register new officers',
  },
];

const addDays = (isoDate, days) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** Today in the office's time zone (WIB), as the service counts office dates. */
const officeToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * Opens, claims and holds what is missing: a cooperative that already has a case of the type (open
 * or not) keeps it, a case already claimed or held is left as it is, so a repeat changes nothing.
 * `officerFor(kecamatan)` answers the officer covering it and a client acting as them.
 */
export async function seedSlaCases(active, officerFor, log) {
  const plan = [];
  for (const kecamatan of new Set(active.map(({ cooperative }) => cooperative.kecamatan))) {
    const here = active.filter(({ cooperative }) => cooperative.kecamatan === kecamatan);
    SLA_CASES.forEach((spec, index) => here[index] && plan.push({ ...spec, ...here[index], kecamatan }));
  }
  let opened = 0;
  await inBatches(plan, 4, async (item) => {
    const { officer, mentoring } = officerFor(item.kecamatan);
    let found = await existingCase(mentoring, item);
    if (!found) {
      await mentoring.post('/cases', {
        cooperativeId: item.id,
        type: item.type,
        receivedOn: addDays(officeToday(), -item.receivedDaysAgo),
        reason: `${item.about}, received by letter`,
      });
      opened += 1;
      found = await existingCase(mentoring, item);
    }
    if (!item.claim) return;
    if (found.status === 'UNASSIGNED') await mentoring.post(`/cases/${found.id}/claim`);
    else if (found.assigneeId !== officer.id) return;
    if (item.holdDays && !(await wasHeld(mentoring, found.id))) {
      await mentoring.post(`/cases/${found.id}/hold`, {
        until: addDays(officeToday(), item.holdDays),
        reason: 'Waiting for the board’s documents',
      });
    }
  });
  if (opened > 0) log(`demo: ${opened} requests received earlier entered as cases, some overdue, some due soon`);
}

async function existingCase(mentoring, { id, type }) {
  for (const status of ['', '&status=CLOSED']) {
    const page = await mentoring.get(`/cases?cooperativeId=${id}&type=${type}${status}&limit=1`);
    if (page.items[0]) return page.items[0];
  }
  return null;
}

async function wasHeld(mentoring, caseId) {
  const history = await mentoring.get(`/cases/${caseId}/history`);
  return history.some((entry) => entry.action === 'HELD');
}
