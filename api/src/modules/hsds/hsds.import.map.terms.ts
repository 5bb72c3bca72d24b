import { slugify } from '../curation';
import { InterventionType } from '../intervention-type/intervention-type.entity';
import { interventionTypeCuration } from '../intervention-type';
import { TargetGroup } from '../target-group/target-group.entity';
import { targetGroupCuration } from '../target-group';
import { clone, parentsFirst } from './hsds.import.map';
import type { ImportStore } from './hsds.import.store';
import { type Item, SOURCE, isObject, normalizeId, text } from './hsds.import.types';
import { INTERVENTION_TAXONOMY_ID, TARGET_GROUP_TAXONOMY_ID, TAXONOMIES } from './hsds.mapping';

/*
 * Taxonomies and taxonomy terms → our two catalogues. Our two taxonomies are fixed; a term of
 * "Schakel doelgroepen" is a target group, a term of "Schakel interventietypen" a basic function
 * (never changed by an import) or an intervention type. Terms with an unknown id are matched by
 * their code when a catalogue row not itself in the publication has it: the code is the natural
 * key of our catalogues, so another Schakel's publication does not duplicate them.
 */

export function importTaxonomies(store: ImportStore): void {
  for (const item of store.ofType('taxonomy')) {
    const ours = TAXONOMIES.find((taxonomy) => taxonomy.id === item.id);
    if (!ours) {
      store.settle(item, 'skipped', `Not one of this server's taxonomies (${TAXONOMIES.map((taxonomy) => taxonomy.name).join(', ')}); its terms are not imported`);
      continue;
    }
    if (text(item.data.name) !== ours.name) item.notes.push(`This server's taxonomies are fixed: the name "${ours.name}" is kept`);
    store.settle(item, 'unchanged');
  }
}

function taxonomyOfTerm(store: ImportStore, item: Item): 'targetGroup' | 'intervention' | undefined {
  const taxonomyId = normalizeId(item.data.taxonomy_id) ?? (isObject(item.data.taxonomy_detail) ? normalizeId(item.data.taxonomy_detail.id) : undefined);
  if (taxonomyId === TARGET_GROUP_TAXONOMY_ID) return 'targetGroup';
  if (taxonomyId === INTERVENTION_TAXONOMY_ID) return 'intervention';
  if (taxonomyId) return undefined;
  if (store.targetGroups.has(item.id)) return 'targetGroup';
  if (store.interventionTypes.has(item.id) || store.basicFunctions.has(item.id)) return 'intervention';
  return undefined;
}

export async function importTerms(store: ImportStore): Promise<void> {
  const targetGroups: Item[] = [];
  const interventions: Item[] = [];
  for (const item of store.ofType('taxonomy_term')) {
    const taxonomy = taxonomyOfTerm(store, item);
    if (taxonomy === 'targetGroup') targetGroups.push(item);
    else if (taxonomy === 'intervention') interventions.push(item);
    else {
      const taxonomyId = normalizeId(item.data.taxonomy_id) ?? (isObject(item.data.taxonomy_detail) ? normalizeId(item.data.taxonomy_detail.id) : undefined);
      const named = text(item.data.taxonomy) ?? (isObject(item.data.taxonomy_detail) ? text(item.data.taxonomy_detail.name) : undefined);
      store.settle(
        item,
        'skipped',
        `${taxonomyId ? `A term of taxonomy ${named ? `"${named}" ` : ''}(${taxonomyId})` : 'A term without taxonomy_id'}: only the terms of this server's taxonomies ` +
          `(${TAXONOMIES.map((taxonomy) => taxonomy.name).join(', ')}) are imported`,
      );
    }
  }
  const termIdsInFile = new Set(store.items.filter((item) => item.type === 'taxonomy_term').map((item) => item.id));
  for (const item of targetGroups) await importTargetGroup(store, item, termIdsInFile);
  for (const item of parentsFirst(interventions, (item) => normalizeId(item.data.parent_id))) await importInterventionTerm(store, item, termIdsInFile);
}

/** A unique code for a catalogue row (varchar 100). */
function uniqueCode(rows: Map<string, { code: string }>, base: string): string {
  const taken = new Set([...rows.values()].map((row) => row.code));
  const stem = (base || 'term').slice(0, 90);
  let code = stem;
  for (let n = 2; taken.has(code); n++) code = `${stem}-${n}`;
  return code;
}

/** Code and description of a target group or intervention type, the way the export reads them. */
function applyTermText(item: Item, next: TargetGroup | InterventionType, existing: TargetGroup | InterventionType | null, rows: Map<string, { id: string; code: string }>): void {
  const code = text(item.data.code);
  if (code !== undefined && code !== existing?.code) {
    const holder = [...rows.values()].find((row) => row.code === code && row.id !== next.id);
    if (code.length > 100) item.notes.push('code longer than 100 characters: not kept');
    else if (holder) item.notes.push(`code "${code}" belongs to another term (${holder.id})${existing ? `: "${existing.code}" kept` : ''}`);
    else next.code = code;
  }
  if (!next.code) next.code = uniqueCode(rows, code && code.length <= 100 ? code : slugify(next.nameNl));
  const description = text(item.data.description);
  if (description !== undefined && item.data.description !== (existing?.description ?? '')) next.description = description;
}

function termName(item: Item, existing: { nameNl: string } | null): string | undefined {
  const name = text(item.data.name);
  if (!name) return undefined;
  return existing && item.data.name === existing.nameNl ? existing.nameNl : name;
}

/**
 * A term with an id we do not know is the catalogue row with its code, when that row is not
 * itself in the publication (the code is our catalogues' natural key); the import then maps the
 * publication's id onto ours.
 */
function matchByCode<Row extends { id: string; code: string }>(store: ImportStore, item: Item, rows: Map<string, Row>, termIdsInFile: Set<string>, kind: string): Row | null {
  const code = text(item.data.code);
  if (!code) return null;
  const byCode = [...rows.values()].find((row) => row.code === code);
  if (!byCode || termIdsInFile.has(byCode.id)) return null;
  store.termAlias.set(item.id, byCode.id);
  item.notes.push(`Matched ${kind} ${byCode.id} by its code "${code}"`);
  return byCode;
}

/** The term's name, or null when the term is rejected for it (settled here). */
function acceptedTermName(store: ImportStore, item: Item, existing: { nameNl: string } | null, kind: string): string | null {
  const name = termName(item, existing);
  if (!name) store.settle(item, 'rejected', `${kind} needs a name`);
  else if (name.length > 300) store.settle(item, 'rejected', 'name is longer than 300 characters');
  else return name;
  return null;
}

async function importTargetGroup(store: ImportStore, item: Item, termIdsInFile: Set<string>): Promise<void> {
  if (store.interventionTypes.has(item.id) || store.basicFunctions.has(item.id)) {
    return store.settle(item, 'rejected', `${item.id} is an intervention type or basic function here, not a target group`);
  }
  const existing = store.targetGroups.get(item.id) ?? matchByCode(store, item, store.targetGroups, termIdsInFile, 'target group');
  const name = acceptedTermName(store, item, existing, 'A target group');
  if (name === null) return;
  const next = existing
    ? clone(store.tx, TargetGroup, existing)
    : store.tx.getRepository(TargetGroup).create({
        id: item.id,
        code: '',
        nameNl: name,
        nameEn: null,
        description: null,
        minAge: null,
        maxAge: null,
        needIndicatorId: null,
        source: SOURCE,
        archivedAt: null,
      });
  next.nameNl = name;
  applyTermText(item, next, existing, store.targetGroups);
  if (normalizeId(item.data.parent_id)) item.notes.push('Target groups have no hierarchy: parent_id not kept');
  if (existing?.archivedAt) item.notes.push('Archived: it stays archived');
  store.settle(item, await store.persist(targetGroupCuration, existing, next));
  store.targetGroups.set(next.id, next);
}

/** The parent the export shows: the parent type while it is current, else the basic function. */
function exportedParent(store: ImportStore, type: InterventionType): string | undefined {
  const parent = type.parentId ? store.interventionTypes.get(type.parentId) : undefined;
  return parent && !parent.archivedAt ? parent.id : (type.basicFunctionId ?? undefined);
}

function interventionCycle(store: ImportStore, id: string, parentId: string): boolean {
  const seen = new Set<string>();
  for (let current: string | null | undefined = parentId; current; current = store.interventionTypes.get(current)?.parentId) {
    if (current === id) return true;
    if (seen.has(current)) return true;
    seen.add(current);
  }
  return false;
}

async function importInterventionTerm(store: ImportStore, item: Item, termIdsInFile: Set<string>): Promise<void> {
  const code = text(item.data.code);
  const rawParent = normalizeId(item.data.parent_id);
  let basicFunction = store.basicFunctions.get(item.id);
  if (!basicFunction && !store.interventionTypes.has(item.id) && !rawParent && code) {
    basicFunction = [...store.basicFunctions.values()].find((fn) => fn.code === code);
    if (basicFunction) {
      store.termAlias.set(item.id, basicFunction.id);
      item.notes.push(`Matched basic function ${basicFunction.id} by its code "${code}"`);
    }
  }
  if (basicFunction) {
    const same =
      (code === undefined || code === basicFunction.code) &&
      text(item.data.name) === text(basicFunction.nameNl) &&
      (text(item.data.description) ?? null) === (text(basicFunction.description) ?? null);
    if (same) return store.settle(item, 'unchanged');
    return store.settle(item, 'skipped', `"${basicFunction.nameNl}" is one of the fixed basic functions of a switch team: an import does not change them`);
  }
  if (store.targetGroups.has(item.id)) return store.settle(item, 'rejected', `${item.id} is a target group here, not an intervention type`);

  const existing = store.interventionTypes.get(item.id) ?? matchByCode(store, item, store.interventionTypes, termIdsInFile, 'intervention type');
  const name = acceptedTermName(store, item, existing, 'An intervention type');
  if (name === null) return;
  const next = existing
    ? clone(store.tx, InterventionType, existing)
    : store.tx.getRepository(InterventionType).create({
        id: item.id,
        code: '',
        nameNl: name,
        nameEn: null,
        description: null,
        basicFunctionId: null,
        secondaryBasicFunctionId: null,
        category: null,
        parentId: null,
        listedInBookExamples: false,
        source: SOURCE,
        archivedAt: null,
      });
  next.nameNl = name;
  applyTermText(item, next, existing, store.interventionTypes);
  if (rawParent) {
    const parentId = store.resolveTerm(rawParent);
    if (parentId !== (existing ? exportedParent(store, existing) : undefined)) {
      if (store.basicFunctions.has(parentId)) {
        next.basicFunctionId = parentId;
        next.parentId = null;
      } else if (store.interventionTypes.has(parentId)) {
        if (interventionCycle(store, next.id, parentId)) item.notes.push(`parent term ${rawParent} would make a cycle: not kept`);
        else {
          next.parentId = parentId;
          if (!existing) next.basicFunctionId = store.interventionTypes.get(parentId)!.basicFunctionId;
        }
      } else {
        item.notes.push(`parent term ${rawParent} is neither in the publication nor in the database: not kept`);
      }
    }
  }
  if (existing?.archivedAt) item.notes.push('Archived: it stays archived');
  store.settle(item, await store.persist(interventionTypeCuration, existing, next));
  store.interventionTypes.set(next.id, next);
}
