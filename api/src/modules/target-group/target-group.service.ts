import { assertRequiredKept } from '../../common/required-fields.rules';
import { ageRangeProblems } from '../../common/age-range.rules';
import type { EntityManager } from 'typeorm';
import { type Connection, pageRequest } from '../../common/connection';
import { BadUserInputError, collectProblems, throwIfProblems } from '../../common/errors';
import { paginate } from '../../common/paging';
import { assertUuid, idByCode } from '../../common/references';
import type { RequestContext } from '../../context';
import { escapeLike } from '../area';
import { assertAdmin } from '../../auth/policy';
import { applyFields, assertNoCycle, createCurated, linkedIds, replaceLinks, type CurationSpec, registerConstraintFields, setArchived, slugify, updateCurated } from '../curation';
import { CuratedEntityType } from '../curation/change-record.entity';
import { Indicator } from '../indicator/indicator.entity';
import { TargetGroup } from './target-group.entity';
import type { CreateTargetGroupInput, TargetGroupsArgs, UpdateTargetGroupInput } from './target-group.inputs';

export async function listTargetGroups(ctx: RequestContext, args: TargetGroupsArgs): Promise<Connection<TargetGroup>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(TargetGroup).createQueryBuilder('tg');
  if (!args.includeArchived) qb.andWhere('tg.archivedAt IS NULL');
  if (args.search) qb.andWhere('(tg.nameNl ILIKE :search OR tg.nameEn ILIKE :search)', { search: `%${escapeLike(args.search)}%` });
  return paginate(qb, page, 'code');
}

export async function getTargetGroup(ctx: RequestContext, id: string | null | undefined, code: string | null | undefined) {
  if (id) return ctx.loaders.targetGroupById.load(assertUuid(id, 'id'));
  if (code) return ctx.manager.getRepository(TargetGroup).findOneBy({ code });
  return null;
}

// ---------------------------------------------------------------------------------------------
// Curation (admins)

export const targetGroupCuration: CurationSpec<TargetGroup> = {
  target: TargetGroup,
  entityType: CuratedEntityType.TARGET_GROUP,
  label: 'Target group',
  links: async (tx, id) => ({ countsAsIds: await linkedIds(tx, 'target_group_counts_as', 'target_group_id', id, 'counts_as_id') }),
  authorize: (ctx) => assertAdmin(ctx, 'Only admins change target groups'),
};

registerConstraintFields({
  UQ_target_group_code: 'input.code',
  FK_target_group_need_indicator: 'input.needIndicator',
  CHK_target_group_ages: 'input.maxAge',
  FK_target_group_parent: 'input.parent',
  CHK_target_group_parent: 'input.parent',
  CHK_target_group_counts_as_other: 'input.countsAs',
});

const TARGET_GROUP_FIELDS = ['code', 'nameNl', 'nameEn', 'description', 'minAge', 'maxAge', 'source'] as const;

/**
 * The taxonomy links of the input (target-group.rules.ts): the parent by code, checked for a
 * cycle, and the "counts as" codes resolved (every unknown one and the group itself a problem
 * naming its index). Answers the ids to link, or undefined when the input leaves them as they are.
 */
async function applyTaxonomyInput(tx: EntityManager, record: TargetGroup, input: CreateTargetGroupInput | UpdateTargetGroupInput): Promise<string[] | undefined> {
  const problems: BadUserInputError[] = [];
  if (input.parent !== undefined) {
    const parentId = input.parent ? await collectProblems(problems, () => idByCode(tx, TargetGroup, input.parent!.trim(), 'input.parent', 'target group')) : null;
    if (parentId !== undefined) {
      if (record.id) await collectProblems(problems, () => assertNoCycle(tx, 'target_group', record.id, parentId, 'input.parent'));
      record.parentId = parentId;
    }
  }
  let countsAsIds: string[] | undefined;
  if (input.countsAs !== undefined) {
    countsAsIds = [];
    for (const [i, code] of (input.countsAs ?? []).entries()) {
      const id = await collectProblems(problems, () => idByCode(tx, TargetGroup, code.trim(), `input.countsAs.${i}`, 'target group'));
      if (id && id === record.id) problems.push(new BadUserInputError(`input.countsAs.${i}`, 'A target group cannot count as itself', { rule: 'countsAsSelf' }));
      else if (id && !countsAsIds.includes(id)) countsAsIds.push(id);
    }
  }
  throwIfProblems(problems);
  return countsAsIds;
}

function writeCountsAs(tx: EntityManager, id: string, countsAsIds: string[] | undefined): Promise<void> {
  return countsAsIds ? replaceLinks(tx, 'target_group_counts_as', 'target_group_id', id, 'counts_as_id', countsAsIds) : Promise.resolve();
}

async function applyTargetGroupInput(tx: EntityManager, record: TargetGroup, input: CreateTargetGroupInput | UpdateTargetGroupInput): Promise<void> {
  assertRequiredKept(input, ['nameNl', 'code']);
  applyFields(record, input, TARGET_GROUP_FIELDS);
  if (input.nameEn !== undefined) record.nameEn = input.nameEn?.trim() || null;
  const [agesProblem] = ageRangeProblems(record, input);
  if (agesProblem) throw agesProblem;
  if (input.needIndicator !== undefined) {
    record.needIndicatorId = input.needIndicator ? await idByCode(tx, Indicator, input.needIndicator.trim(), 'input.needIndicator', 'indicator') : null;
  }
}

export async function createTargetGroup(ctx: RequestContext, input: CreateTargetGroupInput): Promise<TargetGroup> {
  assertAdmin(ctx, 'Only admins add target groups');
  let countsAsIds: string[] | undefined;
  return createCurated(
    ctx,
    targetGroupCuration,
    async (tx) => {
      const draft = tx.getRepository(TargetGroup).create({ nameEn: null, description: null, minAge: null, maxAge: null, needIndicatorId: null, source: null, parentId: null });
      await applyTargetGroupInput(tx, draft, input);
      countsAsIds = await applyTaxonomyInput(tx, draft, input);
      draft.code = input.code ?? slugify(input.nameNl).slice(0, 100).replace(/-+$/, '');
      if (!draft.code) throw new BadUserInputError('input.nameNl', 'nameNl must contain letters or digits (for the code)');
      return draft;
    },
    (saved, tx) => writeCountsAs(tx, saved.id, countsAsIds),
  );
}

export async function updateTargetGroup(ctx: RequestContext, id: string, version: number, input: UpdateTargetGroupInput): Promise<TargetGroup> {
  assertAdmin(ctx, 'Only admins change target groups');
  return updateCurated(ctx, targetGroupCuration, id, version, async (record, tx) => {
    await applyTargetGroupInput(tx, record, input);
    await writeCountsAs(tx, record.id, await applyTaxonomyInput(tx, record, input));
  });
}

export function setTargetGroupArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<TargetGroup> {
  return setArchived(ctx, targetGroupCuration, id, version, archived, (_record, ctx) => assertAdmin(ctx, 'Only admins archive target groups'));
}
