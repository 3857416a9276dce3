import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Client } from 'pg';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { eventually, TEST_JWT_SECRET } from '@koperasi/testing';
import { seedDemoUsers, type DemoAccount } from '../../../apps/console/src/accounts/demo-users';
import { freePort, startCity, waitReady, type City } from '../../e2e/support/city';

const ROOT = path.resolve(__dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-output/browser');
export const DEMO_PASSWORD = 'kata-sandi-demo-1';

/** The three services and the console as processes, the demo users, and a Chromium to drive them. */
export interface ConsoleCity {
  city: City;
  url: string;
  accounts: Record<string, DemoAccount>;
  browser: Browser;
  /** A fresh browser context (own cookies) with one page. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startConsoleCity(extraEnv: Record<string, string> = {}): Promise<ConsoleCity> {
  const city = await startCity();
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const seeded = await seedDemoUsers(city.database.url, () => DEMO_PASSWORD);
    const accounts = Object.fromEntries(seeded!.map((account) => [account.username, account]));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const lines: string[] = [];
    child = spawn(
      process.execPath,
      ['-r', path.join(ROOT, 'scripts/register-paths.cjs'), path.join(ROOT, 'dist/apps/console/src/main.js')],
      {
        env: {
          ...process.env,
          PORT: String(port),
          DATABASE_URL: city.database.url,
          QUEUE_PREFIX: city.prefix,
          JWT_SECRET: TEST_JWT_SECRET,
          REGISTRY_URL: city.urls.registry,
          MENTORING_URL: city.urls.mentoring,
          DISSOLUTION_URL: city.urls.dissolution,
          LOG_LEVEL: 'warn',
          OUTBOX_POLL_INTERVAL_MS: '200',
          ...extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const console = child;
    await waitReady(
      url,
      () => console.exitCode !== null,
      () => lines.join('').slice(-4000),
    );
    // The demo users reach the services as user events: let the console's relay publish them first.
    await eventually(async () => {
      const [{ pending }] = await query(
        city.database.url,
        'SELECT count(*)::int AS pending FROM console.outbox WHERE published_at IS NULL',
      );
      return pending === 0;
    }, 'the demo users published');
    browser = await launchChromium();
    const launched = browser;
    return {
      city,
      url,
      accounts,
      browser,
      newPage: async () => {
        const context = await launched.newContext({ baseURL: url, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
        return { context, page: await context.newPage() };
      },
      close: async () => {
        await launched.close();
        await stopProcess(console);
        await city.close();
      },
    };
  } catch (error) {
    await browser?.close();
    if (child) await stopProcess(child);
    await city.close();
    throw error;
  }
}

/** Playwright gives each launch a fresh temporary profile (it refuses --user-data-dir here). */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Signs in through the form; answers on the page the console lands on. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/masuk');
  await page.getByLabel(/Nama pengguna|Username/).fill(username);
  await page.getByLabel(/^(Kata sandi|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
  // htmx submits the form in the background: wait for its outcome (another page, or the error shown).
  await page
    .getByRole('alert')
    .or(page.locator('h1', { hasNotText: /^(Masuk|Sign in)$/ }))
    .first()
    .waitFor();
  await page.waitForLoadState('networkidle');
}

/** axe with the WCAG 2 A and AA rules: the violations on the page as it stands (none expected). */
export async function accessibilityViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }));
}

/** Each test leaves its last page as a screenshot in test-output/browser (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the located element shows the text (an action's message, a refreshed row); fails after 15 s. */
export async function shows(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

/** What `focusReaches` reads in the page (the tests compile without the DOM's types). */
interface PageGlobals {
  document: { activeElement: { id: string } | null };
}

/**
 * Waits until the element with `id` has the focus (the browser applies `autofocus` after the page
 * loads). A function, not a string: the console's CSP refuses the eval that polls a string.
 */
export async function focusReaches(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (expected) => (globalThis as unknown as PageGlobals).document.activeElement?.id === expected,
    id,
    { timeout: 5_000 },
  );
}

/** Reads the city's database directly (what the console stored: audit, outbox). */
export function sql(consoleCity: ConsoleCity, text: string, params: unknown[] = []) {
  return query(consoleCity.city.database.url, text, params);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are read loosely in tests
async function query(url: string, text: string, params: unknown[] = []): Promise<any[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}
