import type { AddressInfo } from 'node:net';
import { type App, createApp } from '../app';
import { loadConfig } from '../config';
import { type TestDatabase, createTestDatabase } from './database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> };
  /** SQL statements the request ran (x-sql-statements header). */
  sqlStatements: number;
}

export interface TestApp {
  url: string;
  db: TestDatabase;
  app: App;
  loggedErrors: Array<{ correlationId: string; error: unknown }>;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The real HTTP app on a random port, over a private copy of the seeded test database. */
export async function startTestApp(options: { env?: NodeJS.ProcessEnv } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = { ...loadConfig({ NODE_ENV: 'test', EXPOSE_SQL_COUNT: 'true', ...options.env }), port: 0 };
  const loggedErrors: TestApp['loggedErrors'] = [];
  const app = await createApp({ config, dataSource: db.dataSource, logError: (entry) => loggedErrors.push(entry) });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    db,
    app,
    loggedErrors,
    async gql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse<T>['body'];
      return { status: response.status, body, sqlStatements: Number(response.headers.get('x-sql-statements') ?? NaN) };
    },
    async close() {
      await app.stop();
      await db.drop();
    },
  };
}

/** Asserts a response has no errors and returns its data. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors)}`);
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  return response.body.data as T;
}
