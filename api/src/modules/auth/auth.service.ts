import { createHash, randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { EntityManager } from 'typeorm';
import { ApiKey } from '../user/api-key.entity';
import { User, UserStatus } from '../user/user.entity';
import { UserSession } from './user-session.entity';
import type { ApiKeyViewer, UserViewer } from './viewer';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 12;

export interface SessionPolicy {
  /** Idle timeout, renewed on use. */
  idleMinutes: number;
  /** Absolute lifetime of a session. */
  absoluteHours: number;
  /** Failed logins in a row before the account is locked. */
  maxFailedLogins: number;
  lockMinutes: number;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

// A fixed hash to verify against when the e-mail is unknown, so both paths take as long.
let dummyHash: Promise<string> | undefined;

export type LoginResult =
  | { ok: true; token: string; user: User; session: UserSession }
  | { ok: false; reason: 'invalid' | 'locked' | 'disabled'; retryAfterSeconds?: number };

/**
 * Checks the password (argon2id) and opens a session. After `maxFailedLogins` failures in a row
 * the account is locked for `lockMinutes`; the answer does not reveal whether the e-mail exists.
 */
export async function login(
  manager: EntityManager,
  policy: SessionPolicy,
  email: string,
  password: string,
  client: { ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const users = manager.getRepository(User);
  const user = await users.findOneBy({ email: email.trim().toLowerCase() });
  if (!user) {
    dummyHash ??= hashPassword(randomToken());
    await verify(await dummyHash, password).catch(() => false);
    return { ok: false, reason: 'invalid' };
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  const valid = await verify(user.passwordHash, password).catch(() => false);
  if (!valid) {
    const failed = user.failedLoginCount + 1;
    const lock = failed >= policy.maxFailedLogins;
    await users.update(user.id, {
      failedLoginCount: lock ? 0 : failed,
      lockedUntil: lock ? new Date(now.getTime() + policy.lockMinutes * 60_000) : user.lockedUntil,
    });
    return lock ? { ok: false, reason: 'locked', retryAfterSeconds: policy.lockMinutes * 60 } : { ok: false, reason: 'invalid' };
  }
  if (user.status !== UserStatus.ACTIVE) return { ok: false, reason: 'disabled' };

  const token = randomToken();
  const session = await manager.transaction(async (tx) => {
    await tx.getRepository(User).update(user.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
    return tx.getRepository(UserSession).save(
      tx.getRepository(UserSession).create({
        userId: user.id,
        tokenHash: sha256Hex(token),
        expiresAt: new Date(now.getTime() + policy.idleMinutes * 60_000),
        absoluteExpiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
        ipAddress: client.ip,
        userAgent: client.userAgent,
      }),
    );
  });
  return { ok: true, token, user, session };
}

export async function logout(manager: EntityManager, token: string): Promise<void> {
  await manager.getRepository(UserSession).update({ tokenHash: sha256Hex(token) }, { revokedAt: new Date() });
}

/**
 * The user behind a session cookie, or null when the session is unknown, revoked, expired or
 * its user disabled. Renews the idle expiry (at most once a minute, to spare writes).
 */
export async function viewerFromSession(manager: EntityManager, policy: SessionPolicy, token: string): Promise<UserViewer | null> {
  const rows: Array<{ session_id: string; user_id: string; role: string; organisation_id: string | null; area_ids: string[]; expires_at: Date }> =
    await manager.query(
      `SELECT s.id AS session_id, u.id AS user_id, u.role, u.organisation_id, s.expires_at,
              COALESCE(ARRAY(SELECT ua.area_id FROM user_area ua WHERE ua.user_id = u.id ORDER BY ua.area_id), '{}') AS area_ids
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND s.absolute_expires_at > now() AND u.status = 'ACTIVE'`,
      [sha256Hex(token)],
    );
  const row = rows[0];
  if (!row) return null;
  const renewAt = new Date(Date.now() + policy.idleMinutes * 60_000 - 60_000);
  if (row.expires_at < renewAt) {
    await manager.query(
      `UPDATE user_session SET expires_at = LEAST(now() + make_interval(mins => $2), absolute_expires_at) WHERE id = $1`,
      [row.session_id, policy.idleMinutes],
    );
  }
  return {
    kind: 'user',
    userId: row.user_id,
    sessionId: row.session_id,
    role: row.role as UserViewer['role'],
    organisationId: row.organisation_id,
    areaIds: row.area_ids,
  };
}

/** API keys look like `skl_<prefix>_<secret>`; only the SHA-256 of the whole key is stored. */
export const API_KEY_PATTERN = /^skl_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,})$/;

export function newApiKeySecret(): { key: string; prefix: string; keyHash: string } {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const prefix = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
  const key = `skl_${prefix}_${randomToken(32)}`;
  return { key, prefix, keyHash: sha256Hex(key) };
}

/**
 * The organisation system behind an API key, or null when the key is unknown, revoked or
 * expired. Records when the key was last used (at most once a minute per key).
 */
export async function viewerFromApiKey(manager: EntityManager, key: string): Promise<ApiKeyViewer | null> {
  if (!API_KEY_PATTERN.test(key)) return null;
  const apiKey = await manager
    .getRepository(ApiKey)
    .createQueryBuilder('k')
    .where('k.keyHash = :hash', { hash: sha256Hex(key) })
    .andWhere('k.revokedAt IS NULL')
    .andWhere('(k.expiresAt IS NULL OR k.expiresAt > now())')
    .getOne();
  if (!apiKey) return null;
  if (!apiKey.lastUsedAt || apiKey.lastUsedAt.getTime() < Date.now() - 60_000) {
    await manager.query(`UPDATE api_key SET last_used_at = now() WHERE id = $1`, [apiKey.id]);
  }
  return { kind: 'apiKey', apiKeyId: apiKey.id, organisationId: apiKey.organisationId, scopes: apiKey.scopes };
}
