import path from 'node:path';

export interface AppConfig {
  /** Set: use this PostgreSQL (≥ 15). Unset: start an embedded PostgreSQL. */
  databaseUrl: string | null;
  embeddedPostgres: { dataDir: string; port: number };
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
  logSql: boolean;
  /** Send the `x-sql-statements` response header (on outside production unless set). */
  exposeSqlCount: boolean;
  /** Largest accepted request body. */
  maxBodyBytes: number;
  session: { idleMinutes: number; absoluteHours: number; maxFailedLogins: number; lockMinutes: number; cookieSecure: boolean };
  /** Origins allowed to call the API from a browser (CORS); empty: same origin only. */
  corsOrigins: string[];
  /** Express `trust proxy` setting, so client IPs are right behind a load balancer. */
  trustProxy: string | boolean;
  rateLimit: { perIpPerMinute: number; perKeyPerMinute: number; failedLoginsPerIpPer15Minutes: number };
  /** Records not verified for this many months are stale (design §3). */
  staleAfterMonths: number;
  /** GraphQL document limits, checked before anything runs. */
  graphqlLimits: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxDirectives: number };
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
    embeddedPostgres: {
      dataDir: path.resolve(env.EMBEDDED_PG_DATA_DIR || path.join(repoRoot, '.data', 'postgres')),
      port: intFromEnv(env, 'EMBEDDED_PG_PORT', 54329),
    },
    host: env.HOST || '0.0.0.0',
    port: intFromEnv(env, 'PORT', 4000),
    seedDemoData: boolFromEnv(env, 'SEED_DEMO_DATA', true),
    adminDist: path.resolve(env.ADMIN_DIST || path.join(repoRoot, 'admin', 'dist')),
    production: env.NODE_ENV === 'production',
    statementTimeoutMs: intFromEnv(env, 'DB_STATEMENT_TIMEOUT_MS', 15000),
    poolSize: intFromEnv(env, 'DB_POOL_SIZE', 10),
    logSql: boolFromEnv(env, 'LOG_SQL', false),
    exposeSqlCount: boolFromEnv(env, 'EXPOSE_SQL_COUNT', env.NODE_ENV !== 'production'),
    maxBodyBytes: intFromEnv(env, 'MAX_BODY_BYTES', 1_000_000),
    session: {
      idleMinutes: intFromEnv(env, 'SESSION_IDLE_MINUTES', 30),
      absoluteHours: intFromEnv(env, 'SESSION_ABSOLUTE_HOURS', 12),
      maxFailedLogins: intFromEnv(env, 'LOGIN_MAX_FAILURES', 5),
      lockMinutes: intFromEnv(env, 'LOGIN_LOCK_MINUTES', 15),
      cookieSecure: boolFromEnv(env, 'COOKIE_SECURE', env.NODE_ENV === 'production'),
    },
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    trustProxy: env.TRUST_PROXY === undefined || env.TRUST_PROXY === '' ? false : /^\d+$/.test(env.TRUST_PROXY) ? env.TRUST_PROXY : boolFromEnv(env, 'TRUST_PROXY', false),
    rateLimit: {
      perIpPerMinute: intFromEnv(env, 'RATE_LIMIT_IP_PER_MINUTE', 600),
      perKeyPerMinute: intFromEnv(env, 'RATE_LIMIT_KEY_PER_MINUTE', 1200),
      failedLoginsPerIpPer15Minutes: intFromEnv(env, 'RATE_LIMIT_FAILED_LOGINS_PER_IP', 20),
    },
    staleAfterMonths: intFromEnv(env, 'STALE_AFTER_MONTHS', 12),
    graphqlLimits: {
      maxDepth: intFromEnv(env, 'GRAPHQL_MAX_DEPTH', 12),
      maxAliases: intFromEnv(env, 'GRAPHQL_MAX_ALIASES', 30),
      maxTokens: intFromEnv(env, 'GRAPHQL_MAX_TOKENS', 5000),
      maxCost: intFromEnv(env, 'GRAPHQL_MAX_COST', 50000),
      maxDirectives: intFromEnv(env, 'GRAPHQL_MAX_DIRECTIVES', 30),
    },
  };
}
