import { isIP } from 'node:net';
import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../../common/errors';
import type { RequestContext } from '../../context';
import { AccessLog } from '../access-log/access-log.entity';
import { assertAdmin } from '../../auth/policy';
import { recordedOrganisationId } from '../../auth/acting-organisation';
import { viewerRole } from '../../auth/viewer';
import { DataSubjectErasure, type DataSubjectType } from './erasure.entity';

/**
 * What key-person and user erasure and export (GDPR art. 15, 17; docs/security.md) share:
 * the admin check, the reason, the erasure record, copies in stored idempotent responses, and
 * the access-log entry of an export.
 */

export const MAX_REASON_LENGTH = 2000;

/** Only admins erase or export a person's data; the caller's own user id (for the record). */
export function assertDataSubjectAdmin(ctx: RequestContext, what: string): string {
  assertAdmin(ctx, `Only admins ${what}`);
  if (ctx.viewer.kind !== 'user') throw new Error('unreachable: admins are users');
  return ctx.viewer.userId;
}

/**
 * The reason, trimmed: required, bounded, and without the data being erased — the erasure
 * record must hold no personal data, so "request of <name>" is refused; give a reference.
 */
export function erasureReason(reason: string, personalValues: readonly string[]): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new BadUserInputError('reason', 'Give the reason for the erasure (e.g. the reference of the request)');
  if (trimmed.length > MAX_REASON_LENGTH) throw new BadUserInputError('reason', `The reason is at most ${MAX_REASON_LENGTH} characters`);
  const lower = trimmed.toLowerCase();
  if (meaningful(personalValues).some((value) => lower.includes(value.toLowerCase()))) {
    throw new BadUserInputError('reason', 'The reason must not contain the personal data being erased; give a reference to the request instead');
  }
  return trimmed;
}

/** Values long enough to look for as copies (a one- or two-letter value would match anything). */
function meaningful(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value.length >= 3))];
}

export async function existingErasure(manager: EntityManager, subjectType: DataSubjectType, subjectId: string): Promise<DataSubjectErasure | null> {
  return manager.getRepository(DataSubjectErasure).findOneBy({ subjectType, subjectId });
}

export async function writeErasure(
  manager: EntityManager,
  erasure: { subjectType: DataSubjectType; subjectId: string; actorUserId: string; reason: string; fields: string[] },
): Promise<DataSubjectErasure> {
  const repo = manager.getRepository(DataSubjectErasure);
  return repo.save(repo.create({ ...erasure, fields: [...new Set(erasure.fields)].sort() }));
}

/** The answer a replay of an idempotent request gets once the response it stored was erased. */
export const ERASED_RESPONSE = JSON.stringify({
  errors: [{ message: 'The response to this request held personal data that has since been erased', extensions: { code: 'CONFLICT' } }],
  data: null,
});

/**
 * Stored responses of idempotent requests (idempotency_key.response, kept for
 * IDEMPOTENCY_KEY_TTL_HOURS) are copies of what a mutation answered — a key person's name, an
 * e-mail address. Every stored response naming the subject (its id, or one of the values) is
 * replaced by ERASED_RESPONSE: the key stays bound, so a retry is not run a second time, and
 * answers that the data is gone. Returns how many responses were replaced.
 */
export async function eraseStoredResponses(manager: EntityManager, subjectId: string, personalValues: readonly string[]): Promise<number> {
  const needles = [subjectId, ...meaningful(personalValues).flatMap((value) => [value, JSON.stringify(value).slice(1, -1)])].map((value) => value.toLowerCase());
  const [, count]: [unknown, number] = await manager.query(
    `UPDATE idempotency_key SET response = $2
      WHERE response IS NOT NULL AND response <> $2
        AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS n(needle) WHERE strpos(lower(response), n.needle) > 0)`,
    [[...new Set(needles)], ERASED_RESPONSE],
  );
  return count;
}

/** Stored responses naming the subject, for the export: which request, whose, until when (not the bodies, which hold others' data too). */
export async function storedResponsesNaming(manager: EntityManager, subjectId: string, personalValues: readonly string[]): Promise<unknown[]> {
  const needles = [subjectId, ...meaningful(personalValues).flatMap((value) => [value, JSON.stringify(value).slice(1, -1)])].map((value) => value.toLowerCase());
  return manager.query(
    `SELECT caller, operation, created_at AS "createdAt", expires_at AS "expiresAt", response = $2 AS erased
       FROM idempotency_key
      WHERE response IS NOT NULL AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS n(needle) WHERE strpos(lower(response), n.needle) > 0)
      ORDER BY created_at`,
    [[...new Set(needles)], ERASED_RESPONSE],
  );
}

/**
 * Logs an export of a person's data in the access log (NEN 7513 style, like case reads):
 * who, for whom, when, from where. The entry names the subject by id only.
 */
export async function logDataExport(manager: EntityManager, ctx: RequestContext, subjectType: DataSubjectType, subjectId: string, operation: string): Promise<void> {
  const v = ctx.viewer;
  const ip = ctx.client.ip && isIP(ctx.client.ip) ? ctx.client.ip : null;
  await manager.getRepository(AccessLog).insert({
    eventType: 'EXPORT',
    userId: v.kind === 'user' ? v.userId : null,
    apiKeyId: v.kind === 'apiKey' ? v.apiKeyId : null,
    organisationId: recordedOrganisationId(v),
    role: viewerRole(v),
    ipAddress: ip,
    userAgent: ctx.client.userAgent,
    operation,
    details: { subjectType, subjectId },
  });
}

/** Earlier exports of the subject's data (access-log entries), oldest first. */
export function exportsOf(manager: EntityManager, subjectType: DataSubjectType, subjectId: string): Promise<unknown[]> {
  return manager.query(
    `SELECT id, occurred_at AS "occurredAt", event_type AS "eventType", user_id AS "userId", role, operation
       FROM access_log WHERE event_type = 'EXPORT' AND details ->> 'subjectType' = $1 AND details ->> 'subjectId' = $2 ORDER BY occurred_at, id`,
    [subjectType, subjectId],
  );
}

export async function erasuresOf(manager: EntityManager, subjectType: DataSubjectType, subjectId: string): Promise<DataSubjectErasure[]> {
  return manager.getRepository(DataSubjectErasure).find({ where: { subjectType, subjectId }, order: { occurredAt: 'ASC' } });
}
