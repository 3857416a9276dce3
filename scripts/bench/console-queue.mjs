// Measurement 3b: the console's officer queue page with the backlog of open cases. An officer
// of the console's user directory signs in through the real sign-in form (session cookie, CSRF
// token) and opens the first page of each tab, one request at a time: the time to the last byte
// over loopback is the console's server time (its calls to mentoring and the rendering included).
import { compiled } from '../services.mjs';
import { connect } from './scratch.mjs';
import { NotMeasured } from './seed.mjs';
import { summarize } from './stats.mjs';

const TABS = ['unassigned', 'mine', 'on-hold', 'overdue', 'due-soon', 'all'];
const PASSWORD = 'bench-officer-password';

/** The demo office's officers join the directory; the first takes over the backlog of `officer-1`. */
async function officerWithBacklog(scratch) {
  const { seedDemoUsers } = compiled('apps/console/src/accounts/demo-users.js');
  const accounts = await seedDemoUsers(scratch.databaseUrl, () => PASSWORD);
  if (!accounts) throw new NotMeasured('the console already had users');
  const officer = accounts.find((account) => account.roles.includes('officer'));
  const client = await connect(scratch.databaseUrl);
  try {
    const { rowCount } = await client.query(
      `UPDATE mentoring.cases SET assignee_id = $1, assignee_name = $2 WHERE assignee_id = 'officer-1'`,
      [officer.id, officer.fullName],
    );
    const {
      rows: [{ open }],
    } = await client.query(`SELECT count(*)::int AS open FROM mentoring.cases WHERE status <> 'CLOSED'`);
    return { officer, backlog: rowCount, open };
  } finally {
    await client.end();
  }
}

class Browser {
  constructor(url) {
    this.url = url;
    this.cookies = new Map();
  }

  async request(path, init = {}) {
    const response = await fetch(`${this.url}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { status: response.status, location: response.headers.get('location'), body: await response.text() };
  }

  async signIn(username, password) {
    const form = await this.request('/masuk');
    const csrf = form.body.match(/name=["']_csrf["'] value=["']([^"']+)["']/)?.[1];
    if (!csrf) throw new NotMeasured(`the sign-in page (${form.status}) has no CSRF token`);
    const answer = await this.request('/masuk', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
    });
    if (answer.status !== 302 && answer.status !== 303)
      throw new NotMeasured(`signing in answered ${answer.status}, not a redirect`);
  }
}

export async function consoleQueuePage({ options, scratch, services, report, log }) {
  const { officer, backlog, open } = await officerWithBacklog(scratch);
  report.add('console', 'open cases during the run', open, 'cases');
  // The directory's user events reach mentoring through the console's outbox; the page does not wait for them.
  const browser = new Browser(services.console.url);
  await browser.signIn(officer.username, PASSWORD);
  const samples = options.consoleQueue.samples;
  log(`  console: signed in as ${officer.username} (${backlog} cases taken over); ${samples} pages per tab`);
  const figures = {};
  for (const tab of TABS) {
    const path = `/kasus?tab=${tab}`;
    const times = [];
    for (let i = 0; i < samples + 2; i += 1) {
      const started = performance.now();
      const page = await browser.request(path);
      const ms = performance.now() - started;
      if (page.status !== 200) throw new NotMeasured(`GET ${path} answered ${page.status} ${page.location ?? ''}`);
      if (i >= 2) times.push(ms); // the first two warm the caches and are not counted
    }
    figures[tab] = summarize(times);
    report.add(
      'console',
      `officer queue page, tab ${tab}: p50 / p95`,
      `${figures[tab].p50.toFixed(1)} / ${figures[tab].p95.toFixed(1)}`,
      'ms',
      'p95 <= 150 ms',
    );
  }
  report.detail('console', { officer: officer.username, backlogTakenOver: backlog, samplesPerTab: samples, figures });
}
