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
  };
}
