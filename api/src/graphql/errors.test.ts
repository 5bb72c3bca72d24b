import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import createHttpError from 'http-errors';
import {
  BadUserInputError,
  ConflictError,
  ErrorCode,
  ForbiddenError,
  HTTP_STATUS_OF_CODE,
  InvalidTransitionError,
  NotFoundError,
  PUBLIC_ERROR_CODES,
  StaleVersionError,
  UnauthenticatedError,
} from '../common/errors';
import { restError, restErrorHandler } from '../http/routes';
import { type TestApp, startTestApp } from '../test/app';

/** Bad input answers BAD_USER_INPUT naming the argument, never HTTP 500. */
describe('bad input over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const cases: Array<[string, string, Record<string, unknown> | undefined, string]> = [
    ['unknown area code', `{ services(area: "GM9999") { totalCount } }`, undefined, 'area'],
    ['unknown area slug', `{ organisations(area: "atlantis") { totalCount } }`, undefined, 'area'],
    ['first above the maximum', `{ organisations(first: 1000) { totalCount } }`, undefined, 'first'],
    ['first below one', `{ areas(first: 0) { totalCount } }`, undefined, 'first'],
    ['malformed cursor', `{ organisations(after: "not-a-cursor") { totalCount } }`, undefined, 'after'],
    ['cursor with a bad id', `{ organisations(after: "${Buffer.from(JSON.stringify(['a', 'b'])).toString('base64url')}") { totalCount } }`, undefined, 'after'],
    ['unknown enum literal', `{ organisations(sector: SPACE_TRAVEL) { totalCount } }`, undefined, 'sector'],
    ['unknown enum variable', `query($s: Sector) { organisations(sector: $s) { totalCount } }`, { s: 'SPACE_TRAVEL' }, 'sector'],
    ['string for an Int', `{ areas(first: "ten") { totalCount } }`, undefined, 'first'],
    [
      'unknown enum inside an input variable',
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(id: "00000000-0000-4000-8000-000000000000", version: 1, input: $input) { id } }`,
      { input: { status: 'OPGEHEVEN' } },
      'input.status',
    ],
    ['invalid id', `{ organisation(id: "42") { name } }`, undefined, 'id'],
    ['unknown target group', `{ services(targetGroup: "martians") { totalCount } }`, undefined, 'targetGroup'],
    ['unknown parent area', `{ areas(parent: "nowhere") { totalCount } }`, undefined, 'parent'],
    ['invalid organisation id filter', `{ services(organisation: "x") { totalCount } }`, undefined, 'organisation'],
    ['escape sequence in a search', `query($q: String) { services(search: $q) { totalCount } }`, { q: 'zorg\u001b[31m' }, 'search'],
    [
      'bell character inside an input variable',
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(id: "00000000-0000-4000-8000-000000000000", version: 1, input: $input) { id } }`,
      { input: { name: 'Buurtteam\u0007' } },
      'input.name',
    ],
    ['a name search longer than 200 characters', `query($q: String) { areas(search: $q) { totalCount } }`, { q: 'wijk'.repeat(51) }, 'search'],
    ['a target group search longer than 200 characters', `query($q: String) { targetGroups(search: $q) { totalCount } }`, { q: 'x'.repeat(201) }, 'search'],
    ['DEL in an inline argument', `{ services(search: "zorg\u007f") { totalCount } }`, undefined, 'search'],
  ];

  it('accepts tabs and line breaks in text', async () => {
    const res = await t.gql(`query($q: String) { services(search: $q) { totalCount } }`, { q: '\touderen\r\n' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.services.totalCount).toBeGreaterThan(0);
  });

  it.each(cases)('%s', async (_name, query, variables, field) => {
    const res = await t.gql(query, variables);
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    // No partial answer: the root field is null (or data is null when validation failed).
    expect(Object.values(res.body.data ?? {}).every((value) => value === null)).toBe(true);
  });

  it('masks an unexpected error and logs it under the correlation id it returns', async () => {
    // A broken database session is an internal fault the client must not see details of.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await t.db.asOwner('ALTER TABLE area RENAME COLUMN name TO name_broken');
    try {
      const res = await t.gql(`{ areas(first: 1) { edges { node { name } } } }`);
      expect(res.status).toBeLessThan(500);
      const error = res.body.errors?.[0];
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.message).not.toMatch(/name_broken|\bcolumn\b|\brelation\b|SELECT/i);
      const correlationId = error?.extensions?.correlationId;
      expect(t.loggedErrors.map((e) => e.correlationId)).toContain(correlationId);
    } finally {
      await t.db.asOwner('ALTER TABLE area RENAME COLUMN name_broken TO name');
      consoleError.mockRestore();
    }
  });
});

const MODULES = path.join(__dirname, '..', 'modules');

function featureSources(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return featureSources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

describe('error codes live in one place', () => {
  it('no feature constructs a GraphQLError itself: they use the classes of common/errors.ts', () => {
    const files = featureSources(MODULES);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (/new\s+GraphQLError\b/.test(line) ? [`${path.relative(MODULES, file)}:${index + 1}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('every client-facing code has an HTTP status', () => {
    for (const code of Object.values(ErrorCode)) {
      if (code === ErrorCode.INTERNAL_SERVER_ERROR) continue;
      expect([code, PUBLIC_ERROR_CODES.has(code), typeof HTTP_STATUS_OF_CODE[code]]).toEqual([code, true, 'number']);
    }
  });

  it('each class answers its code, message and extensions', () => {
    const answer = (error: Error & { extensions: unknown }) => ({ message: error.message, extensions: error.extensions });
    expect(answer(new BadUserInputError('input.email', 'bad'))).toEqual({ message: 'bad', extensions: { code: 'BAD_USER_INPUT', field: 'input.email' } });
    expect(answer(new UnauthenticatedError())).toEqual({ message: 'Log in or send an API key to do this', extensions: { code: 'UNAUTHENTICATED' } });
    expect(answer(new ForbiddenError())).toEqual({ message: 'You may not do this', extensions: { code: 'FORBIDDEN' } });
    expect(answer(new ForbiddenError('Only admins'))).toEqual({ message: 'Only admins', extensions: { code: 'FORBIDDEN' } });
    expect(answer(new NotFoundError('Service', 'x'))).toEqual({ message: 'Service x does not exist', extensions: { code: 'NOT_FOUND', entity: 'Service' } });
    expect(answer(new NotFoundError('API key not found'))).toEqual({ message: 'API key not found', extensions: { code: 'NOT_FOUND' } });
    expect(answer(new ConflictError('taken', 'input.email'))).toEqual({ message: 'taken', extensions: { code: 'CONFLICT', field: 'input.email' } });
    expect(answer(new ConflictError('twice', 'input.source', { existingId: 'k' }))).toEqual({ message: 'twice', extensions: { code: 'CONFLICT', field: 'input.source', existingId: 'k' } });
    expect(answer(new StaleVersionError('Referral', 'r', 3, 2))).toEqual({
      message: 'Referral r was changed by someone else (version 3, you sent 2); reload and apply your change again',
      extensions: { code: 'CONFLICT', field: 'version', currentVersion: 3 },
    });
    expect(answer(new InvalidTransitionError('no', 'NEW', 'CLOSED', { allowed: ['ACCEPTED'] }))).toEqual({
      message: 'no',
      extensions: { code: 'INVALID_TRANSITION', from: 'NEW', to: 'CLOSED', allowed: ['ACCEPTED'] },
    });
  });
});

/** The shared REST error middleware, on a bare Express app (no database). */
describe('restErrorHandler', () => {
  const logged: Array<{ entry: Record<string, unknown>; message: string }> = [];
  let server: ReturnType<express.Express['listen']>;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use((req, _res, next) => {
      (req as unknown as { log: unknown }).log = { error: (entry: Record<string, unknown>, message: string) => logged.push({ entry, message }) };
      next();
    });
    app.use(express.json({ limit: '10b' }));
    app.post('/json', (_req, res) => {
      res.json({});
    });
    app.get('/http', () => {
      throw restError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send CSV', { field: 'body' });
    });
    app.get('/throttled', () => {
      throw restError(429, 'TOO_MANY_REQUESTS', 'Later', { headers: { 'Retry-After': '60' } });
    });
    app.get('/teapot', () => {
      // An http-errors error a router made without restError: its status only, no code of ours.
      throw createHttpError(418, 'short and stout');
    });
    app.get('/status-300', () => {
      throw Object.assign(new Error('not a client error'), { status: 302 });
    });
    app.get('/conflict', () => {
      throw new ConflictError('taken', 'input.email');
    });
    app.get('/transition', () => {
      throw new InvalidTransitionError('not now', 'NEW', 'CLOSED');
    });
    app.get('/param/:value', (_req, res) => {
      res.json({});
    });
    app.get('/bug', () => {
      throw new Error('secret detail');
    });
    app.use(restErrorHandler({ api: 'test', tooLarge: { code: 'PAYLOAD_TOO_LARGE', message: 'too big' } }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const call = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${base}${path}`, init);
    return { status: res.status, body: (await res.json()) as { error: Record<string, unknown> } };
  };

  it('answers a restError with its status, code, field, message and headers', async () => {
    expect(await call('/http')).toEqual({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'body', message: 'Send CSV' } } });
    const throttled = await fetch(`${base}/throttled`);
    expect([throttled.status, throttled.headers.get('retry-after'), await throttled.json()]).toEqual([429, '60', { error: { code: 'TOO_MANY_REQUESTS', message: 'Later' } }]);
    // Another http-errors client error keeps its status under the default code, without its message.
    expect(await call('/teapot')).toEqual({ status: 418, body: { error: { code: 'BAD_USER_INPUT', message: 'Malformed request' } } });
  });

  it('answers the coded errors of the services with the status of their code', async () => {
    expect(await call('/conflict')).toEqual({ status: 409, body: { error: { code: ErrorCode.CONFLICT, field: 'input.email', message: 'taken' } } });
    expect(await call('/transition')).toEqual({ status: 409, body: { error: { code: ErrorCode.INVALID_TRANSITION, message: 'not now' } } });
  });

  it('answers what the body parser refuses', async () => {
    const json = { method: 'POST', headers: { 'content-type': 'application/json' } };
    expect(await call('/json', { ...json, body: '{' })).toEqual({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: 'Malformed request' } } });
    expect(await call('/json', { ...json, body: JSON.stringify({ a: 'more than ten bytes' }) })).toEqual({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'too big' } } });
    // The parser's 415 for a charset it cannot read keeps its status.
    const latin = { method: 'POST', headers: { 'content-type': 'application/json; charset=iso-8859-15' }, body: '{}' };
    expect(await call('/json', latin)).toEqual({ status: 415, body: { error: { code: 'BAD_USER_INPUT', message: 'Malformed request' } } });
    // Express' own 400 for an undecodable %-escape in a path parameter.
    expect(await call('/param/%E0%A4%A')).toEqual({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: 'Malformed request' } } });
  });

  it('masks anything else behind a correlation id, logged through the request logger', async () => {
    const { status, body } = await call('/bug');
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: `Internal server error (correlation id ${body.error.correlationId})`, correlationId: expect.any(String) } });
    expect(JSON.stringify(body)).not.toContain('secret detail');
    expect(logged).toEqual([{ entry: { err: expect.objectContaining({ message: 'secret detail' }), correlationId: body.error.correlationId }, message: 'test: unhandled error' }]);
    // A status that is no client error is no excuse to show the message either.
    const redirect = await call('/status-300');
    expect(redirect).toEqual({ status: 500, body: { error: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) } });
    expect(JSON.stringify(redirect.body)).not.toContain('not a client error');
  });
});
