import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config';
import { type FeatureModule, contextFactoryOf, credentialsOf, directReadsOf, replicaReadsOf } from './common/feature';
import type { RequestContext } from './context';
import type { ReplicaSet } from './db/replicas';
import { type SqlTally, sqlTallyStorage } from './db/sql-counter';
import { argumentErrorsPlugin, createFormatError, type ErrorLogger, requestErrorsPlugin, serviceUnavailablePlugin } from './graphql/errors';
import { assertDirectReadRules, directExecution } from './graphql/direct-execution';
import { armorProtection } from './graphql/limits';
import { RecentWriters, READ_FROM_HEADER, createReadRouter, readRoutingPlugin, readYourWritesCookie, writerKey } from './graphql/read-routing';
import { getSchema } from './graphql/schema';
import { authenticate, requestViewer } from './http/authenticate';
import { type CredentialCache, createCredentialCache } from './http/credential-cache';
import { rateLimits } from './http/rate-limits';
import { accessLog } from './http/access-log';
import { replayedHeaders } from './http/static-headers';
import { mountRestRoutes } from './http/rest-routes';
import { restErrorHandler } from './http/routes';
import { createLogger } from './logging';
import { type Readiness, createHealthRouter } from './ops/health.router';
import { type Metrics, createMetrics, logMetricsAccess } from './ops/metrics';

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  /** `/readyz` reports not ready once `accepting` is false (shutdown has begun). */
  readiness: Readiness;
  metrics: Metrics;
  /** The callers this process has checked and keeps for CREDENTIAL_CACHE_SECONDS (http/credential-cache.ts). */
  credentials: CredentialCache;
  /** Report not ready, stop accepting connections and finish in-flight requests. */
  stop(): Promise<void>;
}

export interface AppOptions {
  config: AppConfig;
  dataSource: DataSource;
  /** The features the app is made of (src/features.ts): their resolvers, loaders, routers and plugins. */
  features: readonly FeatureModule[];
  logger?: Logger;
  /** Called with every masked internal error (tests use it; the logger gets them too). */
  logError?: ErrorLogger;
  /** Streaming replicas for lag-tolerant reads (DATABASE_REPLICA_URLS), already started; none: every read on the primary. */
  replicas?: ReplicaSet;
}

/**
 * The HTTP application: GraphQL at /graphql, sign-in at /auth, REST APIs and health beside it,
 * and, when built, the admin app from the same origin. Listening is left to the caller.
 */
export async function createApp({ config, dataSource, features, logger = createLogger(), logError, replicas }: AppOptions): Promise<App> {
  const createContext = contextFactoryOf(features);
  // Checked callers kept a few seconds per process; revocation reaches every replica through NOTIFY (http/credential-cache.ts).
  const credentials = createCredentialCache(credentialsOf(features), {
    ttlMs: config.credentialCacheSeconds * 1000,
    listenUrl: (dataSource.options as { url?: string }).url ?? null,
    logger,
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  // Node closes an idle kept-alive socket after 5 s by default, racing a client that reuses it at that moment
  // (ECONNRESET). Outlast the clients instead. (headersTimeout counts from a request's start on Node 20, not
  // from the idle socket, so it stays at its default.)
  httpServer.keepAliveTimeout = config.httpKeepAliveSeconds * 1000;
  const armor = armorProtection(config);
  const limits = rateLimits(config, { dataSource, logger });
  const readiness: Readiness = { accepting: true };
  const replicated = replicas !== undefined && replicas.size > 0;
  // Callers who wrote in the last READ_YOUR_WRITES_SECONDS read from the primary (graphql/read-routing.ts).
  const writers = new RecentWriters(config.replicas.readYourWritesSeconds * 1000);
  const metrics = createMetrics({ dataSource, token: config.metrics.token, requireToken: config.metrics.requireToken });
  logMetricsAccess(logger, config.metrics.enabled, metrics.access);
  // The pool replaces a connection PostgreSQL dropped while idle; count and log it.
  const pool = (dataSource.driver as unknown as { master?: import('node:events').EventEmitter }).master;
  const onPoolError = (error: Error) => {
    metrics.poolError();
    logger.warn({ err: { message: error.message } }, 'database pool connection failed');
  };
  pool?.on('error', onPoolError);

  const schema = getSchema(features);
  const routingOptions = replicas && replicated ? { replicas, settings: config.replicas, replicaReads: replicaReadsOf(features), writers, secureCookie: config.session.cookieSecure } : null;
  const requestContext = (req: express.Request, res: express.Response): RequestContext =>
    createContext(dataSource.manager, {
      viewer: requestViewer(res),
      requestId: String(req.id ?? randomUUID()),
      client: { ip: req.ip ?? null, userAgent: headerText(req.headers['user-agent']) },
      idempotencyKey: typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null,
      settings: { staleAfterMonths: config.staleAfterMonths, webhooks: config.webhooks, geocoder: config.geocoder },
    });
  // Compiled root fields answered before Apollo's pipeline, for documents Apollo has validated (graphql/direct-execution.ts).
  const directReads = directReadsOf(features);
  assertDirectReadRules(directReads);
  const direct = directExecution({
    schema,
    reads: directReads,
    createContext: requestContext,
    onOperation: metrics.operation,
    exposeSqlCount: config.exposeSqlCount,
    routing: routingOptions ? createReadRouter(routingOptions) : undefined,
  });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    // Refuse requests a browser could send cross-site without a preflight (GET without a header, form posts).
    csrfPrevention: true,
    // main.ts handles SIGINT/SIGTERM (Apollo, then the webhook worker, then the pool). Apollo's own handler would
    // stop it concurrently, and a second stop() never returns (Apollo resolves its stop barrier only on failure).
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: config.graphqlLimits.maxTokens },
    formatError: createFormatError(
      (entry) => {
        logger.error({ correlationId: entry.correlationId, err: entry.error }, 'internal error');
        logError?.(entry);
      },
      ({ reason, error }) => logger.warn({ reason, err: { message: (error as Error)?.message } }, 'database unavailable'),
    ),
    validationRules: armor.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      argumentErrorsPlugin,
      requestErrorsPlugin,
      serviceUnavailablePlugin,
      metrics.apolloPlugin,
      // The features' own (Idempotency-Key on referral mutations: one transaction per request, the response stored with the key).
      ...features.flatMap((feature) => feature.graphqlPlugins?.({ config, dataSource, logger }) ?? []),
      ...armor.plugins,
      ...(routingOptions ? [readRoutingPlugin(routingOptions)] : []),
      direct.plugin,
      {
        // A mutation that ended or narrowed a credential is effective for this process's next request (http/credential-cache.ts).
        async requestDidStart() {
          return {
            async willSendResponse({ operation }) {
              if (operation?.operation === 'mutation') await credentials.sync();
            },
          };
        },
      },
      {
        // Every response says how many SQL statements it took (tests and benchmarks read it).
        async requestDidStart() {
          return {
            async willSendResponse({ response }) {
              const tally = sqlTallyStorage.getStore();
              if (tally && config.exposeSqlCount) response.http.headers.set('x-sql-statements', String(tally.statements));
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  // helmet's headers depend on its options only: set from a recording of one run (http/static-headers.ts).
  app.use(
    replayedHeaders(
      helmet({
        // The admin app is served from this origin; Apollo's explorer (outside production) loads from its CDN.
        contentSecurityPolicy: config.production ? { directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:', 'https:'] } } : false,
        crossOriginEmbedderPolicy: false,
      }),
    ),
  );
  // Without allowed origins cors answers nothing (no headers, preflights fall through), so it is mounted only with them.
  if (config.corsOrigins.length > 0) app.use(cors({ origin: config.corsOrigins, credentials: true }));
  // Probes and metrics: before logging, rate limits and authentication, and never touching sessions (security headers still apply).
  app.use(createHealthRouter({ dataSource, readiness, readyTimeoutMs: config.readyTimeoutMs, replicas }));
  if (config.metrics.enabled) app.get('/metrics', metrics.handler);
  app.use(metrics.httpMiddleware);
  // One line per request on completion: its id, status, time, GraphQL operation and SQL statements (http/access-log.ts).
  app.use(
    accessLog(logger, (res) => {
      const tally = res.locals?.sqlTally as SqlTally | undefined;
      return tally ? { operation: tally.operation, operationType: tally.operationType, sqlStatements: tally.statements } : {};
    }),
  );
  app.use(cookieParser());
  // Count the SQL of everything below, including authentication.
  app.use((_req, res, next) => {
    const tally: SqlTally = { statements: 0 };
    res.locals.sqlTally = tally;
    sqlTallyStorage.run(tally, next);
  });
  app.use(limits.perIp);
  app.use(authenticate({ config, dataSource, credentials }));
  app.use(limits.perKey);
  if (replicated) {
    // A REST write (an import, sign-in aside) counts as a write for read-your-writes, as a mutation does; REST reads stay on the primary.
    app.use((req, res, next) => {
      const writer = writerKey(requestViewer(res));
      // Sign-in is no write of the caller's data (and an anonymous caller writes nothing).
      if (writer && req.path !== '/graphql' && !req.path.startsWith('/auth/') && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
        writers.wrote(writer);
        res.append('set-cookie', readYourWritesCookie(config.replicas, config.session.cookieSecure));
        res.set(READ_FROM_HEADER, 'primary');
      }
      next();
    });
  }

  // The features' REST routers (sign-in at /auth among them); each sets its own body parser.
  mountRestRoutes(app, { config, dataSource, createContext, sessions: credentials }, features);
  // GraphQL takes small JSON bodies (MAX_BODY_BYTES); import endpoints set their own, larger limits.
  const json = express.json({ limit: config.maxBodyBytes });

  app.use('/graphql', json, direct.middleware, expressMiddleware(apollo, { context: async ({ req, res }) => requestContext(req, res) }));

  if (fs.existsSync(path.join(config.adminDist, 'index.html'))) {
    app.use(express.static(config.adminDist, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes of the single-page app.
    app.get(/^\/(?!graphql|healthz|hsds|auth).*/, (_req, res) => res.sendFile(path.join(config.adminDist, 'index.html')));
  }

  // Malformed JSON, oversized bodies and unexpected failures outside GraphQL (the auth routes among them).
  app.use(restErrorHandler({ api: 'app' }));

  return {
    httpServer,
    apollo,
    readiness,
    metrics,
    credentials,
    async stop() {
      readiness.accepting = false;
      // Closes the listener, lets in-flight requests finish (then closes idle keep-alive connections).
      await apollo.stop();
      pool?.off('error', onPoolError);
      await credentials.close();
    },
  };
}

function headerText(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first.slice(0, 500) : null;
}
