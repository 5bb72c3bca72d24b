import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { features } from '../features';
import { type App, createApp } from '../app';
import { loadConfig } from '../config';
import { createDataSource } from '../db/data-source';
import { createLogger } from '../logging';
import { hashPassword } from '../modules/auth/auth.service';
import { User, UserArea, UserRole } from '../modules/user/user.entity';
import { type TestDatabase, createTestDatabase } from './database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> };
  /** SQL statements the request ran (x-sql-statements header). */
  sqlStatements: number;
}

/** How a request authenticates: a session cookie from `login`, or an API key. */
export interface As {
  cookie?: string;
  bearer?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  url: string;
  db: TestDatabase;
  app: App;
  loggedErrors: Array<{ correlationId: string; error: unknown }>;
  /** Every log line the app wrote (JSON strings). */
  logLines: string[];
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: As): Promise<GraphQLResponse<T>>;
  /** Logs in over HTTP and returns the session cookie. */
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * The real HTTP app on a random port, over a private copy of the seeded test database — or, with
 * `sameDatabaseAs`, over another app's database on a pool of its own, as a second replica would
 * (closing it leaves the database; close it before the first app).
 */
export async function startTestApp(options: { env?: NodeJS.ProcessEnv; sameDatabaseAs?: TestApp } = {}): Promise<TestApp> {
  const db = options.sameDatabaseAs ? await replicaOf(options.sameDatabaseAs.db) : await createTestDatabase();
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      EXPOSE_SQL_COUNT: 'true',
      RATE_LIMIT_IP_PER_MINUTE: '100000',
      RATE_LIMIT_KEY_PER_MINUTE: '100000',
      RATE_LIMIT_FAILED_LOGINS_PER_IP: '1000',
      ...options.env,
    }),
    port: 0,
  };
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _encoding, callback) {
        logLines.push(String(chunk));
        callback();
      },
    }),
  });
  const loggedErrors: TestApp['loggedErrors'] = [];
  const app = await createApp({ features, config, dataSource: db.dataSource, logger, logError: (entry) => loggedErrors.push(entry) });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    db,
    app,
    loggedErrors,
    logLines,
    async gql<T>(query: string, variables?: Record<string, unknown>, as: As = {}): Promise<GraphQLResponse<T>> {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...as.headers };
      if (as.cookie) headers.cookie = as.cookie;
      if (as.bearer) headers.authorization = `Bearer ${as.bearer}`;
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as GraphQLResponse<T>['body'];
      return { status: response.status, headers: response.headers, body, sqlStatements: Number(response.headers.get('x-sql-statements') ?? NaN) };
    },
    async login(email: string, password: string): Promise<string> {
      const response = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (response.status !== 200) throw new Error(`login ${email}: HTTP ${response.status} ${await response.text()}`);
      const setCookie = response.headers.get('set-cookie') ?? '';
      return setCookie.split(';')[0];
    },
    async close() {
      await app.stop();
      await db.drop();
    },
  };
}

async function replicaOf(db: TestDatabase): Promise<TestDatabase> {
  const dataSource = createDataSource({ features, url: db.url, poolSize: 4, applicationName: 'schakel-test-replica' });
  await dataSource.initialize();
  return { ...db, dataSource, drop: () => dataSource.destroy() };
}

/** Asserts a response has no errors and returns its data. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors)}`);
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  return response.body.data as T;
}

/** Error codes of a response, in order. */
export function errorCodes(response: GraphQLResponse): string[] {
  return (response.body.errors ?? []).map((e) => String(e.extensions?.code));
}

export interface TestUsers {
  admin: string;
  municipality: string;
  /** ORGANISATION user of SWA (Welzijn Amersfoort). */
  swa: string;
  /** ORGANISATION user of Riagg Amersfoort: the "wrong organisation" for SWA's records. */
  riagg: string;
}

/** One user per role in the test database, all with TEST_PASSWORD; returns their e-mails. */
export async function createTestUsers(db: TestDatabase): Promise<TestUsers> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const orgId = async (slug: string) => (await db.dataSource.query('SELECT id FROM organisation WHERE slug = $1', [slug]))[0].id as string;
  const users = db.dataSource.getRepository(User);
  const make = (email: string, role: UserRole, organisationId: string | null = null) =>
    users.save(users.create({ email, displayName: email, role, organisationId, passwordHash }));
  await make('admin@test.local', UserRole.ADMIN);
  const municipality = await make('gemeente@test.local', UserRole.MUNICIPALITY);
  const [area] = await db.dataSource.query(`SELECT id FROM area WHERE slug = 'randenbroek-schuilenburg'`);
  await db.dataSource.getRepository(UserArea).insert({ userId: municipality.id, areaId: area.id });
  await make('swa@test.local', UserRole.ORGANISATION, await orgId('swa'));
  await make('riagg@test.local', UserRole.ORGANISATION, await orgId('riagg-amersfoort'));
  return { admin: 'admin@test.local', municipality: 'gemeente@test.local', swa: 'swa@test.local', riagg: 'riagg@test.local' };
}
