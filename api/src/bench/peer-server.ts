// The lower-bound SQL uses the search feature's condition (its public face loads its decorated entities).
import 'reflect-metadata';
import http from 'node:http';
import Module from 'node:module';
import path from 'node:path';
import { Pool } from 'pg';
import { FLOOR_STATEMENTS } from './lower-bound.sql';

/**
 * The benchmark's peers, each a process of its own so its CPU is measured apart from the app's
 * (`node dist/bench/peer-server.js postgraphile|floor`, DATABASE_URL, PORT, POOL_SIZE):
 *
 * - `postgraphile`: PostGraphile 4 over the same database, as a team putting GraphQL on
 *   PostgreSQL would run it (no mutations, no query log, no watch), with the bench-only
 *   `bench_peer` schema (peers.sql.ts) for what its generated schema cannot say directly;
 * - `floor`: the least any HTTP API can do per request on this machine — read the body
 *   (`{"name": …, "params": […]}`), run the operation's lower-bound SQL as a *named prepared
 *   statement*, send its JSON. Nothing else: no parsing of GraphQL, no authorisation.
 */

const kind = process.argv[2];
const port = Number(process.env.PORT ?? 0);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10), application_name: `schakel-bench-${kind}`, options: '-c jit=off' });

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function floorServer(): http.Server {
  return http.createServer((req, res) => {
    readBody(req)
      .then(async (text) => {
        // The benchmark's HTTP driver posts `{query, variables}`; the floor takes its two values from `variables`.
        const parsed = JSON.parse(text) as { variables?: { name: string; params: unknown[] }; name?: string; params?: unknown[] };
        const { name, params } = parsed.variables ?? { name: parsed.name ?? '', params: parsed.params ?? [] };
        const sql = FLOOR_STATEMENTS[name];
        if (!sql) throw new Error(`no statement ${name}`);
        const { rows } = await pool.query<{ data: string }>({ name, text: sql, values: params });
        const body = `{"data":${rows[0].data}}`;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      });
  });
}

/**
 * PostGraphile 4 needs graphql 15 and Schakel graphql 16; npm installs a copy of 15 under each
 * graphile package that needs it, and graphql refuses to mix instances. This process runs
 * PostGraphile only, so every `graphql` it loads is the one under postgraphile's own folder.
 */
function useOneGraphql15(): void {
  const graphqlDir = path.dirname(require.resolve('graphql/package.json', { paths: [path.dirname(require.resolve('postgraphile/package.json'))] }));
  const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    if (request === 'graphql' || request.startsWith('graphql/')) return resolve.call(this, graphqlDir + request.slice('graphql'.length), ...rest);
    return resolve.call(this, request, ...rest);
  };
}

function postgraphileServer(): http.Server {
  useOneGraphql15();
  // Loaded after the hook; a devDependency used by the benchmark only.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { postgraphile } = require('postgraphile') as typeof import('postgraphile');
  return http.createServer(
    postgraphile(pool, ['public', 'bench_peer'], {
      disableDefaultMutations: true,
      disableQueryLog: true,
      watchPg: false,
      ignoreRBAC: true,
      dynamicJson: true,
      setofFunctionsContainNulls: false,
      graphqlRoute: '/graphql',
      retryOnInitFail: false,
    }),
  );
}

const server = kind === 'floor' ? floorServer() : kind === 'postgraphile' ? postgraphileServer() : null;
if (!server) {
  console.error('usage: peer-server postgraphile|floor');
  process.exit(2);
}
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => console.log(`peer ${kind} listening on ${port}`));
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
