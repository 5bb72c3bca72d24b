import path from 'node:path';

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
  /** `explicitDataDir`: EMBEDDED_PG_DATA_DIR was set (never moved elsewhere when running as root). */
  embeddedPostgres: { dataDir: string; port: number; explicitDataDir: boolean };
  host: string;
  port: number;
  /** Load the Amersfoort demo data set into an empty database at start. */
  seedDemoData: boolean;
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

const repoRoot = path.resolve(__dirname, '..', '..');

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function boolFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    databaseUrl: env.DATABASE_URL || null,
    databaseAppUrl: databaseAppUrlFromEnv(env),
    embeddedPostgres: {
      dataDir: path.resolve(env.EMBEDDED_PG_DATA_DIR || path.join(repoRoot, '.data', 'postgres')),
      port: intFromEnv(env, 'EMBEDDED_PG_PORT', 54329),
      explicitDataDir: Boolean(env.EMBEDDED_PG_DATA_DIR),
    },
    host: env.HOST || '0.0.0.0',
    port: intFromEnv(env, 'PORT', 4000),
    seedDemoData: boolFromEnv(env, 'SEED_DEMO_DATA', true),
    adminDist: path.resolve(env.ADMIN_DIST || path.join(repoRoot, 'admin', 'dist')),
    production: env.NODE_ENV === 'production',
    statementTimeoutMs: intFromEnv(env, 'DB_STATEMENT_TIMEOUT_MS', 15000),
    poolSize: Math.max(1, intFromEnv(env, 'DB_POOL_SIZE', 10)),
    connectTimeoutMs: Math.max(100, intFromEnv(env, 'DB_CONNECT_TIMEOUT_MS', 3000)),
    readyTimeoutMs: Math.max(100, intFromEnv(env, 'READY_TIMEOUT_MS', 2000)),
    shutdownTimeoutMs: Math.max(1000, intFromEnv(env, 'SHUTDOWN_TIMEOUT_MS', 25_000)),
    metrics: metricsSettingsFromEnv(env),
    logSql: boolFromEnv(env, 'LOG_SQL', false),
    exposeSqlCount: boolFromEnv(env, 'EXPOSE_SQL_COUNT', env.NODE_ENV !== 'production'),
    maxBodyBytes: intFromEnv(env, 'MAX_BODY_BYTES', 1_000_000),
    session: {
      idleMinutes: intFromEnv(env, 'SESSION_IDLE_MINUTES', 30),
      absoluteHours: intFromEnv(env, 'SESSION_ABSOLUTE_HOURS', 12),
      cookieSecure: boolFromEnv(env, 'COOKIE_SECURE', env.NODE_ENV === 'production'),
    },
    loginThrottle: loginThrottleFromEnv(env),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    trustProxy: env.TRUST_PROXY === undefined || env.TRUST_PROXY === '' ? false : /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : boolFromEnv(env, 'TRUST_PROXY', false),
    rateLimit: {
      perIpPerMinute: intFromEnv(env, 'RATE_LIMIT_IP_PER_MINUTE', 600),
      perKeyPerMinute: intFromEnv(env, 'RATE_LIMIT_KEY_PER_MINUTE', 1200),
    },
    staleAfterMonths: intFromEnv(env, 'STALE_AFTER_MONTHS', 12),
    graphqlLimits: {
      maxDepth: intFromEnv(env, 'GRAPHQL_MAX_DEPTH', 12),
      maxAliases: intFromEnv(env, 'GRAPHQL_MAX_ALIASES', 30),
      maxTokens: intFromEnv(env, 'GRAPHQL_MAX_TOKENS', 5000),
      maxCost: intFromEnv(env, 'GRAPHQL_MAX_COST', 50000),
      maxDirectives: intFromEnv(env, 'GRAPHQL_MAX_DIRECTIVES', 30),
      // Fields, fragment spreads and inline fragments, fragments counted where spread (docs/security.md).
      maxSelections: intFromEnv(env, 'GRAPHQL_MAX_SELECTIONS', 400),
    },
    idempotency: {
      ttlHours: Math.max(1, intFromEnv(env, 'IDEMPOTENCY_KEY_TTL_HOURS', 24)),
      waitMs: intFromEnv(env, 'IDEMPOTENCY_WAIT_MS', 10_000),
    },
    referrals: referralSettingsFromEnv(env),
    webhooks: webhookSettingsFromEnv(env),
    neighbourhood: neighbourhoodThresholdsFromEnv(env),
  };
}

function metricsSettingsFromEnv(env: NodeJS.ProcessEnv): AppConfig['metrics'] {
  const token = env.METRICS_TOKEN || null;
  if (token !== null && token.length < 16) throw new Error('METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -base64 32`)');
  return { enabled: boolFromEnv(env, 'METRICS_ENABLED', true), token, requireToken: env.NODE_ENV === 'production' };
}

function loginThrottleFromEnv(env: NodeJS.ProcessEnv): LoginThrottleSettings {
  const settings: LoginThrottleSettings = {
    perAccountAndSource: Math.max(1, intFromEnv(env, 'LOGIN_MAX_FAILURES', 5)),
    perSource: Math.max(1, intFromEnv(env, 'RATE_LIMIT_FAILED_LOGINS_PER_IP', 20)),
    sourceWindowMinutes: Math.max(1, intFromEnv(env, 'LOGIN_LOCK_MINUTES', 15)),
    perAccount: Math.max(1, intFromEnv(env, 'LOGIN_ACCOUNT_MAX_FAILURES', 50)),
    accountWindowMinutes: Math.max(1, intFromEnv(env, 'LOGIN_ACCOUNT_WINDOW_MINUTES', 60)),
  };
  // Otherwise one address's guesses would lock the owner out everywhere, which the per-address limit exists to prevent.
  if (settings.perAccount < settings.perAccountAndSource) throw new Error('LOGIN_ACCOUNT_MAX_FAILURES must be at least LOGIN_MAX_FAILURES');
  return settings;
}

function databaseAppUrlFromEnv(env: NodeJS.ProcessEnv): string | null {
  const appUrl = env.DATABASE_APP_URL || null;
  if (appUrl && !env.DATABASE_URL) throw new Error('DATABASE_APP_URL is set without DATABASE_URL: set DATABASE_URL to the owner role (migrations) and DATABASE_APP_URL to the app role (requests)');
  return appUrl;
}

/**
 * What production cannot run without, all named in one message (main.ts refuses to start):
 * a database (the embedded PostgreSQL is for development and not in the image), the key that
 * encrypts webhook secrets, and the token that guards `/metrics` while metrics are on.
 */
export function missingProductionSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const missing: string[] = [];
  if (!env.DATABASE_URL) missing.push('DATABASE_URL (the owner role: migrations)');
  if (!env.WEBHOOK_SECRET_KEY) missing.push('WEBHOOK_SECRET_KEY (encrypts webhook secrets; at least 32 characters, e.g. `openssl rand -base64 32`)');
  if (!env.METRICS_TOKEN && boolFromEnv(env, 'METRICS_ENABLED', true)) missing.push('METRICS_TOKEN (guards /metrics; at least 16 characters), or METRICS_ENABLED=false');
  return missing;
}

function boundedIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** The referral settings alone (the services and the purge script read them outside a running app too). */
export function referralSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ReferralSettings {
  return {
    defaultActionWeeks: boundedIntFromEnv(env, 'REFERRAL_DEFAULT_ACTION_WEEKS', DEFAULT_REFERRAL_SETTINGS.defaultActionWeeks, 1, 104),
    retentionYears: boundedIntFromEnv(env, 'REFERRAL_RETENTION_YEARS', DEFAULT_REFERRAL_SETTINGS.retentionYears, 1, 100),
  };
}

/** The webhook settings alone (the worker and the services read them outside a running app too). */
export function webhookSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  const secretKey = env.WEBHOOK_SECRET_KEY || null;
  if (secretKey !== null && secretKey.length < 32) throw new Error('WEBHOOK_SECRET_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)');
  const pollIntervalMs = intFromEnv(env, 'WEBHOOK_POLL_INTERVAL_MS', 2000);
  if (pollIntervalMs < 500) throw new Error('WEBHOOK_POLL_INTERVAL_MS must be at least 500');
  const allowLoopback = boolFromEnv(env, 'WEBHOOK_ALLOW_LOOPBACK', false);
  // Fail closed: a test setting left in a production environment would let webhooks reach the server's own ports.
  if (allowLoopback && env.NODE_ENV === 'production') throw new Error('WEBHOOK_ALLOW_LOOPBACK is for tests and development; unset it in production');
  return {
    secretKey,
    production: env.NODE_ENV === 'production',
    worker: boolFromEnv(env, 'WEBHOOK_WORKER', true),
    maxAttempts: Math.max(1, intFromEnv(env, 'WEBHOOK_MAX_ATTEMPTS', 10)),
    backoffBaseMs: intFromEnv(env, 'WEBHOOK_BACKOFF_BASE_MS', 30_000),
    backoffMaxMs: intFromEnv(env, 'WEBHOOK_BACKOFF_MAX_MS', 3_600_000),
    timeoutMs: Math.max(100, intFromEnv(env, 'WEBHOOK_TIMEOUT_MS', 10_000)),
    relayIntervalMs: Math.max(10, intFromEnv(env, 'WEBHOOK_RELAY_INTERVAL_MS', 1000)),
    pollIntervalMs,
    concurrency: Math.max(1, intFromEnv(env, 'WEBHOOK_CONCURRENCY', 4)),
    deliveryRetentionDays: Math.max(1, intFromEnv(env, 'WEBHOOK_DELIVERY_RETENTION_DAYS', 30)),
    allowLoopback,
  };
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

function decimalFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

/** The neighbourhood view's thresholds alone (services read them outside a running app too). */
export function neighbourhoodThresholdsFromEnv(env: NodeJS.ProcessEnv = process.env): NeighbourhoodThresholds {
  const d = DEFAULT_NEIGHBOURHOOD_THRESHOLDS;
  const thresholds: NeighbourhoodThresholds = {
    membersPer10000: decimalFromEnv(env, 'TEAM_NORM_MEMBERS_PER_10000', d.membersPer10000),
    memberMinFte: decimalFromEnv(env, 'TEAM_NORM_MEMBER_MIN_FTE', d.memberMinFte),
    teamMinMembers: intFromEnv(env, 'TEAM_NORM_MIN_MEMBERS', d.teamMinMembers),
    teamMaxMembers: intFromEnv(env, 'TEAM_NORM_MAX_MEMBERS', d.teamMaxMembers),
    teamMinTotalFte: decimalFromEnv(env, 'TEAM_NORM_MIN_TOTAL_FTE', d.teamMinTotalFte),
    normNetworkKinds: env.TEAM_NORM_NETWORK_KINDS
      ? env.TEAM_NORM_NETWORK_KINDS.split(',').map((kind) => kind.trim().toUpperCase()).filter(Boolean)
      : d.normNetworkKinds,
    coverageThinBelow: intFromEnv(env, 'COVERAGE_THIN_BELOW', d.coverageThinBelow),
    gapNeedMargin: decimalFromEnv(env, 'GAP_NEED_MARGIN', d.gapNeedMargin),
  };
  if (thresholds.teamMinMembers > thresholds.teamMaxMembers) throw new Error('TEAM_NORM_MIN_MEMBERS must not exceed TEAM_NORM_MAX_MEMBERS');
  if (thresholds.coverageThinBelow < 1) throw new Error('COVERAGE_THIN_BELOW must be at least 1');
  return thresholds;
}
