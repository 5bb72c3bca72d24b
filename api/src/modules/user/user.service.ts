import { BadUserInputError, ConflictError, NotFoundError, ServiceUnavailableError, StaleVersionError, collectProblems, throwIfProblems } from '../../common/errors';
import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { assertUuid } from '../../common/references';
import { withTransaction } from '../../common/transaction';
import type { RequestContext } from '../../context';
import { municipalityIdsOf, resolveAreaArgument } from '../area';
import { actingOrganisationId } from '../../auth/acting-organisation';
import { forbidden } from '../../auth/auth.rules';
import type { EntityManager } from 'typeorm';
import { notificationSettingsFromEnv } from '../../config';
import { hashPassword, newApiKeySecret, randomToken } from '../auth';
import { sendMail } from '../notification';
import type { Area } from '../area/area.entity';
import { Organisation } from '../organisation/organisation.entity';
import { ApiKey } from './api-key.entity';
import { User, UserArea, UserRole, UserStatus } from './user.entity';
import type { CreateApiKeyInput, CreateUserInput, InviteUserInput, UpdateUserInput, UsersArgs } from './user.inputs';
import { GENERATED_PASSWORD_BYTES, accountAccessProblems, oneMunicipalityProblem, ownAccountProblem, passwordMail } from './user.rules';
import { type UserCredentials, ViewerInfo, ViewerKind } from './user.types';

export function viewerInfo(ctx: RequestContext): ViewerInfo {
  const v = ctx.viewer;
  if (v.kind === 'user') return { kind: ViewerKind.USER, userId: v.userId, organisationId: v.organisationId, areaIds: v.areaIds, scopes: [] };
  if (v.kind === 'apiKey') return { kind: ViewerKind.API_KEY, userId: null, organisationId: v.organisationId, areaIds: [], scopes: v.scopes };
  return { kind: ViewerKind.ANONYMOUS, userId: null, organisationId: null, areaIds: [], scopes: [] };
}

export function listUsers(ctx: RequestContext, args: UsersArgs): Promise<Connection<User>> {
  return paginate(ctx.manager.getRepository(User).createQueryBuilder('u'), pageRequest(args), 'email');
}

/** The organisation and areas an account's role asks for, resolved and checked, every problem at once (user.rules.ts). */
async function resolveAccountAccess(
  ctx: RequestContext,
  role: UserRole,
  organisationRef: string | null | undefined,
  areaRefs: readonly string[],
  problems: BadUserInputError[],
): Promise<{ organisationId: string | null; areaIds: string[] }> {
  let organisationId: string | null = null;
  if (organisationRef) {
    const id = await collectProblems(problems, () => assertUuid(organisationRef, 'input.organisationId'));
    if (id && !(await ctx.manager.getRepository(Organisation).existsBy({ id }))) {
      problems.push(new BadUserInputError('input.organisationId', 'Unknown organisation', { rule: 'unknownReference', params: { kind: 'organisation', value: organisationRef } }));
    } else if (id) organisationId = id;
  }
  const areas: Area[] = [];
  for (const [i, ref] of areaRefs.entries()) {
    const area = await collectProblems(problems, () => resolveAreaArgument(ctx, ref, `input.areas.${i}`));
    if (area) areas.push(area);
  }
  problems.push(...accountAccessProblems(role, organisationRef ? organisationRef : null, areaRefs.length));
  if (role === UserRole.MUNICIPALITY) {
    const notOne = oneMunicipalityProblem(await municipalityIdsOf(ctx, areas));
    if (notOne) problems.push(notOne);
  }
  return { organisationId, areaIds: [...new Set(areas.map((area) => area.id))] };
}

/** One account by id (admins only); null for an id that names none. */
export async function findUser(ctx: RequestContext, id: string): Promise<User | null> {
  return ctx.loaders.userById.load(assertUuid(id, 'id'));
}

/** Creates a person's account (admins only); the password is hashed with argon2id. */
export async function createUser(ctx: RequestContext, input: CreateUserInput): Promise<User> {
  const problems: BadUserInputError[] = [];
  const access = await resolveAccountAccess(ctx, input.role, input.organisationId, input.areas ?? [], problems);
  throwIfProblems(problems);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(ctx, ({ manager: tx }) => insertUser(tx, input, access, passwordHash));
}

async function insertUser(
  tx: EntityManager,
  input: { email: string; displayName: string; role: UserRole },
  access: { organisationId: string | null; areaIds: string[] },
  passwordHash: string,
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (await tx.getRepository(User).existsBy({ email })) throw new ConflictError('A user with this e-mail address exists', 'input.email', { rule: 'duplicate' });
  const user = await tx.getRepository(User).save(
    tx.getRepository(User).create({ email, displayName: input.displayName.trim(), passwordHash, role: input.role, organisationId: access.organisationId }),
  );
  if (access.areaIds.length > 0) await tx.getRepository(UserArea).insert(access.areaIds.map((areaId) => ({ userId: user.id, areaId })));
  return user;
}

/**
 * Hands a person the password an admin set for them: by e-mail when this installation has
 * SMTP_URL (the answer then holds no password), else in the answer, once. A mail that cannot be
 * sent rolls the change back (SERVICE_UNAVAILABLE), so nobody is left with a password they never got.
 */
async function deliverPassword(user: User, password: string, invited: boolean): Promise<UserCredentials> {
  const settings = notificationSettingsFromEnv();
  let emailed: boolean;
  try {
    emailed = await sendMail(settings, { to: user.email, ...passwordMail(password, settings.appUrl, invited) });
  } catch {
    throw new ServiceUnavailableError('The mail server did not accept the message; nothing was changed, try again later', 'mail');
  }
  return { user, emailed, password: emailed ? null : password };
}

/** Invites a person (admins only): an account with a generated password, mailed to them or shown once. */
export async function inviteUser(ctx: RequestContext, input: InviteUserInput): Promise<UserCredentials> {
  const problems: BadUserInputError[] = [];
  const access = await resolveAccountAccess(ctx, input.role, input.organisationId, input.areas ?? [], problems);
  throwIfProblems(problems);
  const password = randomToken(GENERATED_PASSWORD_BYTES);
  const passwordHash = await hashPassword(password);
  return withTransaction(ctx, async ({ manager: tx }) => deliverPassword(await insertUser(tx, input, access, passwordHash), password, true));
}

/** The account, locked in the transaction, at the version the admin read; never an erased one. */
async function lockedUser(tx: EntityManager, id: string, version?: number): Promise<User> {
  const user = await tx.getRepository(User).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
  if (!user) throw new NotFoundError('User', id);
  if (user.erasedAt) throw new ConflictError('This account was erased and cannot be changed', 'id', { rule: 'erased' });
  if (version !== undefined && user.version !== version) throw new StaleVersionError('User', id, user.version, version);
  return user;
}

/** Sign the account out everywhere (a deactivation or a new password). */
function revokeSessions(tx: EntityManager, userId: string): Promise<unknown> {
  return tx.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
}

/**
 * Changes an account's name, role, organisation or areas (admins only), at the version read.
 * Fields left out keep their value; the role, organisation and areas that result must fit
 * together (user.rules.ts). An admin does not change their own role.
 */
export async function updateUser(ctx: RequestContext, input: UpdateUserInput): Promise<User> {
  const id = assertUuid(input.id, 'input.id');
  const problems: BadUserInputError[] = [];
  if (input.displayName !== undefined && (input.displayName === null || input.displayName.trim() === '')) {
    problems.push(new BadUserInputError('input.displayName', 'displayName cannot be empty', { rule: 'required' }));
  }
  if (input.role === null) problems.push(new BadUserInputError('input.role', 'role cannot be empty', { rule: 'required' }));
  const stored = await ctx.manager.getRepository(User).findOneBy({ id });
  if (!stored) throw new NotFoundError('User', id);
  const role = input.role ?? stored.role;
  const storedAreas = input.areas === undefined ? await ctx.loaders.areaIdsByUser.load(id) : [];
  const organisationRef = input.organisationId === undefined ? stored.organisationId : input.organisationId;
  const access = await resolveAccountAccess(ctx, role, organisationRef, input.areas ?? storedAreas, problems);
  const own = ctx.viewer.kind === 'user' && ctx.viewer.userId === id ? ownAccountProblem({ role: input.role }, stored) : null;
  if (own) problems.push(own);
  throwIfProblems(problems);

  return withTransaction(ctx, async ({ manager: tx }) => {
    const user = await lockedUser(tx, id, input.version);
    if (input.displayName) user.displayName = input.displayName.trim();
    user.role = role;
    user.organisationId = access.organisationId;
    const saved = await tx.getRepository(User).save(user);
    if (input.areas !== undefined || role !== stored.role) {
      await tx.query(`DELETE FROM user_area WHERE user_id = $1`, [id]);
      if (access.areaIds.length > 0) await tx.getRepository(UserArea).insert(access.areaIds.map((areaId) => ({ userId: id, areaId })));
    }
    return saved;
  });
}

/**
 * Deactivates (DISABLED: no sign-in, every session revoked) or reactivates an account (admins
 * only), at the version read. Not one's own; an erased account stays disabled for good.
 */
export async function setUserStatus(ctx: RequestContext, id: string, version: number, status: UserStatus): Promise<User> {
  const userId = assertUuid(id, 'id');
  if (ctx.viewer.kind === 'user' && ctx.viewer.userId === userId) {
    const own = ownAccountProblem({ status }, { role: ctx.viewer.role });
    if (own) throw own;
  }
  return withTransaction(ctx, async ({ manager: tx }) => {
    const user = await lockedUser(tx, userId, version);
    if (user.status === status) return user;
    user.status = status;
    if (status === UserStatus.ACTIVE) Object.assign(user, { failedLoginCount: 0, lockedUntil: null });
    const saved = await tx.getRepository(User).save(user);
    if (status === UserStatus.DISABLED) await revokeSessions(tx, userId);
    return saved;
  });
}

/**
 * Gives an account a new generated password (admins only): the old one stops working, every
 * session is revoked, a lock from failed sign-ins is lifted; the password is mailed or shown once.
 */
export async function resetUserPassword(ctx: RequestContext, id: string): Promise<UserCredentials> {
  const userId = assertUuid(id, 'id');
  const password = randomToken(GENERATED_PASSWORD_BYTES);
  const passwordHash = await hashPassword(password);
  return withTransaction(ctx, async ({ manager: tx }) => {
    const user = await lockedUser(tx, userId);
    Object.assign(user, { passwordHash, failedLoginCount: 0, lockedUntil: null });
    const saved = await tx.getRepository(User).save(user);
    await revokeSessions(tx, userId);
    return deliverPassword(saved, password, false);
  });
}

/** Admins manage every organisation's keys; organisation users only their own organisation's. */
function assertMayManageKeysOf(ctx: RequestContext, organisationId: string): void {
  const v = ctx.viewer;
  if (v.kind === 'user' && v.role === UserRole.ADMIN) return;
  if (actingOrganisationId(v, null) === organisationId) return;
  throw forbidden("Only the organisation's own users or an admin manage its API keys");
}

export async function listApiKeys(ctx: RequestContext, organisationId: string): Promise<ApiKey[]> {
  const id = assertUuid(organisationId, 'organisationId');
  assertMayManageKeysOf(ctx, id);
  return ctx.manager.getRepository(ApiKey).find({ where: { organisationId: id }, order: { createdAt: 'DESC' } });
}

export async function createApiKey(ctx: RequestContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; key: string }> {
  const organisationId = assertUuid(input.organisationId, 'input.organisationId');
  assertMayManageKeysOf(ctx, organisationId);
  if (!(await ctx.manager.getRepository(Organisation).existsBy({ id: organisationId }))) throw new BadUserInputError('input.organisationId', 'Unknown organisation');
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw new BadUserInputError('input.expiresAt', 'must be in the future');
  const { key, prefix, keyHash } = newApiKeySecret();
  const repo = ctx.manager.getRepository(ApiKey);
  const apiKey = await repo.save(
    repo.create({
      organisationId,
      name: input.name.trim(),
      prefix,
      keyHash,
      scopes: [...new Set(input.scopes)],
      createdById: ctx.viewer.kind === 'user' ? ctx.viewer.userId : null,
      expiresAt: input.expiresAt ?? null,
    }),
  );
  return { apiKey, key };
}

export async function revokeApiKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  const repo = ctx.manager.getRepository(ApiKey);
  const apiKey = await repo.findOneBy({ id: assertUuid(id, 'id') });
  if (!apiKey) throw new NotFoundError('API key not found');
  assertMayManageKeysOf(ctx, apiKey.organisationId);
  if (!apiKey.revokedAt) {
    apiKey.revokedAt = new Date();
    await repo.update(apiKey.id, { revokedAt: apiKey.revokedAt });
  }
  return apiKey;
}
