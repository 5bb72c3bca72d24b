import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { LocalSmtp } from '../../test/local-smtp';

const INVITE = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { emailed password user { id email role status version organisation { slug } areas { slug } } } }`;
const UPDATE = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { id displayName role version organisation { slug } areas { slug } } }`;
const STATUS = `mutation($id: ID!, $version: Int!, $status: UserStatus!) { setUserStatus(id: $id, version: $version, status: $status) { id status version } }`;
const RESET = `mutation($id: ID!) { resetUserPassword(id: $id) { emailed password user { id version } } }`;
const USER = `query($id: ID!) { user(id: $id) { id email role status version lastLoginAt areas { slug } } }`;
const VIEWER = `{ viewer { kind } }`;

/**
 * User accounts as an admin keeps them in the admin app: invite (the password made by the
 * server, shown once or mailed), change role/organisation/areas at the version read, deactivate
 * and reactivate, reset a password — through the real HTTP app, sign-ins included, and with a
 * local SMTP server the test starts for the mailed passwords.
 */
describe('user accounts: invite, change, deactivate, reset', () => {
  let t: TestApp;
  const as: Record<string, As> = {};
  let adminId: string;
  let invited = 0;
  const sql = (text: string, params: unknown[] = []) => t.db.dataSource.query(text, params);

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    adminId = (await sql(`SELECT id FROM app_user WHERE email = 'admin@test.local'`))[0].id;
  });
  afterAll(() => t.close());

  async function invite(input: Record<string, unknown> = {}) {
    const email = `uitgenodigd${++invited}@test.local`;
    const response = await t.gql(INVITE, { input: { email, displayName: `Uitgenodigd ${invited}`, role: 'ADMIN', ...input } }, as.admin);
    return { email, ...(dataOf(response).inviteUser as { emailed: boolean; password: string | null; user: { id: string; version: number } }) };
  }

  /** Whether a sign-in with these credentials is accepted (HTTP 200). */
  async function signsIn(email: string, password: string): Promise<boolean> {
    const response = await fetch(`${t.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    return response.status === 200;
  }

  it('invites a person without SMTP: the password is in the answer once, signs in, and is stored only as a hash', async () => {
    const account = await invite({ role: 'MUNICIPALITY', areas: ['kruiskamp-koppel'] });
    expect(account.emailed).toBe(false);
    expect(account.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await signsIn(account.email, account.password!)).toBe(true);
    const [row] = await sql(`SELECT password_hash FROM app_user WHERE id = $1`, [account.user.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(account.password);
    const read = dataOf(await t.gql(USER, { id: account.user.id }, as.admin)).user as { areas: { slug: string }[]; lastLoginAt: string | null; version: number };
    expect(read.areas).toEqual([{ slug: 'kruiskamp-koppel' }]);
    expect(read.lastLoginAt).not.toBeNull();
    // The sign-in wrote lastLoginAt without moving the version: an admin editing the account meanwhile saves without a conflict.
    expect(read.version).toBe(account.user.version);
  });

  it('names every problem of an invitation at once and writes nothing', async () => {
    const before = Number((await sql(`SELECT count(*) FROM app_user`))[0].count);
    const swa = (await sql(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    const response = await t.gql(INVITE, { input: { email: 'fout@test.local', displayName: 'Fout', role: 'ADMIN', organisationId: swa, areas: ['kruiskamp-koppel'] } }, as.admin);
    expect(response.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const problems = (response.body.errors?.[0].extensions?.errors as { field: string; rule: string }[]).map(({ field, rule }) => ({ field, rule }));
    expect(problems).toEqual([
      { field: 'input.organisationId', rule: 'notAllowed' },
      { field: 'input.areas', rule: 'notAllowed' },
    ]);
    const unknown = await t.gql(INVITE, { input: { email: 'fout@test.local', displayName: 'Fout', role: 'MUNICIPALITY', areas: ['bestaat-niet'] } }, as.admin);
    expect((unknown.body.errors?.[0].extensions?.errors as { field: string; rule?: string }[]).map((p) => p.field)).toEqual(['input.areas.0']);
    const duplicate = await t.gql(INVITE, { input: { email: 'SWA@test.local', displayName: 'Dubbel', role: 'ADMIN' } }, as.admin);
    expect(duplicate.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email', rule: 'duplicate' });
    expect(Number((await sql(`SELECT count(*) FROM app_user`))[0].count)).toBe(before);
  });

  it('changes role, organisation and areas at the version read; a stale version is CONFLICT; an admin keeps their own role', async () => {
    const account = await invite({ role: 'MUNICIPALITY', areas: ['kruiskamp-koppel'] });
    const swa = (await sql(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    const changed = dataOf(
      await t.gql(UPDATE, { input: { id: account.user.id, version: account.user.version, displayName: 'Nieuwe naam', role: 'ORGANISATION', organisationId: swa, areas: [] } }, as.admin),
    ).updateUser as { version: number };
    expect(changed).toMatchObject({ displayName: 'Nieuwe naam', role: 'ORGANISATION', organisation: { slug: 'swa' }, areas: [] });
    expect(Number((await sql(`SELECT count(*) FROM user_area WHERE user_id = $1`, [account.user.id]))[0].count)).toBe(0);

    const stale = await t.gql(UPDATE, { input: { id: account.user.id, version: account.user.version, displayName: 'Te laat' } }, as.admin);
    expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: changed.version });

    const mixed = await t.gql(UPDATE, { input: { id: account.user.id, version: changed.version, role: 'MUNICIPALITY' } }, as.admin);
    expect((mixed.body.errors?.[0].extensions?.errors as { field: string; rule: string }[]).map(({ field, rule }) => ({ field, rule }))).toEqual([
      { field: 'input.organisationId', rule: 'notAllowed' },
      { field: 'input.areas', rule: 'required' },
    ]);

    const adminVersion = (await sql(`SELECT version FROM app_user WHERE id = $1`, [adminId]))[0].version;
    const own = await t.gql(UPDATE, { input: { id: adminId, version: adminVersion, role: 'ORGANISATION', organisationId: swa } }, as.admin);
    expect(own.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((own.body.errors?.[0].extensions?.errors as { field: string; rule: string }[]).find((p) => p.field === 'input.role')).toMatchObject({ rule: 'notAllowed' });
    expect((await sql(`SELECT role FROM app_user WHERE id = $1`, [adminId]))[0].role).toBe('ADMIN');
  });

  it('deactivates an account (sign-in refused, its sessions end) and reactivates it; never one’s own', async () => {
    const account = await invite();
    const session = { cookie: await t.login(account.email, account.password!) };
    expect(dataOf(await t.gql(VIEWER, {}, session)).viewer).toEqual({ kind: 'USER' });

    const off = dataOf(await t.gql(STATUS, { id: account.user.id, version: (await readVersion(account.user.id)), status: 'DISABLED' }, as.admin)).setUserStatus as { version: number };
    expect(off).toMatchObject({ status: 'DISABLED' });
    expect(dataOf(await t.gql(VIEWER, {}, session)).viewer).toEqual({ kind: 'ANONYMOUS' });
    expect(await signsIn(account.email, account.password!)).toBe(false);

    const stale = await t.gql(STATUS, { id: account.user.id, version: off.version - 1, status: 'ACTIVE' }, as.admin);
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const on = dataOf(await t.gql(STATUS, { id: account.user.id, version: off.version, status: 'ACTIVE' }, as.admin)).setUserStatus;
    expect(on).toMatchObject({ status: 'ACTIVE' });
    expect(await signsIn(account.email, account.password!)).toBe(true);

    const self = await t.gql(STATUS, { id: adminId, version: await readVersion(adminId), status: 'DISABLED' }, as.admin);
    expect(self.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status', rule: 'notAllowed' });
    expect((await sql(`SELECT status FROM app_user WHERE id = $1`, [adminId]))[0].status).toBe('ACTIVE');
  });

  it('resets a password without SMTP: the new one is shown once, the old one and its sessions stop working', async () => {
    const account = await invite();
    const session = { cookie: await t.login(account.email, account.password!) };
    const reset = dataOf(await t.gql(RESET, { id: account.user.id }, as.admin)).resetUserPassword as { emailed: boolean; password: string };
    expect(reset.emailed).toBe(false);
    expect(reset.password).not.toBe(account.password);
    expect(await signsIn(account.email, account.password!)).toBe(false);
    expect(await signsIn(account.email, reset.password)).toBe(true);
    expect(dataOf(await t.gql(VIEWER, {}, session)).viewer).toEqual({ kind: 'ANONYMOUS' });
    expect(errorCodes(await t.gql(RESET, { id: '00000000-0000-4000-8000-000000000000' }, as.admin))).toEqual(['NOT_FOUND']);
  });

  describe('with SMTP configured', () => {
    let smtp: LocalSmtp;
    const saved = { url: process.env.SMTP_URL, from: process.env.SMTP_FROM };
    beforeAll(async () => {
      smtp = new LocalSmtp();
      await smtp.start();
      process.env.SMTP_URL = smtp.url;
      process.env.SMTP_FROM = 'Schakel <no-reply@test.local>';
    });
    afterAll(async () => {
      for (const [name, value] of [['SMTP_URL', saved.url], ['SMTP_FROM', saved.from]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await smtp.close();
    });

    const passwordIn = (raw: string, label: string) => new RegExp(`${label}: ([A-Za-z0-9_-]{24})`).exec(raw)?.[1];

    it('mails the invitation and the reset password to the person, never in the answer', async () => {
      const account = await invite();
      expect(account).toMatchObject({ emailed: true, password: null });
      const [invitation] = smtp.to(account.email);
      const first = passwordIn(invitation.raw, 'Je wachtwoord');
      expect(first).toBeDefined();
      expect(await signsIn(account.email, first!)).toBe(true);

      const reset = dataOf(await t.gql(RESET, { id: account.user.id }, as.admin)).resetUserPassword;
      expect(reset).toMatchObject({ emailed: true, password: null });
      const mails = smtp.to(account.email);
      expect(mails).toHaveLength(2);
      const second = passwordIn(mails[1].raw, 'Je nieuwe wachtwoord');
      expect(await signsIn(account.email, second!)).toBe(true);
      expect(await signsIn(account.email, first!)).toBe(false);
    });

    it('a mail server that does not answer is SERVICE_UNAVAILABLE and changes nothing', async () => {
      const account = await invite();
      const password = passwordIn(smtp.to(account.email)[0].raw, 'Je wachtwoord')!;
      process.env.SMTP_URL = 'smtp://127.0.0.1:1';
      try {
        const reset = await t.gql(RESET, { id: account.user.id }, as.admin);
        expect(reset.body.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'mail' });
        const before = Number((await sql(`SELECT count(*) FROM app_user`))[0].count);
        const failedInvite = await t.gql(INVITE, { input: { email: 'nooit@test.local', displayName: 'Nooit', role: 'ADMIN' } }, as.admin);
        expect(errorCodes(failedInvite)).toEqual(['SERVICE_UNAVAILABLE']);
        expect(Number((await sql(`SELECT count(*) FROM app_user`))[0].count)).toBe(before);
      } finally {
        process.env.SMTP_URL = smtp.url;
      }
      expect(await signsIn(account.email, password)).toBe(true);
    });
  });

  async function readVersion(id: string): Promise<number> {
    return (await sql(`SELECT version FROM app_user WHERE id = $1`, [id]))[0].version;
  }
});
