import { BadUserInputError, NotFoundError } from '../../common/errors';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { inTransaction } from '../curation';
import {
  assertDataSubjectAdmin,
  erasureReason,
  erasuresOf,
  eraseStoredResponses,
  existingErasure,
  exportsOf,
  logDataExport,
  storedResponsesNaming,
  writeErasure,
} from './erasure';
import { DataSubjectErasure, DataSubjectType, ERASED } from './erasure.entity';
import { User, UserStatus } from './user.entity';

/**
 * The rights of users (GDPR art. 15 and 17, docs/security.md).
 *
 * Erasure blanks the account's name and e-mail (the e-mail becomes `erased-<id>@erased.invalid`:
 * unique, not personal, and still a valid address for the constraints), makes the password
 * unusable, disables the account for good, revokes its sessions (dropping their address and
 * browser) and the API keys it created, and drops the responses stored for its idempotent
 * requests — in one transaction, with an erasure record. The row itself stays: the history,
 * referral events and access log it authored keep pointing at its id, now without a name.
 * The access log is append-only and kept as it is (NEN 7513, a legal obligation: art. 17(3)(b)).
 */

export const erasedEmail = (id: string) => `erased-${id}@erased.invalid`;
/** Not a PHC string: no password verifies against it. */
const UNUSABLE_PASSWORD_HASH = '!erased';

export async function eraseUser(ctx: RequestContext, id: string, reason: string): Promise<DataSubjectErasure> {
  const actorUserId = assertDataSubjectAdmin(ctx, 'erase user accounts');
  const userId = assertUuid(id, 'id');
  if (userId === actorUserId) throw new BadUserInputError('id', 'You cannot erase your own account; ask another admin');
  return inTransaction(ctx, async (tx) => {
    const user = await tx.getRepository(User).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id: userId }).getOne();
    if (!user) throw new NotFoundError('User', userId);
    if (user.erasedAt) return (await existingErasure(tx, DataSubjectType.USER, userId))!;
    const personalValues = [user.email, user.email.split('@')[0], user.displayName];
    const checkedReason = erasureReason(reason, personalValues);

    const fields = ['email', 'displayName', 'passwordHash'];
    if (user.lastLoginAt) fields.push('lastLoginAt');
    const [sessions]: [Array<{ had_address: boolean }>, number] = await tx.query(
      `UPDATE user_session s SET revoked_at = coalesce(s.revoked_at, now()), ip_address = NULL, user_agent = NULL
         FROM user_session old WHERE old.id = s.id AND s.user_id = $1
       RETURNING (old.ip_address IS NOT NULL OR old.user_agent IS NOT NULL) AS had_address`,
      [userId],
    );
    if (sessions.some((session) => session.had_address)) fields.push('sessions.ipAddress', 'sessions.userAgent');
    await tx.query(`UPDATE api_key SET revoked_at = now(), updated_at = now() WHERE created_by_id = $1 AND revoked_at IS NULL`, [userId]);
    await tx.query(`DELETE FROM idempotency_key WHERE caller = $1`, [`user:${userId}`]);
    await eraseStoredResponses(tx, userId, personalValues);

    Object.assign(user, {
      email: erasedEmail(userId),
      displayName: ERASED,
      passwordHash: UNUSABLE_PASSWORD_HASH,
      status: UserStatus.DISABLED,
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: null,
      erasedAt: new Date(),
    });
    await tx.getRepository(User).save(user);
    return writeErasure(tx, { subjectType: DataSubjectType.USER, subjectId: userId, actorUserId, reason: checkedReason, fields });
  });
}

/**
 * Everything held about one user account (GDPR art. 15), as JSON: the account (not the
 * password hash), its areas, sessions (not their tokens), the API keys and webhooks it created
 * (not their secrets), the history it authored, its referral activity (which event, when — not
 * the case content, which belongs to the people in the case), its entries in the access log,
 * erasures and exports. Admins only; logged in the access log first.
 */
export async function exportUserData(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
  assertDataSubjectAdmin(ctx, 'export personal data');
  const userId = assertUuid(id, 'id');
  return inTransaction(ctx, async (tx) => {
    const [row]: { account: Record<string, unknown> }[] = await tx.query(`SELECT to_jsonb(u) - 'password_hash' AS account FROM app_user u WHERE u.id = $1`, [userId]);
    if (!row) throw new NotFoundError('User', userId);
    await logDataExport(tx, ctx, DataSubjectType.USER, userId, 'userDataExport');
    const q = (sql: string) => tx.query(sql, [userId]);
    const account = row.account;
    const personalValues = [account.email, account.display_name].filter((value): value is string => typeof value === 'string' && value !== ERASED);
    return {
      subject: { type: DataSubjectType.USER, id: userId },
      generatedAt: new Date().toISOString(),
      account,
      areas: await q(`SELECT a.id, a.slug, a.name FROM user_area ua JOIN area a ON a.id = ua.area_id WHERE ua.user_id = $1 ORDER BY a.name, a.id`),
      sessions: await q(
        `SELECT id, created_at AS "createdAt", expires_at AS "expiresAt", absolute_expires_at AS "absoluteExpiresAt", revoked_at AS "revokedAt",
                ip_address AS "ipAddress", user_agent AS "userAgent"
           FROM user_session WHERE user_id = $1 ORDER BY created_at, id`,
      ),
      apiKeysCreated: await q(
        `SELECT id, organisation_id AS "organisationId", name, prefix, scopes, created_at AS "createdAt", expires_at AS "expiresAt",
                revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"
           FROM api_key WHERE created_by_id = $1 ORDER BY created_at, id`,
      ),
      webhooksCreated: await q(
        `SELECT id, organisation_id AS "organisationId", url, events, description, created_at AS "createdAt", disabled_at AS "disabledAt"
           FROM webhook WHERE created_by_id = $1 ORDER BY created_at, id`,
      ),
      historyAuthored: await q(
        `SELECT id, occurred_at AS "occurredAt", entity_type AS "entityType", entity_id AS "entityId", action,
                organisation_id AS "organisationId", via, changes
           FROM change_record WHERE actor_user_id = $1 ORDER BY occurred_at, id`,
      ),
      referralActivity: await q(
        `SELECT id, referral_id AS "referralId", type, occurred_at AS "occurredAt", organisation_id AS "organisationId"
           FROM referral_event WHERE actor_user_id = $1 ORDER BY occurred_at, id`,
      ),
      consentsRecorded: await q(
        `SELECT referral_id AS "referralId", scope, organisation_id AS "organisationId", given_at AS "recordedAt" FROM referral_consent WHERE recorded_by_user_id = $1 ORDER BY given_at, id`,
      ),
      consentsWithdrawn: await q(
        `SELECT referral_id AS "referralId", scope, organisation_id AS "organisationId", withdrawn_at AS "withdrawnAt" FROM referral_consent WHERE withdrawn_by_user_id = $1 ORDER BY withdrawn_at, id`,
      ),
      accessLog: await q(
        `SELECT id, occurred_at AS "occurredAt", event_type AS "eventType", dossier_number AS "dossierNumber", referral_id AS "referralId",
                organisation_id AS "organisationId", role, ip_address AS "ipAddress", user_agent AS "userAgent", operation
           FROM access_log WHERE user_id = $1 ORDER BY occurred_at, id`,
      ),
      storedRequests: await q(
        `SELECT key, operation, created_at AS "createdAt", expires_at AS "expiresAt" FROM idempotency_key WHERE caller = 'user:' || $1 ORDER BY created_at, key`,
      ),
      erasures: await erasuresOf(tx, DataSubjectType.USER, userId),
      erasuresPerformed: await tx.getRepository(DataSubjectErasure).find({ where: { actorUserId: userId }, order: { occurredAt: 'ASC' } }),
      appearsIn: { storedResponses: await storedResponsesNaming(tx, userId, personalValues) },
      exports: await exportsOf(tx, DataSubjectType.USER, userId),
    };
  });
}
