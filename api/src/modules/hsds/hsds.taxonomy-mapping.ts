import type { EntityManager } from 'typeorm';
import { assertAdmin } from '../../auth/policy';
import { type FieldProblem, throwIfProblems } from '../../common/errors';
import { withTransaction } from '../../common/transaction';
import type { RequestContext } from '../../context';
import { isObject, text } from './hsds.import.types';

/*
 * The curator's mapping of other publications' taxonomies onto Schakel's catalogues: a term of a
 * foreign taxonomy (the taxonomy by its name or id, the term by its code or id) stands for one
 * target group or one intervention type (by code). Admins read it with GET /hsds/taxonomy_mappings
 * and replace it as a whole with PUT (a list; every bad row is named at once and nothing is
 * written; ?dryRun=true checks only). The HSDS import links a service's attribute whose term is in
 * the mapping to the target group or intervention type it names (hsds.import.map.service.ts).
 */

export interface TaxonomyMappingRow {
  taxonomy: string;
  term: string;
  targetGroup?: string;
  interventionType?: string;
  note?: string;
}

/** How a mapping key is kept and looked up: trimmed, spaces collapsed, lower case. */
export const mappingKey = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();

export async function listTaxonomyMappings(ctx: RequestContext): Promise<TaxonomyMappingRow[]> {
  assertAdmin(ctx, 'Only admins keep the taxonomy mapping');
  const rows: Array<{ taxonomy: string; term: string; target_group: string | null; intervention_type: string | null; note: string | null }> = await ctx.manager.query(
    `SELECT m.taxonomy, m.term, tg.code AS target_group, it.code AS intervention_type, m.note
       FROM taxonomy_mapping m
       LEFT JOIN target_group tg ON tg.id = m.target_group_id
       LEFT JOIN intervention_type it ON it.id = m.intervention_type_id
      ORDER BY m.taxonomy, m.term`,
  );
  return rows.map((row) => ({
    taxonomy: row.taxonomy,
    term: row.term,
    ...(row.target_group ? { targetGroup: row.target_group } : {}),
    ...(row.intervention_type ? { interventionType: row.intervention_type } : {}),
    ...(row.note ? { note: row.note } : {}),
  }));
}

export const MAX_MAPPINGS = 5000;

/** Replaces the whole mapping; every bad row is a problem named by its index and field, and nothing is written. */
export async function replaceTaxonomyMappings(ctx: RequestContext, body: unknown, options: { dryRun: boolean }): Promise<{ mappings: number; dryRun: boolean }> {
  assertAdmin(ctx, 'Only admins keep the taxonomy mapping');
  const problems: FieldProblem[] = [];
  const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.mappings) ? body.mappings : undefined;
  if (!list) throwIfProblems([{ field: 'body', message: 'Send a list of mappings: [{ "taxonomy": …, "term": …, "targetGroup" or "interventionType": code }]', rule: 'required' }]);
  if (list!.length > MAX_MAPPINGS) throwIfProblems([{ field: 'body', message: `At most ${MAX_MAPPINGS} mappings`, rule: 'maxItems', params: { max: MAX_MAPPINGS } }]);
  return withTransaction(ctx, async (tx) => {
    const codes = async (table: 'target_group' | 'intervention_type') =>
      new Map<string, string>((await tx.manager.query(`SELECT id, code FROM "${table}" WHERE archived_at IS NULL`)).map((row: { id: string; code: string }) => [row.code, row.id]));
    const targetGroups = await codes('target_group');
    const interventionTypes = await codes('intervention_type');
    const seen = new Map<string, number>();
    const rows: Array<{ taxonomy: string; term: string; targetGroupId: string | null; interventionTypeId: string | null; note: string | null }> = [];
    list!.forEach((raw: unknown, index: number) => {
      const field = (name: string) => `mappings.${index}.${name}`;
      if (!isObject(raw)) {
        problems.push({ field: `mappings.${index}`, message: 'A mapping is an object', rule: 'type' });
        return;
      }
      const keyOf = (name: 'taxonomy' | 'term') => {
        const value = text(raw[name]);
        if (value === undefined) problems.push({ field: field(name), message: `${name} is required`, rule: 'required' });
        else if (value.length > 300) problems.push({ field: field(name), message: `${name} is longer than 300 characters`, rule: 'maxLength', params: { max: 300 } });
        else return mappingKey(value);
        return undefined;
      };
      const taxonomy = keyOf('taxonomy');
      const term = keyOf('term');
      const targetGroup = text(raw.targetGroup);
      const interventionType = text(raw.interventionType);
      if ((targetGroup === undefined) === (interventionType === undefined)) {
        problems.push({ field: field('targetGroup'), message: 'Name exactly one of targetGroup and interventionType (a code)', rule: 'oneOf' });
      } else if (targetGroup !== undefined && !targetGroups.has(targetGroup)) {
        problems.push({ field: field('targetGroup'), message: `Unknown target group "${targetGroup}"`, rule: 'unknownReference', params: { kind: 'target group' } });
      } else if (interventionType !== undefined && !interventionTypes.has(interventionType)) {
        problems.push({ field: field('interventionType'), message: `Unknown intervention type "${interventionType}"`, rule: 'unknownReference', params: { kind: 'intervention type' } });
      }
      const note = raw.note === undefined || raw.note === null ? undefined : typeof raw.note === 'string' ? raw.note.trim() : null;
      if (note === null || (note && note.length > 2000)) problems.push({ field: field('note'), message: 'note is a text of at most 2000 characters', rule: 'maxLength', params: { max: 2000 } });
      if (taxonomy === undefined || term === undefined) return;
      const key = `${taxonomy}\u0000${term}`;
      if (seen.has(key)) problems.push({ field: field('term'), message: `The same term as mapping ${seen.get(key)}`, rule: 'duplicate' });
      seen.set(key, index);
      rows.push({
        taxonomy,
        term,
        targetGroupId: targetGroup ? (targetGroups.get(targetGroup) ?? null) : null,
        interventionTypeId: interventionType ? (interventionTypes.get(interventionType) ?? null) : null,
        note: note || null,
      });
    });
    throwIfProblems(problems);
    if (!options.dryRun) {
      await tx.manager.query(`DELETE FROM taxonomy_mapping`);
      for (const row of rows) {
        await tx.manager.query(`INSERT INTO taxonomy_mapping (taxonomy, term, target_group_id, intervention_type_id, note) VALUES ($1, $2, $3, $4, $5)`, [
          row.taxonomy,
          row.term,
          row.targetGroupId,
          row.interventionTypeId,
          row.note,
        ]);
      }
    }
    return { mappings: rows.length, dryRun: options.dryRun };
  });
}

/** The mapping as the import looks it up: "taxonomy\0term" → the target group or intervention type id. */
export async function loadTaxonomyMappings(manager: EntityManager): Promise<Map<string, { targetGroupId: string | null; interventionTypeId: string | null }>> {
  const rows: Array<{ taxonomy: string; term: string; target_group_id: string | null; intervention_type_id: string | null }> = await manager.query(
    `SELECT taxonomy, term, target_group_id, intervention_type_id FROM taxonomy_mapping`,
  );
  return new Map(rows.map((row) => [`${row.taxonomy}\u0000${row.term}`, { targetGroupId: row.target_group_id, interventionTypeId: row.intervention_type_id }]));
}
