import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { type SimilarRecordsArgs, SimilarRecordKind } from './curation.inputs';
import type { SimilarRecord } from './curation.types';
import { MAX_SIMILAR_NAMES, SIMILAR_NAME_SQL, sameName } from './similar.rules';

const TABLE: Record<SimilarRecordKind, { table: string; owner: string }> = {
  [SimilarRecordKind.ORGANISATION]: { table: 'organisation', owner: 'NULL::uuid' },
  [SimilarRecordKind.SERVICE]: { table: 'service', owner: 'organisation_id' },
  [SimilarRecordKind.LOCATION]: { table: 'location', owner: 'organisation_id' },
};

/**
 * Current records of one kind whose name is close to `name` (similar.rules.ts), closest first and,
 * at the same closeness, those of `organisation` first — the warning a form shows before a new or
 * renamed record is saved, each a link to the close one. `excludeId` leaves the record being
 * edited out. Archived records are left out: restoring one is a curator's own decision.
 */
export async function similarRecords(ctx: RequestContext, args: SimilarRecordsArgs): Promise<SimilarRecord[]> {
  const name = args.name.trim();
  if (name.length < 3) return [];
  const excludeId = args.excludeId ? assertUuid(args.excludeId, 'excludeId') : null;
  const organisation = args.organisation ? assertUuid(args.organisation, 'organisation') : null;
  const spec = TABLE[args.kind];
  const close = SIMILAR_NAME_SQL('name', '$1');
  const rows: Array<{ id: string; name: string; organisation_id: string | null; score: number }> = await ctx.manager.query(
    `SELECT id, name, ${spec.owner} AS organisation_id, ${close.score} AS score
       FROM "${spec.table}"
      WHERE archived_at IS NULL AND ${close.where} AND ($2::uuid IS NULL OR id <> $2)
      ORDER BY score DESC, (${spec.owner} IS NOT DISTINCT FROM $3::uuid) DESC, name, id
      LIMIT ${MAX_SIMILAR_NAMES}`,
    [name, excludeId, organisation],
  );
  return rows.map((row) => ({
    kind: args.kind,
    id: row.id,
    name: row.name,
    similarity: Math.round(Number(row.score) * 100) / 100,
    sameName: sameName(row.name, name),
    organisationId: row.organisation_id,
  }));
}

