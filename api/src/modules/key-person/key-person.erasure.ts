import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/errors';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { ChangeAction, CuratedEntityType } from '../curation/change-record.entity';
import { eraseFromHistory, inTransaction, lockForChange, recordChange, registerConstraintFields, snapshot } from '../curation';
import { DataSubjectType, ERASED, type DataSubjectErasure } from '../user/erasure.entity';
import { assertDataSubjectAdmin, eraseStoredResponses, erasureReason, erasuresOf, existingErasure, exportsOf, logDataExport, storedResponsesNaming, writeErasure } from '../user';
import { KeyPerson } from './key-person.entity';

/**
 * The rights of key persons (GDPR art. 15 and 17, docs/security.md). A key person is a real
 * person named on the map by others; they may ask what is held about them and to be erased.
 *
 * Erasure keeps the record as an archived tombstone (`erasedAt`, name `[erased]`, no contact
 * data) so network memberships and the history still resolve, scrubs the personal fields from
 * every change of its history (the rows stay: who changed it when), replaces stored idempotent
 * responses that name it, records an ERASE change and writes the erasure record — in one
 * transaction. The database keeps it final (CHK_key_person_erased, TRG_key_person_erasure_is_final).
 */

/** The personal fields of a key person: in the record and under these keys in its history. */
export const KEY_PERSON_PERSONAL_FIELDS = ['name', 'roleDescription', 'phone', 'email', 'notes'] as const;

const LABEL = 'Key person';

function personalValuesOf(record: KeyPerson): string[] {
  return KEY_PERSON_PERSONAL_FIELDS.map((field) => record[field]).filter((value): value is string => typeof value === 'string' && value !== ERASED);
}

/** A snapshot with the personal fields replaced as the history is: marker where there was a value. */
function withoutPersonalData(values: Record<string, unknown>): Record<string, unknown> {
  const result = { ...values };
  for (const field of KEY_PERSON_PERSONAL_FIELDS) if (result[field] !== null && result[field] !== undefined) result[field] = ERASED;
  return result;
}

async function areaIdsOf(tx: EntityManager, id: string): Promise<string[]> {
  const rows: { area_id: string }[] = await tx.query(`SELECT area_id FROM key_person_area WHERE key_person_id = $1 ORDER BY area_id`, [id]);
  return rows.map((row) => row.area_id);
}

/**
 * Proposals about the person — a proposed change to it, or the accepted proposal that created it
 * (modules/proposal) — hold its details in their payload, the input as proposed: each personal
 * field that held a value holds the marker instead. Answers the values found, read before.
 */
async function eraseFromProposals(tx: EntityManager, personId: string): Promise<string[]> {
  const where = `kind = 'KEY_PERSON' AND (target_id = $1 OR result_id = $1)`;
  const found: { value: string }[] = await tx.query(
    `SELECT DISTINCT e.value #>> '{}' AS value FROM proposal p CROSS JOIN LATERAL jsonb_each(p.payload) e
      WHERE ${where} AND e.key = ANY($2::text[]) AND e.value <> 'null'::jsonb AND e.value <> to_jsonb($3::text)`,
    [personId, [...KEY_PERSON_PERSONAL_FIELDS], ERASED],
  );
  await tx.query(
    `UPDATE proposal SET payload = (SELECT jsonb_object_agg(e.key, CASE WHEN e.key = ANY($2::text[]) AND e.value <> 'null'::jsonb THEN to_jsonb($3::text) ELSE e.value END) FROM jsonb_each(payload) e)
      WHERE ${where} AND payload ?| $2::text[]`,
    [personId, [...KEY_PERSON_PERSONAL_FIELDS], ERASED],
  );
  return found.map((row) => row.value);
}

/** Erases a key person's personal data. Admins only; idempotent (a second call answers the first erasure). */
export async function eraseKeyPerson(ctx: RequestContext, id: string, reason: string): Promise<DataSubjectErasure> {
  const actorUserId = assertDataSubjectAdmin(ctx, 'erase personal data');
  const personId = assertUuid(id, 'id');
  return inTransaction(ctx, async (tx) => {
    const record = await lockForChange(tx, KeyPerson, LABEL, personId, null);
    if (record.erasedAt) return (await existingErasure(tx, DataSubjectType.KEY_PERSON, personId))!;
    const inRecord = personalValuesOf(record);
    const before = { ...snapshot(tx, KeyPerson, record), areaIds: await areaIdsOf(tx, personId) };

    const history = await eraseFromHistory(tx, CuratedEntityType.KEY_PERSON, personId, KEY_PERSON_PERSONAL_FIELDS, ERASED);
    const proposed = await eraseFromProposals(tx, personId);
    const values = [...inRecord, ...history.values, ...proposed];
    // Checked against every value the record and its history held (a refusal rolls the scrub back): the reason outlives the data.
    const checkedReason = erasureReason(reason, values);
    await eraseStoredResponses(tx, personId, values);

    const fields = [...new Set([...KEY_PERSON_PERSONAL_FIELDS.filter((field) => record[field] !== null), ...history.fields])];
    const now = new Date();
    record.name = ERASED;
    record.roleDescription = null;
    record.phone = null;
    record.email = null;
    record.notes = null;
    record.archivedAt ??= now;
    record.erasedAt = now;
    record.updatedAt = now;
    const saved = await tx.getRepository(KeyPerson).save(record);
    await recordChange(tx, ctx, {
      entityType: CuratedEntityType.KEY_PERSON,
      entityId: personId,
      action: ChangeAction.ERASE,
      before: withoutPersonalData(before),
      after: { ...snapshot(tx, KeyPerson, saved), areaIds: before.areaIds },
    });
    return writeErasure(tx, { subjectType: DataSubjectType.KEY_PERSON, subjectId: personId, actorUserId, reason: checkedReason, fields });
  });
}

/**
 * Everything held about one key person (GDPR art. 15), as JSON: the record (every column), its
 * role, organisation and areas, its history, its erasure, where else it appears (network
 * memberships and their history, stored responses), and earlier exports. Admins only; the
 * export itself is logged in the access log first, in the same transaction.
 */
export async function exportKeyPersonData(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
  assertDataSubjectAdmin(ctx, 'export personal data');
  const personId = assertUuid(id, 'id');
  return inTransaction(ctx, async (tx) => {
    const [row]: { record: Record<string, unknown> }[] = await tx.query(`SELECT to_jsonb(kp) AS record FROM key_person kp WHERE kp.id = $1`, [personId]);
    if (!row) throw new NotFoundError(LABEL, personId);
    await logDataExport(tx, ctx, DataSubjectType.KEY_PERSON, personId, 'keyPersonDataExport');
    const record = row.record;
    const personalValues = KEY_PERSON_PERSONAL_FIELDS.map((field) => record[field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]).filter(
      (value): value is string => typeof value === 'string' && value !== ERASED,
    );
    const [role] = await tx.query(`SELECT r.id, r.code, r.name_nl AS "nameNl" FROM key_person_role r WHERE r.id = $1`, [record.role_id ?? null]);
    const [organisation] = await tx.query(`SELECT o.id, o.slug, o.name FROM organisation o WHERE o.id = $1`, [record.organisation_id ?? null]);
    const areas = await tx.query(
      `SELECT a.id, a.slug, a.name, kpa.created_at AS "linkedAt" FROM key_person_area kpa JOIN area a ON a.id = kpa.area_id WHERE kpa.key_person_id = $1 ORDER BY a.name, a.id`,
      [personId],
    );
    const history = await tx.query(
      `SELECT id, occurred_at AS "occurredAt", action, actor_user_id AS "actorUserId", actor_api_key_id AS "actorApiKeyId",
              organisation_id AS "organisationId", via, changes
         FROM change_record WHERE entity_type = 'KEY_PERSON' AND entity_id = $1 ORDER BY occurred_at, id`,
      [personId],
    );
    const networkMemberships = await tx.query(
      `SELECT to_jsonb(nm) AS member, jsonb_build_object('id', n.id, 'slug', n.slug, 'name', n.name) AS network
         FROM network_member nm JOIN network n ON n.id = nm.network_id WHERE nm.key_person_id = $1 ORDER BY n.name, nm.id`,
      [personId],
    );
    const networkMemberHistory = await tx.query(
      `SELECT id, occurred_at AS "occurredAt", entity_id AS "networkMemberId", action, actor_user_id AS "actorUserId",
              actor_api_key_id AS "actorApiKeyId", organisation_id AS "organisationId", via, changes
         FROM change_record
        WHERE entity_type = 'NETWORK_MEMBER' AND (changes -> 'keyPersonId' ->> 'before' = $1 OR changes -> 'keyPersonId' ->> 'after' = $1)
        ORDER BY occurred_at, id`,
      [personId],
    );
    return {
      subject: { type: DataSubjectType.KEY_PERSON, id: personId },
      generatedAt: new Date().toISOString(),
      record,
      role: role ?? null,
      organisation: organisation ?? null,
      areas,
      history,
      erasures: await erasuresOf(tx, DataSubjectType.KEY_PERSON, personId),
      appearsIn: {
        networkMemberships,
        networkMemberHistory,
        storedResponses: await storedResponsesNaming(tx, personId, personalValues),
      },
      exports: await exportsOf(tx, DataSubjectType.KEY_PERSON, personId),
    };
  });
}

// The database's last word on an erased key person (a change no code path should attempt).
registerConstraintFields({ TRG_key_person_erasure_is_final: 'id' });
