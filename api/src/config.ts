import path from 'node:path';
import { z } from 'zod';

export interface AppConfig {
  /**
   * Set: use this PostgreSQL (≥ 15); its role owns the schema and runs the migrations. Unset: start
   * an embedded PostgreSQL (its owner and app roles are made automatically).
   */
  databaseUrl: string | null;
  /**
   * Requests connect with this URL (`DATABASE_APP_URL`): a role that owns nothing and gets only the
   * grants it needs (docs/operations.md, "Database roles"). Null: requests use `databaseUrl` too,
   * and least privilege is not in effect (said at start).
   */
  databaseAppUrl: string | null;
  /** Streaming replicas for reads that tolerate lag (docs/operations.md, "Several replicas"). */
  replicas: ReplicaSettings;
  /** Seconds a checked session or API key is kept per process (`CREDENTIAL_CACHE_SECONDS`, 5; 0: every request is checked). */
  credentialCacheSeconds: number;
  /**
   * `explicitDataDir`: EMBEDDED_PG_DATA_DIR was set (never moved elsewhere when running as root);
   * `explicitPort`: EMBEDDED_PG_PORT was set, so the port must be free (unset or absent: a free one is
   * chosen when it is taken).
   */
  embeddedPostgres: { dataDir: string; port: number; explicitDataDir: boolean; explicitPort?: boolean };
  host: string;
  port: number;
  /**
   * The demo data set loaded into an empty database at start: the Amersfoort data of the book,
   * the benchmark generator's synthetic `small` world, or none (SEED_DEMO_DATA; true and false
   * still mean amersfoort and none).
   */
  seedDemoData: DemoDataSet;
  /** Serve the built admin app from this folder when it exists. */
  adminDist: string;
  production: boolean;
  /** Milliseconds before PostgreSQL cancels a statement. */
  statementTimeoutMs: number;
  poolSize: number;
  /** Milliseconds a request waits for a pool connection (or a new connection) before it fails with SERVICE_UNAVAILABLE. */
  connectTimeoutMs: number;
  logSql: boolean;
  /** Milliseconds `/readyz` waits for PostgreSQL before it reports not ready. */
  readyTimeoutMs: number;
  /** Milliseconds a graceful shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  /**
   * Seconds an idle kept-alive HTTP connection stays open. Longer than any client's or load balancer's own
   * idle timeout (nginx 60 s, browsers and undici less), so the server never closes a socket a client is
   * sending its next request on (the client then sees ECONNRESET or "other side closed").
   */
  httpKeepAliveSeconds: number;
  /**
   * `GET /metrics` (Prometheus); with a token (`METRICS_TOKEN`, at least 16 characters) it needs
   * `Authorization: Bearer <token>`. In production a token is required: without one `/metrics` is closed (401).
   */
  metrics: { enabled: boolean; token: string | null; requireToken: boolean };
  /** Send the `x-sql-statements` response header (on outside production unless set). */
  exposeSqlCount: boolean;
  /** Largest accepted request body. */
  maxBodyBytes: number;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  /** Failed-login limits per account, per account and client address, and per client address (docs/security.md, "Sessions"). */
  loginThrottle: LoginThrottleSettings;
  /** Origins allowed to call the API from a browser (CORS); empty: same origin only. */
  corsOrigins: string[];
  /** Express `trust proxy` setting, so client IPs are right behind a load balancer. */
  trustProxy: number | boolean;
  rateLimit: { perIpPerMinute: number; perKeyPerMinute: number };
  /** Records not verified for this many months are stale (docs/operations.md, STALE_AFTER_MONTHS). */
  staleAfterMonths: number;
  /** GraphQL document limits, checked before anything runs. */
  graphqlLimits: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxDirectives: number; maxSelections: number };
  /** `Idempotency-Key` on referral mutations (docs/api-guide.md). */
  idempotency: IdempotencySettings;
  /** Action due dates and retention of referrals (docs/operations.md). */
  referrals: ReferralSettings;
  /** Webhooks: secret encryption and the delivery worker (docs/api-guide.md, docs/security.md). */
  webhooks: WebhookSettings;
  /** Team norms, coverage and gap thresholds of the neighbourhood view (docs/neighbourhood-view.md). */
  neighbourhood: NeighbourhoodThresholds;
  /** In-app notifications and their e-mail (docs/operations.md, "Notifications"). */
  notifications: NotificationSettings;
  /** Geocoding of Dutch addresses: a PDOK-Locatieserver-compatible `free` endpoint (docs/adopting.md, GEOCODER_URL). */
  geocoder: GeocoderSettings;
  /** The wijkkaart as PDF: Debian's Chromium at this path (`CHROMIUM_PATH`, /usr/bin/chromium; `off`: none, the PDF answers 503). */
  chromiumPath: string | null;
}

export interface GeocoderSettings {
  /** The Locatieserver's `free` search (`…/search/v3_1/free`); null: geocoding is off. */
  url: string | null;
  /** An answer slower than this counts as unavailable. */
  timeoutMs: number;
}

export interface NotificationSettings {
  /** `SMTP_URL`, e.g. smtp://user:password@mail.example.org:587 (smtps:// for TLS from the start); null: no e-mail, the in-app list only. */
  smtpUrl: string | null;
  /** The sender (`SMTP_FROM`). */
  from: string;
  /** Run the notification worker in this process (`NOTIFICATION_WORKER`, on): due-date notices and e-mail; once across processes. */
  worker: boolean;
  /** Milliseconds between the worker's passes (`NOTIFICATION_INTERVAL_MS`, 60 000). */
  intervalMs: number;
  /** Hour of the day (Europe/Amsterdam) the daily digest goes out (`NOTIFICATION_DIGEST_HOUR`, 7). */
  digestHour: number;
  /** An open action is "due" from this many days before its date (`NOTIFICATION_DUE_SOON_DAYS`, 2). */
  dueSoonDays: number;
  /** The admin app's address for the link in e-mails (`APP_URL`); null: the e-mail says to sign in. */
  appUrl: string | null;
  /** E-mail attempts per notification before it is given up (`NOTIFICATION_EMAIL_MAX_ATTEMPTS`, 5). */
  maxEmailAttempts: number;
}

export interface ReplicaSettings {
  /** `DATABASE_REPLICA_URLS`: the replicas' URLs (the app role's, like DATABASE_APP_URL), comma-separated; empty: every read on the primary. */
  urls: string[];
  /** A replica further behind than this is taken out until it catches up (`REPLICA_MAX_LAG_MS`, 5000). */
  maxLagMs: number;
  /** After a caller's write its reads stay on the primary for this long unless a replica has replayed the write (`READ_YOUR_WRITES_SECONDS`, 30). */
  readYourWritesSeconds: number;
  /** How often each replica's replay position and the primary's are compared (`REPLICA_CHECK_INTERVAL_MS`, 1000). */
  checkIntervalMs: number;
}

/**
 * Sign-in throttling, counted in PostgreSQL (`rate_limit_counter`) so all processes share it. Each
 * counter counts login attempts in a fixed window from its first one (a successful login gives its
 * attempt back); once a counter is past its limit, logins it covers are refused (429) until the
 * window ends, before any password check. The per-account limit is far above the per-(account,
 * address) one, so one address's guesses lock only that address out of the account.
 */
export interface LoginThrottleSettings {
  /** Failed logins for one account from one client address (`LOGIN_MAX_FAILURES`, 5). */
  perAccountAndSource: number;
  /** Failed logins from one client address, any accounts (`RATE_LIMIT_FAILED_LOGINS_PER_IP`, 20). */
  perSource: number;
  /** The window of both per-address counters: the longest they lock (`LOGIN_LOCK_MINUTES`, 15). */
  sourceWindowMinutes: number;
  /** Failed logins for one account from all addresses together (`LOGIN_ACCOUNT_MAX_FAILURES`, 50) … */
  perAccount: number;
  /** … in a window of this many minutes (`LOGIN_ACCOUNT_WINDOW_MINUTES`, 60). */
  accountWindowMinutes: number;
}

export interface IdempotencySettings {
  /** A key is remembered this long after its first use (`IDEMPOTENCY_KEY_TTL_HOURS`, 24). */
  ttlHours: number;
  /** A request waits this long for another one with the same key to finish, then CONFLICT (`IDEMPOTENCY_WAIT_MS`). */
  waitMs: number;
}

/** Referral settings (defaults: docs/operations.md). */
export interface ReferralSettings {
  /** Actions are due this many weeks ahead when the referral's network has no meeting interval (`REFERRAL_DEFAULT_ACTION_WEEKS`, 6, at most 104). */
  defaultActionWeeks: number;
  /** Ended referrals (CLOSED, DECLINED, WITHDRAWN) are purged this many years after they ended (`REFERRAL_RETENTION_YEARS`, 5, at most 100). */
  retentionYears: number;
}

export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = { defaultActionWeeks: 6, retentionYears: 5 };

export interface WebhookSettings {
  /** Encrypts webhook secrets at rest (AES-256-GCM; `WEBHOOK_SECRET_KEY`, at least 32 characters). Null: stored unencrypted, refused in production. */
  secretKey: string | null;
  production: boolean;
  /** `main.ts` starts the delivery worker (`WEBHOOK_WORKER`, on). */
  worker: boolean;
  /** Attempts per delivery before it is FAILED (`WEBHOOK_MAX_ATTEMPTS`, 10). */
  maxAttempts: number;
  /** Delay before the second attempt, doubled for each further one (`WEBHOOK_BACKOFF_BASE_MS`, 30 s) … */
  backoffBaseMs: number;
  /** … up to this (`WEBHOOK_BACKOFF_MAX_MS`, 1 h). */
  backoffMaxMs: number;
  /** One delivery's time limit (`WEBHOOK_TIMEOUT_MS`, 10 s). */
  timeoutMs: number;
  /** How often the relay moves due outbox rows onto the queue (`WEBHOOK_RELAY_INTERVAL_MS`, 1 s). */
  relayIntervalMs: number;
  /** How often idle queue workers poll pg-boss (`WEBHOOK_POLL_INTERVAL_MS`, 2 s, at least 500 ms). */
  pollIntervalMs: number;
  /** Deliveries in flight at once per process (`WEBHOOK_CONCURRENCY`, 4). */
  concurrency: number;
  /** Finished deliveries (and their attempts) are kept this many days (`WEBHOOK_DELIVERY_RETENTION_DAYS`, 30). */
  deliveryRetentionDays: number;
  /** Webhooks may target loopback (127.0.0.0/8, ::1, `localhost`), plain http included: tests and development only (`WEBHOOK_ALLOW_LOOPBACK`, off; refused in production). */
  allowLoopback: boolean;
}

/**
 * Thresholds of the neighbourhood view's rules (api/src/modules/neighbourhood/neighbourhood.rules.ts,
 * docs/neighbourhood-view.md). Defaults from the book "Schakels in de Buurt" where it gives one.
 */
export interface NeighbourhoodThresholds {
  /** At least this many team members per 10,000 inhabitants (§9.7 Beleid 4: 5). `TEAM_NORM_MEMBERS_PER_10000`. */
  membersPer10000: number;
  /** Each member works at least this fte in the team (§9.7 Beleid 4: 0.4). `TEAM_NORM_MEMBER_MIN_FTE`. */
  memberMinFte: number;
  /** Team size from … (§6.3: 5). `TEAM_NORM_MIN_MEMBERS`. */
  teamMinMembers: number;
  /** … to … members (§6.3: 10). `TEAM_NORM_MAX_MEMBERS`. */
  teamMaxMembers: number;
  /** At least this fte in total (§6.3: 2). `TEAM_NORM_MIN_TOTAL_FTE`. */
  teamMinTotalFte: number;
  /** Network kinds the team norms apply to (§9.7 Beleid 1 and 4: the switch team). `TEAM_NORM_NETWORK_KINDS`. */
  normNetworkKinds: string[];
  /** A coverage cell with at least one but fewer active services than this is thin; the book sets no number. `COVERAGE_THIN_BELOW`. */
  coverageThinBelow: number;
  /** A need indicator is above the municipality's value when it exceeds it by more than this (in the indicator's unit). `GAP_NEED_MARGIN`. */
  gapNeedMargin: number;
}

export const DEFAULT_NEIGHBOURHOOD_THRESHOLDS: NeighbourhoodThresholds = {
  membersPer10000: 5,
  memberMinFte: 0.4,
  teamMinMembers: 5,
  teamMaxMembers: 10,
  teamMinTotalFte: 2,
  normNetworkKinds: ['SWITCH_TEAM'],
  coverageThinBelow: 2,
  gapNeedMargin: 0,
};

// ---------------------------------------------------------------------------------------------
// Reading the environment: one zod schema of every variable (docs/operations.md, "Configuration
// reference", and .env.example list the same ones). Each variable is parsed on its own, so a bad
// start names every bad variable at once; a check between variables runs once the variables it
// reads are valid. Two variables are read before this runs, on purpose: LOG_LEVEL by logging.ts
// (the logger exists before the configuration; validated here too) and EMBEDDED_PG_RUNTIME_DIR by
// db/embedded-postgres.ts (only when it runs as root).

const repoRoot = path.resolve(__dirname, '..', '..');

/** Every problem with the environment, one line per variable (`PORT must be …`), in one error. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    const count = problems.length === 1 ? 'One setting is' : `${problems.length} settings are`;
    super(`${count} not valid (docs/operations.md, "Configuration reference"):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Parsed<T> = { value: T } | { refused: string };
const accept = <T>(value: T): Parsed<T> => ({ value });
const refuse = (reason: string): Parsed<never> => ({ refused: reason });

/**
 * One variable. Unset and empty (`NAME=` in a .env file) both mean the default; otherwise `parse`
 * gives the value or the reason it is refused. Reasons repeat the value only where it cannot be a
 * secret (connection strings hold passwords, tokens and keys are secrets).
 */
function variable<T>(fallback: T, parse: (raw: string) => Parsed<T>) {
  return z.string({ error: 'must be a string' }).optional().transform((raw, ctx): T => {
    if (raw === undefined || raw === '') return fallback;
    const parsed = parse(raw);
    if ('value' in parsed) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.refused });
    return z.NEVER;
  });
}

/** A whole number from `min` (0) to `max`, in JavaScript's number syntax as before (`1e3` is 1000). */
function integer<F extends number | null>(fallback: F, { min = 0, max }: { min?: number; max?: number } = {}) {
  return variable<number | F>(fallback, (raw) => {
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && (max === undefined || value <= max)) return accept(value);
    if (max !== undefined) return refuse(`must be a whole number from ${min} to ${max}, got "${raw}"`);
    return refuse(min === 0 ? `must be a non-negative integer, got "${raw}"` : `must be a whole number of at least ${min}, got "${raw}"`);
  });
}

/** Smaller values are raised to `floor` rather than refused, as they always were (`DB_POOL_SIZE=0` is 1). */
const atLeast = (floor: number) => (value: number) => Math.max(floor, value);

function decimal(fallback: number) {
  return variable(fallback, (raw) => {
    const value = Number(raw);
    return Number.isFinite(value) && value >= 0 ? accept(value) : refuse(`must be a non-negative number, got "${raw}"`);
  });
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

function booleanOf(raw: string): boolean | undefined {
  if (TRUE.includes(raw.toLowerCase())) return true;
  if (FALSE.includes(raw.toLowerCase())) return false;
  return undefined;
}

export const DEMO_DATA_SETS = ['amersfoort', 'synthetic', 'none'] as const;
export type DemoDataSet = (typeof DEMO_DATA_SETS)[number];

/** SEED_DEMO_DATA: a data set's name, or (as before) a flag: on is amersfoort, off none. */
function demoDataSet() {
  return variable<DemoDataSet>('amersfoort', (raw) => {
    const name = raw.trim().toLowerCase();
    if ((DEMO_DATA_SETS as readonly string[]).includes(name)) return accept(name as DemoDataSet);
    const on = booleanOf(raw);
    if (on !== undefined) return accept(on ? 'amersfoort' : 'none');
    return refuse(`must be one of ${DEMO_DATA_SETS.join(', ')} (or true/false for amersfoort/none), got "${raw}"`);
  });
}

/** On or off; `undefined` as the fallback where the default depends on NODE_ENV. */
function flag<F extends boolean | undefined>(fallback: F) {
  return variable<boolean | F>(fallback, (raw) => {
    const value = booleanOf(raw);
    return value === undefined ? refuse(`must be true or false (or 1/0, yes/no, on/off), got "${raw}"`) : accept(value);
  });
}

const text = () => variable<string | null>(null, accept);

function secret(minLength: number) {
  return variable<string | null>(null, (raw) =>
    raw.length >= minLength ? accept(raw) : refuse(`must be at least ${minLength} characters (e.g. \`openssl rand -base64 32\`)`),
  );
}

/** What `new URL` and pg read; checked here so a typo is named at start, not as a connection failure. */
function postgresUrl() {
  return variable<string | null>(null, (raw) => {
    const url = URL.canParse(raw) ? new URL(raw) : null;
    if (url && (url.protocol === 'postgres:' || url.protocol === 'postgresql:')) return accept(raw);
    return refuse('must be a PostgreSQL connection URL such as postgres://user:password@host:5432/database (not repeated here: it may hold a password)');
  });
}

const list = (raw: string) => raw.split(',').map((item) => item.trim()).filter(Boolean);

/** Comma-separated PostgreSQL URLs; a bad one is named by its place in the list, never echoed (it may hold a password). */
function postgresUrls() {
  return variable<string[]>([], (raw) => {
    const urls = list(raw);
    const wrong = urls.map((url, index) => ({ url, index })).filter(({ url }) => !URL.canParse(url) || !['postgres:', 'postgresql:'].includes(new URL(url).protocol));
    if (wrong.length === 0) return accept(urls);
    return refuse(`entry ${wrong.map(({ index }) => index + 1).join(', ')} is not a PostgreSQL connection URL such as postgres://user:password@replica:5432/database (not repeated here: it may hold a password)`);
  });
}

/**
 * Browser origins, compared by the cors package as exact strings with the `Origin` header, which
 * is `scheme://host[:port]` in lower case: an entry with a path, a trailing slash or a default
 * port could never match, so it is refused rather than silently ignored.
 */
function origins() {
  return variable<string[]>([], (raw) => {
    const entries = list(raw);
    const wrong = entries.filter((entry) => !URL.canParse(entry) || !/^https?:$/.test(new URL(entry).protocol) || new URL(entry).origin !== entry);
    if (wrong.length === 0) return accept(entries);
    return refuse(`must list origins as browsers send them, scheme://host[:port] (e.g. https://admin.example.org), not ${wrong.map((entry) => `"${entry}"`).join(', ')}`);
  });
}

/** pino's levels (logging.ts reads LOG_LEVEL itself, before the configuration exists). */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const VARIABLES = {
  NODE_ENV: text(),
  LOG_LEVEL: variable<string | null>(null, (raw) => (LOG_LEVELS.includes(raw) ? accept(raw) : refuse(`must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`))),
  DATABASE_URL: postgresUrl(),
  DATABASE_APP_URL: postgresUrl(),
  DATABASE_REPLICA_URLS: postgresUrls(),
  REPLICA_MAX_LAG_MS: integer(5000).transform(atLeast(100)),
  READ_YOUR_WRITES_SECONDS: integer(30),
  REPLICA_CHECK_INTERVAL_MS: integer(1000).transform(atLeast(100)),
  CREDENTIAL_CACHE_SECONDS: integer(5, { max: 60 }),
  EMBEDDED_PG_DATA_DIR: text(),
  EMBEDDED_PG_PORT: integer(null, { max: 65535 }),
  HOST: text(),
  PORT: integer(4000, { max: 65535 }),
  SEED_DEMO_DATA: demoDataSet(),
  ADMIN_DIST: text(),
  DB_STATEMENT_TIMEOUT_MS: integer(15000),
  DB_POOL_SIZE: integer(10).transform(atLeast(1)),
  DB_CONNECT_TIMEOUT_MS: integer(3000).transform(atLeast(100)),
  READY_TIMEOUT_MS: integer(2000).transform(atLeast(100)),
  SHUTDOWN_TIMEOUT_MS: integer(25_000).transform(atLeast(1000)),
  HTTP_KEEP_ALIVE_SECONDS: integer(65, { min: 1, max: 3600 }),
  METRICS_ENABLED: flag(true),
  METRICS_TOKEN: secret(16),
  LOG_SQL: flag(false),
  EXPOSE_SQL_COUNT: flag(undefined),
  MAX_BODY_BYTES: integer(1_000_000),
  SESSION_IDLE_MINUTES: integer(30),
  SESSION_ABSOLUTE_HOURS: integer(12),
  COOKIE_SECURE: flag(undefined),
  LOGIN_MAX_FAILURES: integer(5).transform(atLeast(1)),
  RATE_LIMIT_FAILED_LOGINS_PER_IP: integer(20).transform(atLeast(1)),
  LOGIN_LOCK_MINUTES: integer(15).transform(atLeast(1)),
  LOGIN_ACCOUNT_MAX_FAILURES: integer(50).transform(atLeast(1)),
  LOGIN_ACCOUNT_WINDOW_MINUTES: integer(60).transform(atLeast(1)),
  CORS_ORIGINS: origins(),
  TRUST_PROXY: variable<number | boolean>(false, (raw) => {
    if (/^\d+$/.test(raw)) return accept(Number(raw));
    const value = booleanOf(raw);
    return value === undefined ? refuse(`must be a number of proxy hops (e.g. 1) or true/false, got "${raw}"`) : accept(value);
  }),
  RATE_LIMIT_IP_PER_MINUTE: integer(600),
  RATE_LIMIT_KEY_PER_MINUTE: integer(1200),
  STALE_AFTER_MONTHS: integer(12),
  GRAPHQL_MAX_DEPTH: integer(12),
  GRAPHQL_MAX_ALIASES: integer(30),
  GRAPHQL_MAX_TOKENS: integer(5000),
  GRAPHQL_MAX_COST: integer(50000),
  GRAPHQL_MAX_DIRECTIVES: integer(30),
  // Fields, fragment spreads and inline fragments, fragments counted where spread (docs/security.md).
  GRAPHQL_MAX_SELECTIONS: integer(400),
  IDEMPOTENCY_KEY_TTL_HOURS: integer(24).transform(atLeast(1)),
  IDEMPOTENCY_WAIT_MS: integer(10_000),
  REFERRAL_DEFAULT_ACTION_WEEKS: integer(DEFAULT_REFERRAL_SETTINGS.defaultActionWeeks, { min: 1, max: 104 }),
  REFERRAL_RETENTION_YEARS: integer(DEFAULT_REFERRAL_SETTINGS.retentionYears, { min: 1, max: 100 }),
  WEBHOOK_SECRET_KEY: secret(32),
  WEBHOOK_WORKER: flag(true),
  WEBHOOK_MAX_ATTEMPTS: integer(10).transform(atLeast(1)),
  WEBHOOK_BACKOFF_BASE_MS: integer(30_000),
  WEBHOOK_BACKOFF_MAX_MS: integer(3_600_000),
  WEBHOOK_TIMEOUT_MS: integer(10_000).transform(atLeast(100)),
  WEBHOOK_RELAY_INTERVAL_MS: integer(1000).transform(atLeast(10)),
  WEBHOOK_POLL_INTERVAL_MS: integer(2000, { min: 500 }),
  WEBHOOK_CONCURRENCY: integer(4).transform(atLeast(1)),
  WEBHOOK_DELIVERY_RETENTION_DAYS: integer(30).transform(atLeast(1)),
  WEBHOOK_ALLOW_LOOPBACK: flag(false),
  TEAM_NORM_MEMBERS_PER_10000: decimal(DEFAULT_NEIGHBOURHOOD_THRESHOLDS.membersPer10000),
  TEAM_NORM_MEMBER_MIN_FTE: decimal(DEFAULT_NEIGHBOURHOOD_THRESHOLDS.memberMinFte),
  TEAM_NORM_MIN_MEMBERS: integer(DEFAULT_NEIGHBOURHOOD_THRESHOLDS.teamMinMembers),
  TEAM_NORM_MAX_MEMBERS: integer(DEFAULT_NEIGHBOURHOOD_THRESHOLDS.teamMaxMembers),
  TEAM_NORM_MIN_TOTAL_FTE: decimal(DEFAULT_NEIGHBOURHOOD_THRESHOLDS.teamMinTotalFte),
  TEAM_NORM_NETWORK_KINDS: variable(DEFAULT_NEIGHBOURHOOD_THRESHOLDS.normNetworkKinds, (raw) => accept(list(raw).map((kind) => kind.toUpperCase()))),
  COVERAGE_THIN_BELOW: integer(DEFAULT_NEIGHBOURHOOD_THRESHOLDS.coverageThinBelow, { min: 1 }),
  GAP_NEED_MARGIN: decimal(DEFAULT_NEIGHBOURHOOD_THRESHOLDS.gapNeedMargin),
  SMTP_URL: variable<string | null>(null, (raw) => {
    const url = URL.canParse(raw) ? new URL(raw) : null;
    if (url && (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname) return accept(raw);
    return refuse('must be an SMTP URL such as smtp://user:password@mail.example.org:587 or smtps://… (not repeated here: it may hold a password)');
  }),
  SMTP_FROM: variable<string>('Schakel <no-reply@schakel.invalid>', (raw) =>
    /^[^\r\n]*<?[^@\s<>]+@[^@\s<>]+>?$/.test(raw) ? accept(raw) : refuse(`must be an address such as "Schakel <no-reply@gemeente.nl>", got "${raw}"`),
  ),
  NOTIFICATION_WORKER: flag(true),
  NOTIFICATION_INTERVAL_MS: integer(60_000).transform(atLeast(10)),
  NOTIFICATION_DIGEST_HOUR: integer(7, { max: 23 }),
  NOTIFICATION_DUE_SOON_DAYS: integer(2, { max: 60 }),
  NOTIFICATION_EMAIL_MAX_ATTEMPTS: integer(5).transform(atLeast(1)),
  // PDOK Locatieserver (or a compatible server: the same `free` search, the same answer); `off` turns geocoding off.
  GEOCODER_URL: variable<string | null>('https://api.pdok.nl/bzk/locatieserver/search/v3_1/free', (raw) => {
    if (raw === 'off') return accept(null);
    return URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol) ? accept(raw) : refuse(`must be the Locatieserver's free-search URL, such as https://api.pdok.nl/bzk/locatieserver/search/v3_1/free, or off; got "${raw}"`);
  }),
  GEOCODER_TIMEOUT_MS: integer(5000, { max: 60_000 }).transform(atLeast(100)),
  CHROMIUM_PATH: variable<string | null>('/usr/bin/chromium', (raw) =>
    raw === 'off' ? accept(null) : path.isAbsolute(raw) ? accept(raw) : refuse(`must be the absolute path of a Chromium binary, such as /usr/bin/chromium, or off; got "${raw}"`),
  ),
  APP_URL: variable<string | null>(null, (raw) =>
    URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol) ? accept(raw) : refuse(`must be the admin app's address, such as https://schakel.gemeente.nl, got "${raw}"`),
  ),
};

type Name = keyof typeof VARIABLES;
type Environment = { [N in Name]: z.output<(typeof VARIABLES)[N]> };

/** A rule between variables; `missing` marks what production cannot run without (missingProductionSettings). */
interface CrossCheck {
  reads: readonly Name[];
  missing?: true;
  run(env: Environment, report: (name: Name, reason: string) => void): void;
}

const CROSS_CHECKS: CrossCheck[] = [
  {
    reads: ['DATABASE_URL', 'DATABASE_APP_URL'],
    run: (env, report) => {
      if (env.DATABASE_APP_URL && !env.DATABASE_URL) {
        report('DATABASE_APP_URL', 'is set without DATABASE_URL: set DATABASE_URL to the owner role (migrations) and DATABASE_APP_URL to the app role (requests)');
      }
    },
  },
  {
    reads: ['DATABASE_URL', 'DATABASE_REPLICA_URLS'],
    run: (env, report) => {
      // The embedded PostgreSQL has no replicas; replicas of a database we were not told about would serve someone else's data.
      if (env.DATABASE_REPLICA_URLS.length > 0 && !env.DATABASE_URL) report('DATABASE_REPLICA_URLS', 'is set without DATABASE_URL: replicas follow a primary named by DATABASE_URL');
    },
  },
  {
    reads: ['READ_YOUR_WRITES_SECONDS', 'REPLICA_MAX_LAG_MS', 'REPLICA_CHECK_INTERVAL_MS'],
    run: (env, report) => {
      // After the window a caller may read from a replica again: one still in use is at most this far behind, so it holds the write.
      const bound = env.REPLICA_MAX_LAG_MS + env.REPLICA_CHECK_INTERVAL_MS;
      if (env.READ_YOUR_WRITES_SECONDS * 1000 < bound) {
        report('READ_YOUR_WRITES_SECONDS', `must cover REPLICA_MAX_LAG_MS + REPLICA_CHECK_INTERVAL_MS (${bound} ms), or a caller could read from a replica that lacks its write`);
      }
    },
  },
  {
    reads: ['LOGIN_MAX_FAILURES', 'LOGIN_ACCOUNT_MAX_FAILURES'],
    run: (env, report) => {
      // Otherwise one address's guesses would lock the owner out everywhere, which the per-address limit exists to prevent.
      if (env.LOGIN_ACCOUNT_MAX_FAILURES < env.LOGIN_MAX_FAILURES) report('LOGIN_ACCOUNT_MAX_FAILURES', `must be at least LOGIN_MAX_FAILURES (${env.LOGIN_MAX_FAILURES})`);
    },
  },
  {
    reads: ['NODE_ENV', 'WEBHOOK_ALLOW_LOOPBACK'],
    run: (env, report) => {
      // Fail closed: a test setting left in a production environment would let webhooks reach the server's own ports.
      if (env.WEBHOOK_ALLOW_LOOPBACK && env.NODE_ENV === 'production') report('WEBHOOK_ALLOW_LOOPBACK', 'is for tests and development; unset it in production');
    },
  },
  {
    reads: ['TEAM_NORM_MIN_MEMBERS', 'TEAM_NORM_MAX_MEMBERS'],
    run: (env, report) => {
      if (env.TEAM_NORM_MIN_MEMBERS > env.TEAM_NORM_MAX_MEMBERS) report('TEAM_NORM_MIN_MEMBERS', `must not exceed TEAM_NORM_MAX_MEMBERS (${env.TEAM_NORM_MAX_MEMBERS})`);
    },
  },
  // What production cannot run without: a database (the embedded PostgreSQL is for development and
  // not in the image), the key that encrypts webhook secrets, and the token that guards `/metrics`.
  {
    reads: ['NODE_ENV', 'DATABASE_URL'],
    missing: true,
    run: (env, report) => {
      if (env.NODE_ENV === 'production' && !env.DATABASE_URL) report('DATABASE_URL', '(the owner role: migrations)');
    },
  },
  {
    reads: ['NODE_ENV', 'WEBHOOK_SECRET_KEY'],
    missing: true,
    run: (env, report) => {
      if (env.NODE_ENV === 'production' && !env.WEBHOOK_SECRET_KEY) {
        report('WEBHOOK_SECRET_KEY', '(encrypts webhook secrets; at least 32 characters, e.g. `openssl rand -base64 32`)');
      }
    },
  },
  {
    reads: ['NODE_ENV', 'METRICS_TOKEN', 'METRICS_ENABLED'],
    missing: true,
    run: (env, report) => {
      if (env.NODE_ENV === 'production' && !env.METRICS_TOKEN && env.METRICS_ENABLED) report('METRICS_TOKEN', '(guards /metrics; at least 16 characters), or METRICS_ENABLED=false');
    },
  },
];

/**
 * The schema of `names` (all variables by default) with the cross checks among them, `missing`
 * ones included or not. A check runs only when the variables it reads parsed (zod's `when`), so
 * it never sees a refused value and the variable's own reason is what gets reported.
 */
const schemas = new Map<string, z.ZodType<Environment, NodeJS.ProcessEnv>>();

function schemaOf(names: readonly Name[], options: { missing: boolean }): z.ZodType<Environment, NodeJS.ProcessEnv> {
  // Built once per set of names: the services call the partial readers below on every request that lacks settings.
  const cacheKey = `${options.missing}:${names.join(',')}`;
  const cached = schemas.get(cacheKey);
  if (cached) return cached;
  // Typed as the whole environment: the checks that run read only variables in `names`.
  let schema = z.object(Object.fromEntries(names.map((name) => [name, VARIABLES[name]]))) as unknown as z.ZodType<Environment, NodeJS.ProcessEnv>;
  for (const check of CROSS_CHECKS) {
    if (Boolean(check.missing) !== options.missing || !check.reads.every((name) => names.includes(name))) continue;
    schema = schema.superRefine(
      (env, ctx) => check.run(env, (name, reason) => ctx.addIssue({ code: 'custom', path: [name], message: reason, params: { missing: check.missing ?? false } })),
      { when: (payload) => !payload.issues.some((issue) => check.reads.includes(issue.path?.[0] as Name)) },
    );
  }
  schemas.set(cacheKey, schema);
  return schema;
}

const problemsOf = (error: z.ZodError) => error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);

const ALL_NAMES = Object.keys(VARIABLES) as Name[];

/** The variables `names`, parsed; throws one ConfigError naming every bad one. */
function readEnvironment<N extends Name>(env: NodeJS.ProcessEnv, names: readonly N[]): Pick<Environment, N> {
  const result = schemaOf(names, { missing: false }).safeParse(env);
  if (!result.success) throw new ConfigError(problemsOf(result.error));
  return result.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = readEnvironment(env, ALL_NAMES);
  const production = e.NODE_ENV === 'production';
  return {
    databaseUrl: e.DATABASE_URL,
    databaseAppUrl: e.DATABASE_APP_URL,
    replicas: {
      urls: e.DATABASE_REPLICA_URLS,
      maxLagMs: e.REPLICA_MAX_LAG_MS,
      readYourWritesSeconds: e.READ_YOUR_WRITES_SECONDS,
      checkIntervalMs: e.REPLICA_CHECK_INTERVAL_MS,
    },
    credentialCacheSeconds: e.CREDENTIAL_CACHE_SECONDS,
    embeddedPostgres: {
      dataDir: path.resolve(e.EMBEDDED_PG_DATA_DIR ?? path.join(repoRoot, '.data', 'postgres')),
      port: e.EMBEDDED_PG_PORT ?? 54329,
      explicitDataDir: e.EMBEDDED_PG_DATA_DIR !== null,
      explicitPort: e.EMBEDDED_PG_PORT !== null,
    },
    host: e.HOST ?? '0.0.0.0',
    port: e.PORT,
    seedDemoData: e.SEED_DEMO_DATA,
    adminDist: path.resolve(e.ADMIN_DIST ?? path.join(repoRoot, 'admin', 'dist')),
    production,
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    poolSize: e.DB_POOL_SIZE,
    connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    readyTimeoutMs: e.READY_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    httpKeepAliveSeconds: e.HTTP_KEEP_ALIVE_SECONDS,
    metrics: { enabled: e.METRICS_ENABLED, token: e.METRICS_TOKEN, requireToken: production },
    logSql: e.LOG_SQL,
    exposeSqlCount: e.EXPOSE_SQL_COUNT ?? !production,
    maxBodyBytes: e.MAX_BODY_BYTES,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS, cookieSecure: e.COOKIE_SECURE ?? production },
    loginThrottle: {
      perAccountAndSource: e.LOGIN_MAX_FAILURES,
      perSource: e.RATE_LIMIT_FAILED_LOGINS_PER_IP,
      sourceWindowMinutes: e.LOGIN_LOCK_MINUTES,
      perAccount: e.LOGIN_ACCOUNT_MAX_FAILURES,
      accountWindowMinutes: e.LOGIN_ACCOUNT_WINDOW_MINUTES,
    },
    corsOrigins: e.CORS_ORIGINS,
    trustProxy: e.TRUST_PROXY,
    rateLimit: { perIpPerMinute: e.RATE_LIMIT_IP_PER_MINUTE, perKeyPerMinute: e.RATE_LIMIT_KEY_PER_MINUTE },
    staleAfterMonths: e.STALE_AFTER_MONTHS,
    graphqlLimits: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxCost: e.GRAPHQL_MAX_COST,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      maxSelections: e.GRAPHQL_MAX_SELECTIONS,
    },
    idempotency: { ttlHours: e.IDEMPOTENCY_KEY_TTL_HOURS, waitMs: e.IDEMPOTENCY_WAIT_MS },
    referrals: referralSettingsOf(e),
    webhooks: webhookSettingsOf(e),
    neighbourhood: neighbourhoodThresholdsOf(e),
    geocoder: { url: e.GEOCODER_URL, timeoutMs: e.GEOCODER_TIMEOUT_MS },
    chromiumPath: e.CHROMIUM_PATH,
    notifications: notificationSettingsOf(e),
  };
}

/**
 * What production cannot run without, all named in one message (main.ts refuses to start); empty
 * outside production. A variable that is set but refused is loadConfig's to report, not "missing".
 */
export function missingProductionSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  const result = schemaOf(ALL_NAMES, { missing: true }).safeParse(env);
  if (result.success) return [];
  return result.error.issues.filter((issue) => issue.code === 'custom' && issue.params?.missing === true).map((issue) => `${issue.path.join('.')} ${issue.message}`);
}

const REFERRAL_VARIABLES = ['REFERRAL_DEFAULT_ACTION_WEEKS', 'REFERRAL_RETENTION_YEARS'] as const satisfies readonly Name[];

function referralSettingsOf(e: Pick<Environment, (typeof REFERRAL_VARIABLES)[number]>): ReferralSettings {
  return { defaultActionWeeks: e.REFERRAL_DEFAULT_ACTION_WEEKS, retentionYears: e.REFERRAL_RETENTION_YEARS };
}

/** The referral settings alone (the services and the purge script read them outside a running app too). */
export function referralSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ReferralSettings {
  return referralSettingsOf(readEnvironment(env, REFERRAL_VARIABLES));
}

const WEBHOOK_VARIABLES = [
  'NODE_ENV',
  'WEBHOOK_SECRET_KEY',
  'WEBHOOK_WORKER',
  'WEBHOOK_MAX_ATTEMPTS',
  'WEBHOOK_BACKOFF_BASE_MS',
  'WEBHOOK_BACKOFF_MAX_MS',
  'WEBHOOK_TIMEOUT_MS',
  'WEBHOOK_RELAY_INTERVAL_MS',
  'WEBHOOK_POLL_INTERVAL_MS',
  'WEBHOOK_CONCURRENCY',
  'WEBHOOK_DELIVERY_RETENTION_DAYS',
  'WEBHOOK_ALLOW_LOOPBACK',
] as const satisfies readonly Name[];

function webhookSettingsOf(e: Pick<Environment, (typeof WEBHOOK_VARIABLES)[number]>): WebhookSettings {
  return {
    secretKey: e.WEBHOOK_SECRET_KEY,
    production: e.NODE_ENV === 'production',
    worker: e.WEBHOOK_WORKER,
    maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
    backoffBaseMs: e.WEBHOOK_BACKOFF_BASE_MS,
    backoffMaxMs: e.WEBHOOK_BACKOFF_MAX_MS,
    timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    relayIntervalMs: e.WEBHOOK_RELAY_INTERVAL_MS,
    pollIntervalMs: e.WEBHOOK_POLL_INTERVAL_MS,
    concurrency: e.WEBHOOK_CONCURRENCY,
    deliveryRetentionDays: e.WEBHOOK_DELIVERY_RETENTION_DAYS,
    allowLoopback: e.WEBHOOK_ALLOW_LOOPBACK,
  };
}

/** The webhook settings alone (the worker and the services read them outside a running app too). */
export function webhookSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  return webhookSettingsOf(readEnvironment(env, WEBHOOK_VARIABLES));
}

const NEIGHBOURHOOD_VARIABLES = [
  'TEAM_NORM_MEMBERS_PER_10000',
  'TEAM_NORM_MEMBER_MIN_FTE',
  'TEAM_NORM_MIN_MEMBERS',
  'TEAM_NORM_MAX_MEMBERS',
  'TEAM_NORM_MIN_TOTAL_FTE',
  'TEAM_NORM_NETWORK_KINDS',
  'COVERAGE_THIN_BELOW',
  'GAP_NEED_MARGIN',
] as const satisfies readonly Name[];

function neighbourhoodThresholdsOf(e: Pick<Environment, (typeof NEIGHBOURHOOD_VARIABLES)[number]>): NeighbourhoodThresholds {
  return {
    membersPer10000: e.TEAM_NORM_MEMBERS_PER_10000,
    memberMinFte: e.TEAM_NORM_MEMBER_MIN_FTE,
    teamMinMembers: e.TEAM_NORM_MIN_MEMBERS,
    teamMaxMembers: e.TEAM_NORM_MAX_MEMBERS,
    teamMinTotalFte: e.TEAM_NORM_MIN_TOTAL_FTE,
    normNetworkKinds: e.TEAM_NORM_NETWORK_KINDS,
    coverageThinBelow: e.COVERAGE_THIN_BELOW,
    gapNeedMargin: e.GAP_NEED_MARGIN,
  };
}

/** The neighbourhood view's thresholds alone (services read them outside a running app too). */
export function neighbourhoodThresholdsFromEnv(env: NodeJS.ProcessEnv = process.env): NeighbourhoodThresholds {
  return neighbourhoodThresholdsOf(readEnvironment(env, NEIGHBOURHOOD_VARIABLES));
}

const NOTIFICATION_VARIABLES = [
  'SMTP_URL',
  'SMTP_FROM',
  'NOTIFICATION_WORKER',
  'NOTIFICATION_INTERVAL_MS',
  'NOTIFICATION_DIGEST_HOUR',
  'NOTIFICATION_DUE_SOON_DAYS',
  'NOTIFICATION_EMAIL_MAX_ATTEMPTS',
  'APP_URL',
] as const satisfies readonly Name[];

function notificationSettingsOf(e: Pick<Environment, (typeof NOTIFICATION_VARIABLES)[number]>): NotificationSettings {
  return {
    smtpUrl: e.SMTP_URL,
    from: e.SMTP_FROM,
    worker: e.NOTIFICATION_WORKER,
    intervalMs: e.NOTIFICATION_INTERVAL_MS,
    digestHour: e.NOTIFICATION_DIGEST_HOUR,
    dueSoonDays: e.NOTIFICATION_DUE_SOON_DAYS,
    maxEmailAttempts: e.NOTIFICATION_EMAIL_MAX_ATTEMPTS,
    appUrl: e.APP_URL,
  };
}

const GEOCODER_VARIABLES = ['GEOCODER_URL', 'GEOCODER_TIMEOUT_MS'] as const satisfies readonly Name[];

/** The geocoder settings alone (the location feature's GraphQL lookup reads them when the context carries none). */
export function geocoderSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): GeocoderSettings {
  const e = readEnvironment(env, GEOCODER_VARIABLES);
  return { url: e.GEOCODER_URL, timeoutMs: e.GEOCODER_TIMEOUT_MS };
}

/** The notification settings alone (the worker reads them outside a running app too). */
export function notificationSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationSettings {
  return notificationSettingsOf(readEnvironment(env, NOTIFICATION_VARIABLES));
}
