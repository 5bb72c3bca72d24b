import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { EntityManager } from 'typeorm';
import { API_KEY_PATTERN, sha256Hex } from '../../auth/credentials';
import type { LoginThrottleSettings } from '../../config';
import { ApiKey } from '../user/api-key.entity';
import { User, UserStatus } from '../user/user.entity';
import { countLoginAttempt, settleSuccessfulLogin } from './login-throttle';
import { UserSession } from './user-session.entity';
import type { ApiKeyViewer, UserViewer } from '../../auth/viewer';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

// The credential format is the kernel's (auth/credentials.ts); the auth feature's callers keep importing it from here.
export { API_KEY_PATTERN, sha256Hex };

export const MIN_PASSWORD_LENGTH = 12;

export interface SessionPolicy {
  /** Idle timeout, renewed on use. */
  idleMinutes: number;
  /** Absolute lifetime of a session. */
  absoluteHours: number;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random password, made once with the same parameters as real ones: an unknown e-mail's
 * password is checked against it, so it costs as much as a known one's. The router calls this at
 * start, so the first unknown e-mail does not also pay for making it.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomToken()).catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  return dummyHash;
}

export type LoginResult =
  | { ok: true; token: string; user: User; session: UserSession }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks the password (argon2id) and opens a session. Every attempt is first counted per account,
 * per account and client address, and per client address (login-throttle.ts); one past a limit
 * is refused without a password check. A known and an unknown e-mail go through the same steps,
 * so neither the answer nor its timing tells whether an account exists; a disabled account with
 * the right password gets the same answer as a wrong password, and stays counted.
 */
export async function login(
  manager: EntityManager,
  policy: SessionPolicy,
  throttle: LoginThrottleSettings,
  email: string,
  password: string,
  client: { ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const normalised = email.trim().toLowerCase();
  const attempt = await countLoginAttempt(manager, throttle, normalised, client.ip);
  if (!attempt.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: attempt.retryAfterSeconds };

  const user = await manager.getRepository(User).findOneBy({ email: normalised });
  const valid = await verify(user?.passwordHash ?? (await dummyPasswordHash()), password).catch(() => false);
  if (!user || !valid || user.status !== UserStatus.ACTIVE) return { ok: false, reason: 'invalid' };

  const now = new Date();
  const token = randomToken();
  const session = await manager.transaction(async (tx) => {
    // Not through the repository: its update bumps the version, and an admin editing the account
    // meanwhile would get a conflict over a field no one edits.
    await tx.query(`UPDATE app_user SET last_login_at = $1 WHERE id = $2`, [now, user.id]);
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
  await settleSuccessfulLogin(manager, throttle, normalised, client.ip, attempt);
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
