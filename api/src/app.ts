import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config';
import { type RequestContext, createContext } from './context';
import { sqlTallyStorage } from './db/sql-counter';
import { argumentErrorsPlugin, createFormatError, type ErrorLogger } from './graphql/errors';
import { getSchema } from './graphql/schema';
import { mountRestRoutes } from './http/routes';

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  /** Stop accepting requests and finish in-flight ones. */
  stop(): Promise<void>;
}

export interface AppOptions {
  config: AppConfig;
  dataSource: DataSource;
  logError?: ErrorLogger;
}

const defaultErrorLogger: ErrorLogger = ({ correlationId, error }) => {
  console.error(`[error ${correlationId}]`, error);
};

/**
 * The HTTP application: GraphQL at /graphql, liveness at /healthz and, when built, the admin
 * app from the same origin. Listening is left to the caller.
 */
export async function createApp({ config, dataSource, logError = defaultErrorLogger }: AppOptions): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<RequestContext>({
    schema: getSchema(),
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    formatError: createFormatError(logError),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      argumentErrorsPlugin,
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

  mountRestRoutes(app, { config, dataSource });

  app.use(
    '/graphql',
    (req, _res, next) => sqlTallyStorage.run({ statements: 0 }, next),
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(dataSource.manager, headerValue(req.headers['x-request-id']) ?? randomUUID()),
    }),
  );

  if (fs.existsSync(path.join(config.adminDist, 'index.html'))) {
    app.use(express.static(config.adminDist, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes of the single-page app.
    app.get(/^\/(?!graphql|healthz|hsds).*/, (_req, res) => res.sendFile(path.join(config.adminDist, 'index.html')));
  }

  return {
    httpServer,
    apollo,
    async stop() {
      await apollo.stop();
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^[\w.-]{1,100}$/.test(first) ? first : undefined;
}
