import { assertRequiredKept } from '../../common/required-fields.rules';
import type { EntityManager } from 'typeorm';
import { type Connection, pageRequest } from '../../common/connection';
import { BadUserInputError } from '../../common/errors';
import { paginate } from '../../common/paging';
import { assertUuid, idByCode } from '../../common/references';
import type { RequestContext } from '../../context';
import { escapeLike } from '../area';
import { assertAdmin } from '../../auth/policy';
import { CuratedEntityType } from '../curation/change-record.entity';
import { applyFields, assertNoCycle, createCurated, type CurationSpec, registerConstraintFields, setArchived, slugify, updateCurated } from '../curation';
import { BasicFunction } from './basic-function.entity';
import { InterventionType } from './intervention-type.entity';
import type { CreateInterventionTypeInput, InterventionTypesArgs, UpdateInterventionTypeInput } from './intervention-type.inputs';

export async function listInterventionTypes(ctx: RequestContext, args: InterventionTypesArgs): Promise<Connection<InterventionType>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(InterventionType).createQueryBuilder('it');
  if (!args.includeArchived) qb.andWhere('it.archivedAt IS NULL');
  if (args.basicFunction) {
    const basicFunctionId = await idByCode(ctx.manager, BasicFunction, args.basicFunction, 'basicFunction', 'basic function');
    qb.andWhere('(it.basicFunctionId = :basicFunctionId OR it.secondaryBasicFunctionId = :basicFunctionId)', { basicFunctionId });
  }
  if (args.category) qb.andWhere('it.category = :category', { category: args.category });
  if (args.search) qb.andWhere('(it.nameNl ILIKE :search OR it.nameEn ILIKE :search)', { search: `%${escapeLike(args.search)}%` });
  return paginate(qb, page, 'code');
}

export async function getInterventionType(ctx: RequestContext, id: string | null | undefined, code: string | null | undefined) {
  if (id) return ctx.loaders.interventionTypeById.load(assertUuid(id, 'id'));
  if (code) return ctx.manager.getRepository(InterventionType).findOneBy({ code });
  return null;
}

/** The ten basic functions of a switch team, in the book's order. */
export function listBasicFunctions(ctx: RequestContext): Promise<BasicFunction[]> {
  return ctx.manager.getRepository(BasicFunction).find({ order: { number: 'ASC' } });
}

// ---------------------------------------------------------------------------------------------
// Curation (admins)

export const interventionTypeCuration: CurationSpec<InterventionType> = {
  target: InterventionType,
  entityType: CuratedEntityType.INTERVENTION_TYPE,
  label: 'Intervention type',
  authorize: (ctx) => assertAdmin(ctx, 'Only admins change intervention types'),
};

registerConstraintFields({
  UQ_intervention_type_code: 'input.code',
  FK_intervention_type_basic_function: 'input.basicFunction',
  FK_intervention_type_secondary_basic_function: 'input.secondaryBasicFunction',
  FK_intervention_type_parent: 'input.parent',
  CHK_intervention_type_not_own_parent: 'input.parent',
  CHK_intervention_type_category: 'input.category',
});

const INTERVENTION_TYPE_FIELDS = ['code', 'nameNl', 'nameEn', 'description', 'category', 'source'] as const;

async function applyInterventionTypeInput(tx: EntityManager, record: InterventionType, input: CreateInterventionTypeInput | UpdateInterventionTypeInput): Promise<void> {
  assertRequiredKept(input, ['nameNl', 'code']);
  applyFields(record, input, INTERVENTION_TYPE_FIELDS);
  if (input.nameEn !== undefined) record.nameEn = input.nameEn?.trim() || null;
  if (input.listedInBookExamples !== undefined) record.listedInBookExamples = input.listedInBookExamples ?? false;
  if (input.basicFunction !== undefined) {
    record.basicFunctionId = input.basicFunction ? await idByCode(tx, BasicFunction, input.basicFunction.trim(), 'input.basicFunction', 'basic function') : null;
  }
  if (input.secondaryBasicFunction !== undefined) {
    record.secondaryBasicFunctionId = input.secondaryBasicFunction
      ? await idByCode(tx, BasicFunction, input.secondaryBasicFunction.trim(), 'input.secondaryBasicFunction', 'basic function')
      : null;
  }
  if (record.secondaryBasicFunctionId && record.secondaryBasicFunctionId === record.basicFunctionId) {
    throw new BadUserInputError(input.secondaryBasicFunction ? 'input.secondaryBasicFunction' : 'input.basicFunction', 'The secondary basic function must differ from the primary one');
  }
  if (input.parent !== undefined) {
    let parentId: string | null = null;
    if (input.parent) {
      const parent = await tx.getRepository(InterventionType).findOneBy({ code: input.parent.trim() });
      if (!parent) throw new BadUserInputError('input.parent', `Unknown intervention type code "${input.parent}"`);
      if (parent.archivedAt) throw new BadUserInputError('input.parent', `Intervention type "${parent.code}" is archived`);
      parentId = parent.id;
    }
    if (record.id) await assertNoCycle(tx, 'intervention_type', record.id, parentId, 'input.parent');
    record.parentId = parentId;
  }
}

export async function createInterventionType(ctx: RequestContext, input: CreateInterventionTypeInput): Promise<InterventionType> {
  assertAdmin(ctx, 'Only admins add intervention types');
  return createCurated(ctx, interventionTypeCuration, async (tx) => {
    const draft = tx.getRepository(InterventionType).create({
      nameEn: null,
      description: null,
      basicFunctionId: null,
      secondaryBasicFunctionId: null,
      category: null,
      parentId: null,
      listedInBookExamples: false,
      source: null,
    });
    await applyInterventionTypeInput(tx, draft, input);
    draft.code = input.code ?? slugify(input.nameNl).slice(0, 100).replace(/-+$/, '');
    if (!draft.code) throw new BadUserInputError('input.nameNl', 'nameNl must contain letters or digits (for the code)');
    return draft;
  });
}

export async function updateInterventionType(ctx: RequestContext, id: string, version: number, input: UpdateInterventionTypeInput): Promise<InterventionType> {
  assertAdmin(ctx, 'Only admins change intervention types');
  return updateCurated(ctx, interventionTypeCuration, id, version, (record, tx) => applyInterventionTypeInput(tx, record, input));
}

export function setInterventionTypeArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<InterventionType> {
  return setArchived(ctx, interventionTypeCuration, id, version, archived, (_record, ctx) => assertAdmin(ctx, 'Only admins archive intervention types'));
}
