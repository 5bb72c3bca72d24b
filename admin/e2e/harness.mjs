// @ts-check
/**
 * End-to-end test harness: builds the app, starts the real API (embedded PostgreSQL in a
 * temporary folder, or a temporary database on TEST_DATABASE_URL) with the Amersfoort demo
 * data, and drives Debian's Chromium with playwright-core.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

export const adminDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(adminDir, '..');
export const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const browserRequired = process.env.REQUIRE_BROWSER_TESTS === '1';

/** Null when the browser tests can run; otherwise why not. */
export function browserMissing() {
  try {
    fs.accessSync(chromiumPath, fs.constants.X_OK);
    return null;
  } catch {
    return `Chromium not found at ${chromiumPath} (install Debian's package: apt-get install chromium)`;
  }
}

const started = Date.now();
export function log(message) {
  console.log(`# [e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

function run(command, args, cwd = repoRoot) {
  const t0 = Date.now();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  log(`${command} ${args.join(' ')} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
}

/**
 * The admin app (type check + `vite build`) and the API it talks to, each built only when what
 * its build reads changed since its last build (scripts/build-if-changed.mjs, as `npm start`
 * does): the first test file of a run builds, the others find the builds current instead of
 * spending about 45 s each rebuilding the same sources. E2E_SKIP_BUILD=1 reuses what is built
 * without looking (quick reruns while working on the tests).
 */
export function buildAll() {
  if (process.env.E2E_SKIP_BUILD === '1') {
    log('E2E_SKIP_BUILD=1: using the existing builds');
    return;
  }
  run(process.execPath, [path.join(repoRoot, 'scripts', 'build-if-changed.mjs'), 'db', 'api', 'admin']);
}

/**
 * @typedef {{ email: string, password: string }} Account
 * @typedef {{ baseUrl: string, databaseUrl: string, accounts: Record<'ADMIN' | 'MUNICIPALITY' | 'ORGANISATION', Account>, output(): string, stop(): Promise<void> }} Api
 */

/** A temporary database on TEST_DATABASE_URL's server, dropped at the end. */
async function temporaryDatabase(serverUrl) {
  const require = createRequire(path.join(repoRoot, 'api', 'package.json'));
  const { Client } = require('pg');
  const name = `schakel_admin_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** An embedded PostgreSQL in `dataDir` on a free port (api's own module, built by buildAll), stopped at the end. */
async function embeddedDatabase(dataDir) {
  const require = createRequire(path.join(repoRoot, 'api', 'package.json'));
  const { startEmbeddedPostgres } = require(path.join(repoRoot, 'api', 'dist', 'db', 'embedded-postgres.js'));
  const handle = await startEmbeddedPostgres({ dataDir, port: 0, database: 'schakel' });
  return {
    url: handle.url,
    appUrl: handle.appUrl,
    async drop() {
      await handle.stop();
    },
  };
}

/**
 * Starts `node api/dist/main.js` on a free port against a fresh database: migrations, the
 * demo data, and one demo account per role, whose passwords the API prints once at start.
 * @returns {Promise<Api>}
 */
export async function startApi() {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-admin-e2e-'));
  // The embedded PostgreSQL runs as the `postgres` user when we are root: it must reach its folder.
  fs.chmodSync(tempDir, 0o755);
  // Production refuses to start without a database URL (the embedded PostgreSQL is not in the
  // image), so without TEST_DATABASE_URL the harness runs the embedded cluster itself, as an
  // operator runs a server: the owner URL for migrations and the app role's URL for requests.
  const database = process.env.TEST_DATABASE_URL ? await temporaryDatabase(process.env.TEST_DATABASE_URL) : await embeddedDatabase(path.join(tempDir, 'pg'));

  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    COOKIE_SECURE: 'false',
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    ADMIN_DIST: path.join(adminDir, 'dist'),
    // The secrets production will not start without, for this run only.
    WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY ?? `e2e-webhook-secret-key-${randomBytes(16).toString('hex')}`,
    METRICS_TOKEN: process.env.METRICS_TOKEN ?? `e2e-metrics-${randomBytes(16).toString('hex')}`,
    DATABASE_URL: database.url,
  };
  delete env.EMBEDDED_PG_PORT;
  delete env.EMBEDDED_PG_DATA_DIR;
  if (database.appUrl) env.DATABASE_APP_URL = database.appUrl;
  else delete env.DATABASE_APP_URL;

  const child = spawn(process.execPath, [path.join(repoRoot, 'api', 'dist', 'main.js')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const cleanUp = async () => {
    await database.drop().catch((error) => log(`could not drop the test database: ${error}`));
    fs.rmSync(tempDir, { recursive: true, force: true });
  };

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start within 180 s:\n${output}`)), 180_000);
    const check = () => {
      const match = /GraphQL API listening on http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code ?? signal}) before listening:\n${output}`));
    });
  }).catch(async (error) => {
    child.kill('SIGKILL');
    await cleanUp();
    throw error;
  });

  /** @type {Partial<Record<string, Account>>} */
  const accounts = {};
  for (const match of output.matchAll(/^\[schakel\]\s+(ADMIN|MUNICIPALITY|ORGANISATION)\s+(\S+@\S+)\s+(\S+)\s+\(/gm)) {
    // The first account of a role: swa@schakel.local for ORGANISATION.
    accounts[match[1]] ??= { email: match[2], password: match[3] };
  }
  for (const role of ['ADMIN', 'MUNICIPALITY', 'ORGANISATION']) {
    if (!accounts[role]) throw new Error(`no demo ${role} account in the start-up log:\n${output}`);
  }
  log(`API listening on port ${port}`);

  return {
    baseUrl: `http://localhost:${port}`,
    databaseUrl: database.url,
    accounts: /** @type {Api['accounts']} */ (accounts),
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      await cleanUp();
    },
  };
}

/**
 * One SQL statement on the test API's database, for what no user can do through the app — such
 * as letting time pass (a record last verified a year ago). Answers the rows.
 * @param {Api} api
 * @param {string} text
 * @param {unknown[]} [params]
 */
export async function sql(api, text, params = []) {
  const require = createRequire(path.join(repoRoot, 'api', 'package.json'));
  const { Client } = require('pg');
  const client = new Client({ connectionString: api.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** The API of this file's browser tests (describeInChromium), there from the first test on. */
/** @type {Api} */
export let api;
/** Chromium for this file's browser tests (describeInChromium), there from the first test on. */
/** @type {import('playwright-core').Browser} */
export let browser;

/**
 * The browser tests of one test file, in a describe block: before the first test the app is
 * built (buildAll), the API started and Chromium launched — `api` and `browser` above — and
 * after the last both are stopped. Without Chromium the tests are skipped, unless
 * REQUIRE_BROWSER_TESTS=1, which turns that into a failing test.
 * @param {string} name
 * @param {() => void} body declares the tests (and any further set-up hooks)
 */
export function describeInChromium(name, body) {
  const missing = browserMissing();
  const skip = missing && !browserRequired ? `${missing}; browser tests skipped (REQUIRE_BROWSER_TESTS=1 makes this a failure)` : false;
  if (skip) console.log(`# ${skip}`);

  if (missing && browserRequired) {
    test('Chromium is installed (REQUIRE_BROWSER_TESTS=1)', () => {
      assert.fail(`${missing}; REQUIRE_BROWSER_TESTS=1 demands the browser tests`);
    });
  }

  describe(name, { skip: skip || Boolean(missing) }, () => {
    before(
      async () => {
        buildAll();
        api = await startApi();
        browser = await launchBrowser();
        log(`Chromium ${browser.version()} from ${chromiumPath}`);
      },
      { timeout: 300_000 },
    );

    after(async () => {
      await browser?.close();
      await api?.stop();
    });

    body();
  });
}

/** Debian's Chromium, headless, with a fresh profile (Playwright makes a temporary one). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh browser context (own cookies), optionally signed in through the API, and its page.
 * Browser errors fail the test that reads `errors`.
 * @param {import('playwright-core').Browser} browser
 * @param {Api} api
 */
export async function openPage(browser, api, { locale = 'nl-NL' } = {}) {
  const context = await browser.newContext({ baseURL: api.baseUrl, viewport: { width: 1280, height: 900 }, locale, reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  return { context, page, errors };
}

/**
 * Signs in through the login form.
 * @param {import('playwright-core').Page} page
 * @param {Account} account
 */
export async function logIn(page, account) {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(account.email);
  await page.getByLabel('Wachtwoord').fill(account.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}

/**
 * The labels of the main navigation.
 * @param {import('playwright-core').Page} page
 */
export async function navLabels(page) {
  return page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents();
}

/**
 * Holds back the first request of one GraphQL operation until `release()` is called, then
 * answers it with a 503; later requests go through. A list shows its loading state, then its
 * error with a retry, and the retry loads it.
 * @param {import('playwright-core').Page} page
 * @param {string} operationName
 * @returns {Promise<() => void>} release
 */
export async function failOnceAfterHold(page, operationName) {
  /** @type {(value?: unknown) => void} */
  let release = () => undefined;
  const held = new Promise((resolve) => (release = resolve));
  let failures = 0;
  await page.route('**/graphql', async (route) => {
    if (route.request().postDataJSON()?.operationName !== operationName || failures > 0) return route.fallback();
    failures += 1;
    await held;
    await route.fulfill({ status: 503, contentType: 'text/plain', body: 'unavailable' });
  });
  return () => release();
}

/**
 * axe-core with the WCAG 2.0/2.1 A and AA rules: no serious or critical violations.
 * @param {import('playwright-core').Page} page
 * @param {string} what
 */
export async function expectAccessible(page, what) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.violations.filter((v) => !serious.includes(v));
  if (minor.length > 0) log(`${what}: minor axe findings: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
  if (serious.length > 0) {
    const details = serious
      .map((v) => `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`)
      .join('\n');
    throw new Error(`${what}: ${serious.length} serious or critical accessibility violation(s):\n${details}`);
  }
  return result;
}

/**
 * A PNG of the page, or of one element, for docs/screenshots/ (made by every test run).
 * @param {import('playwright-core').Page | import('playwright-core').Locator} target
 * @param {string} name
 */
export async function screenshot(target, name, { fullPage = false } = {}) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const page = 'page' in target ? target.page() : target;
  // No focus ring in the pictures.
  await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
  const file = path.join(screenshotDir, `${name}.png`);
  if ('page' in target) await target.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  else await target.screenshot({ path: file, fullPage, animations: 'disabled', caret: 'hide' });
}

/**
 * Picks an option in a searchable combobox (components/Combobox.tsx): types `query`, waits for
 * the option whose name starts with `option`, and chooses it.
 * @param {import('playwright-core').Page} page
 * @param {string} comboboxName
 * @param {string} query
 * @param {string} option
 */
export async function pickOption(page, comboboxName, query, option) {
  const box = page.getByRole('combobox', { name: comboboxName, exact: true });
  await box.click();
  await box.fill(query);
  const choice = page.getByRole('option', { name: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first();
  await choice.waitFor();
  await choice.click();
}

/**
 * A GraphQL request with the context's cookies (as the signed-in user), for checks and set-up.
 * @param {import('playwright-core').APIRequestContext} request
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 */
export async function graphql(request, query, variables = {}) {
  const response = await request.post('/graphql', { data: { query, variables }, headers: { 'content-type': 'application/json' } });
  const body = await response.json();
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}
