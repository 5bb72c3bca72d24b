import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors';
import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { assertUuid } from '../../common/references';
import { withTransaction } from '../../common/transaction';
import type { RequestContext } from '../../context';
import { resolveAreaArgument } from '../area';
import { actingOrganisationId } from '../../auth/acting-organisation';
import { forbidden } from '../../auth/auth.rules';
import { hashPassword, newApiKeySecret } from '../auth';
import { Organisation } from '../organisation/organisation.entity';
import { ApiKey } from './api-key.entity';
import { User, UserArea, UserRole } from './user.entity';
import type { CreateApiKeyInput, CreateUserInput, UsersArgs } from './user.inputs';
import { ViewerInfo, ViewerKind } from './user.types';

export function viewerInfo(ctx: RequestContext): ViewerInfo {
  const v = ctx.viewer;
  if (v.kind === 'user') return { kind: ViewerKind.USER, userId: v.userId, organisationId: v.organisationId, areaIds: v.areaIds, scopes: [] };
  if (v.kind === 'apiKey') return { kind: ViewerKind.API_KEY, userId: null, organisationId: v.organisationId, areaIds: [], scopes: v.scopes };
  return { kind: ViewerKind.ANONYMOUS, userId: null, organisationId: null, areaIds: [], scopes: [] };
}

export function listUsers(ctx: RequestContext, args: UsersArgs): Promise<Connection<User>> {
  return paginate(ctx.manager.getRepository(User).createQueryBuilder('u'), pageRequest(args), 'email');
}

/** Creates a person's account (admins only); the password is hashed with argon2id. */
export async function createUser(ctx: RequestContext, input: CreateUserInput): Promise<User> {
  const email = input.email.trim().toLowerCase();
  let organisationId: string | null = null;
  if (input.role === UserRole.ORGANISATION) {
    if (!input.organisationId) throw new BadUserInputError('input.organisationId', 'An ORGANISATION user needs an organisation');
    organisationId = assertUuid(input.organisationId, 'input.organisationId');
    if (!(await ctx.manager.getRepository(Organisation).existsBy({ id: organisationId }))) {
      throw new BadUserInputError('input.organisationId', 'Unknown organisation');
    }
  } else if (input.organisationId) {
    throw new BadUserInputError('input.organisationId', 'Only ORGANISATION users belong to an organisation');
  }
  const areaRefs = input.areas ?? [];
  if (input.role === UserRole.MUNICIPALITY && areaRefs.length === 0) throw new BadUserInputError('input.areas', 'A MUNICIPALITY user needs at least one area');
  if (input.role !== UserRole.MUNICIPALITY && areaRefs.length > 0) throw new BadUserInputError('input.areas', 'Only MUNICIPALITY users have areas');
  const areaIds: string[] = [];
  for (const ref of areaRefs) areaIds.push((await resolveAreaArgument(ctx, ref, 'input.areas')).id);
  const passwordHash = await hashPassword(input.password);

  return withTransaction(ctx, async ({ manager: tx }) => {
    const existing = await tx.getRepository(User).existsBy({ email });
    if (existing) throw new ConflictError('A user with this e-mail address exists', 'input.email');
    const user = await tx.getRepository(User).save(
      tx.getRepository(User).create({ email, displayName: input.displayName.trim(), passwordHash, role: input.role, organisationId }),
    );
    if (areaIds.length > 0) await tx.getRepository(UserArea).insert([...new Set(areaIds)].map((areaId) => ({ userId: user.id, areaId })));
    return user;
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
