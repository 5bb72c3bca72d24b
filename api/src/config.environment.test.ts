import { ConfigError, loadConfig, missingProductionSettings, webhookSettingsFromEnv } from './config';

/** The problems of a refused environment (loadConfig throws one ConfigError naming them all). */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the environment was accepted');
}

describe('the environment schema', () => {
  it('names every bad variable at once, each with its reason', () => {
    const problems = problemsOf({ PORT: 'x', DB_POOL_SIZE: '-3', SEED_DEMO_DATA: 'maybe', TEAM_NORM_MEMBER_MIN_FTE: 'veel', LOGIN_MAX_FAILURES: '9', LOGIN_ACCOUNT_MAX_FAILURES: '3' });
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535, got "x"',
      'SEED_DEMO_DATA must be one of amersfoort, synthetic, none (or true/false for amersfoort/none), got "maybe"',
      'DB_POOL_SIZE must be a non-negative integer, got "-3"',
      'TEAM_NORM_MEMBER_MIN_FTE must be a non-negative number, got "veel"',
      // A rule between variables is checked beside the variables' own problems …
      'LOGIN_ACCOUNT_MAX_FAILURES must be at least LOGIN_MAX_FAILURES (9)',
    ]);
    expect(() => loadConfig({ PORT: 'x', GRAPHQL_MAX_DEPTH: 'deep' })).toThrow(/^2 settings are not valid[^]*PORT[^]*GRAPHQL_MAX_DEPTH/);
    // … but not on a value already refused: its own reason is what is reported.
    expect(problemsOf({ LOGIN_MAX_FAILURES: 'many', LOGIN_ACCOUNT_MAX_FAILURES: '3' })).toEqual(['LOGIN_MAX_FAILURES must be a non-negative integer, got "many"']);
  });

  it('keeps the defaults, and raises too-small values as before', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: null,
      embeddedPostgres: { port: 54329, explicitDataDir: false, explicitPort: false },
      host: '0.0.0.0',
      port: 4000,
      seedDemoData: 'amersfoort',
      poolSize: 10,
      exposeSqlCount: true,
      session: { idleMinutes: 30, absoluteHours: 12, cookieSecure: false },
      corsOrigins: [],
      trustProxy: false,
      graphqlLimits: { maxDepth: 12, maxAliases: 30, maxTokens: 5000, maxCost: 50000, maxDirectives: 30, maxSelections: 400 },
      idempotency: { ttlHours: 24, waitMs: 10_000 },
      httpKeepAliveSeconds: 65,
    });
    // Empty is unset (`NAME=` in a .env file).
    expect(loadConfig({ PORT: '', SEED_DEMO_DATA: '' })).toMatchObject({ port: 4000, seedDemoData: 'amersfoort' });
    // SEED_DEMO_DATA names a data set; the flag it was before still works (on: amersfoort, off: none).
    expect(['synthetic', 'Amersfoort', 'none', 'true', 'false', '0'].map((v) => loadConfig({ SEED_DEMO_DATA: v }).seedDemoData)).toEqual(['synthetic', 'amersfoort', 'none', 'amersfoort', 'none', 'none']);
    expect(loadConfig({ DB_POOL_SIZE: '0', SHUTDOWN_TIMEOUT_MS: '5', WEBHOOK_MAX_ATTEMPTS: '0' })).toMatchObject({ poolSize: 1, shutdownTimeoutMs: 1000, webhooks: { maxAttempts: 1 } });
    expect(problemsOf({ HTTP_KEEP_ALIVE_SECONDS: '0' })).toEqual(['HTTP_KEEP_ALIVE_SECONDS must be a whole number from 1 to 3600, got "0"']);
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ production: true, exposeSqlCount: false, session: { cookieSecure: true } });
    expect(loadConfig({ EMBEDDED_PG_PORT: '5433', TRUST_PROXY: 'off', COOKIE_SECURE: 'yes' })).toMatchObject({ embeddedPostgres: { port: 5433, explicitPort: true }, trustProxy: false, session: { cookieSecure: true } });
  });

  it('checks URLs and origins without repeating a password', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://owner:hunter2@db/x', DATABASE_APP_URL: 'schakel_app:hunter2@db' });
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(['DATABASE_URL', 'DATABASE_APP_URL']);
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(loadConfig({ DATABASE_URL: 'postgresql://owner@db:5432/x' }).databaseUrl).toBe('postgresql://owner@db:5432/x');

    expect(loadConfig({ CORS_ORIGINS: 'https://admin.example.org, http://localhost:5173' }).corsOrigins).toEqual(['https://admin.example.org', 'http://localhost:5173']);
    // The Origin header never has a path, a trailing slash or a default port: such an entry could never match.
    expect(problemsOf({ CORS_ORIGINS: 'https://admin.example.org/,https://ok.example.org,https://x.example.org:443' })).toEqual([
      'CORS_ORIGINS must list origins as browsers send them, scheme://host[:port] (e.g. https://admin.example.org), not "https://admin.example.org/", "https://x.example.org:443"',
    ]);
    expect(problemsOf({ METRICS_TOKEN: 'short-secret' })).toEqual(['METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -base64 32`)']);
  });

  it('checks LOG_LEVEL, which the logger reads before the configuration', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'debug' })).not.toThrow();
    expect(problemsOf({ LOG_LEVEL: 'verbose' })).toEqual(['LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"']);
  });

  it('reads a part of the environment on its own, ignoring the rest', () => {
    expect(webhookSettingsFromEnv({ PORT: 'x', WEBHOOK_CONCURRENCY: '8' }).concurrency).toBe(8);
    expect(() => webhookSettingsFromEnv({ WEBHOOK_POLL_INTERVAL_MS: '100', WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(
      /WEBHOOK_TIMEOUT_MS must be a non-negative integer, got "soon"[^]*WEBHOOK_POLL_INTERVAL_MS must be a whole number of at least 500, got "100"/,
    );
  });

  it('leaves a refused production setting to loadConfig rather than calling it missing', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'not a url', WEBHOOK_SECRET_KEY: 'k'.repeat(32), METRICS_ENABLED: 'perhaps' };
    expect(missingProductionSettings(production)).toEqual([]);
    expect(problemsOf(production).map((problem) => problem.split(' ')[0])).toEqual(['DATABASE_URL', 'METRICS_ENABLED']);
  });
});
