import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, loadConfig, missingProductionSettings } from './config';
import { createDataSource } from './db/data-source';
import { DemoDataConflict, seedDemoData } from './demo-data';
import { openDatabase } from './db/database';
import { EmbeddedPostgresError } from './db/embedded-postgres';
import { migrateDatabase } from './db/migrate';
import { leastPrivilegeProblems } from './db/privileges';
import { ReplicaSet, replicaName } from './db/replicas';
import type { BackgroundWork } from './common/feature';
import { features } from './features';
import { createLogger } from './logging';
import { ensureDemoUsers } from './modules/user';
import { runShutdown } from './ops/shutdown';

/**
 * `npm start`: PostgreSQL (DATABASE_URL, or embedded under .data/), migrations, the demo data
 * (SEED_DEMO_DATA: Amersfoort, or the synthetic world) on an empty database, then GraphQL on PORT.
 */
async function main(): Promise<void> {
  const missing = missingProductionSettings();
  if (missing.length > 0) throw new StartupError(`NODE_ENV=production, but these settings are missing:\n${missing.map((m) => `  - ${m}`).join('\n')}\nSee the README, "Production".`);
  const config = loadConfig();
  const log = (message: string) => console.log(`[schakel] ${message}`);

  const logger = createLogger();
  const database = await openDatabase(config, log);

  // Schema changes run as the owner; requests below run as the app role.
  const applied = await migrateDatabase({ ownerUrl: database.url, appRole: database.appRole, webhooks: config.webhooks, features });
  log(applied.length > 0 ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database schema is up to date');

  const dataSource = createDataSource({
    url: database.appUrl,
    features,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
    logSql: config.logSql,
    onPoolError: (error) => logger.warn({ err: { message: error.message } }, 'database pool connection failed'),
  });
  await dataSource.initialize();
  const problems = await leastPrivilegeProblems((sql, params) => dataSource.query(sql, params).then((rows: Array<Record<string, unknown>>) => ({ rows })));
  if (database.appRole === null) {
    log('WARNING: least privilege is NOT in effect: requests run as the owner of the schema (only DATABASE_URL is set; set DATABASE_APP_URL, see docs/operations.md "Database roles")');
  } else if (problems.length > 0) {
    log(`WARNING: least privilege is NOT in effect: ${problems.join('; ')} (see docs/operations.md "Database roles")`);
  } else {
    log(`requests run as the database role "${database.appRole}" (least privilege: no ownership, access log append-only)`);
  }

  if (config.seedDemoData !== 'none') {
    try {
      log((await seedDemoData(dataSource, config.seedDemoData)).message);
    } catch (error) {
      if (error instanceof DemoDataConflict) throw new StartupError(error.message);
      throw error;
    }
    const accounts = await ensureDemoUsers(dataSource.manager);
    if (accounts.length > 0) {
      log('created demo accounts (passwords are shown only now; log in at /auth/login or in the admin app):');
      for (const a of accounts) log(`  ${a.role.padEnd(12)} ${a.email.padEnd(28)} ${a.password}   (${a.description})`);
    }
  }
  const [{ users }] = await dataSource.query('SELECT count(*)::int AS users FROM app_user');
  if (users === 0) log('no user accounts yet: create the first admin with `npm run user:create -- --email you@example.org --role ADMIN`');

  // Streaming replicas for lag-tolerant reads (docs/operations.md, "Several replicas"); a replica that is down at start joins when it answers.
  const replicas = new ReplicaSet({
    primary: dataSource,
    replicas: config.replicas.urls.map((url) => ({
      name: replicaName(url),
      dataSource: createDataSource({
        url,
        features,
        poolSize: config.poolSize,
        statementTimeoutMs: config.statementTimeoutMs,
        connectTimeoutMs: config.connectTimeoutMs,
        logSql: config.logSql,
        applicationName: 'schakel-api-replica-reads',
        onPoolError: (error) => logger.warn({ err: { message: error.message } }, 'replica pool connection failed'),
      }),
    })),
    settings: config.replicas,
    logger,
  });
  if (replicas.size > 0) {
    await replicas.start();
    const states = replicas.status();
    log(`read replicas: ${states.map((r) => `${r.name} ${r.ok ? `in use (lag ${r.lagMs} ms)` : `out (${r.error})`}`).join('; ')}`);
  }

  const app = await createApp({ config, dataSource, features, logger, replicas });
  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  log(`GraphQL API listening on http://localhost:${port}/graphql (pid ${process.pid})`);
  log(`admin app on http://localhost:${port}/`);

  // The features' background work (the webhook feature: the outbox relay and the pg-boss queue workers).
  const background: BackgroundWork[] = [];
  for (const feature of features) {
    const work = await feature.start?.({ config, dataSource, logger, databaseUrl: database.appUrl, log });
    if (work) background.push(work);
  }

  // Graceful shutdown: /readyz turns red and the listener closes, in-flight requests finish, the
  // background work (the webhook worker's delivery in flight) finishes, then the pool closes and the embedded PostgreSQL stops.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down`);
    const code = await runShutdown(
      [
        { name: 'HTTP server (in-flight requests finished)', run: () => app.stop() },
        ...background.map((work) => ({ name: work.name, run: () => work.stop() })),
        ...(replicas.size > 0 ? [{ name: 'read replica pools (closed)', run: () => replicas.stop() }] : []),
        { name: 'database pool (closed)', run: () => dataSource.destroy() },
        { name: database.embedded ? 'embedded PostgreSQL (stopped)' : 'database', run: () => database.stop() },
      ],
      { timeoutMs: config.shutdownTimeoutMs, log },
    );
    log(code === 0 ? 'stopped' : 'stopped with errors');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** A start-up failure the message explains: printed without a stack trace. */
class StartupError extends Error {}

main().catch((error) => {
  // What the operator must fix is said in the message; a stack trace would only bury it.
  if (error instanceof StartupError || error instanceof ConfigError || error instanceof EmbeddedPostgresError) console.error(`[schakel] failed to start: ${error.message}`);
  else console.error('[schakel] failed to start:', error);
  process.exit(1);
});
