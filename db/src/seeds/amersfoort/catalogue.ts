import type { EntityManager } from 'typeorm';
import { type AmersfoortData, type SeedCounter, joinNotes, labelled, nfc, runJson, slugify } from './data';

/** English names of the ten basic functions of a switch team (§6.1), by code. */
const BASIC_FUNCTION_NAMES_EN: Record<string, string> = {
  presentie: 'Presence',
  'kennis-verzamelen': 'Knowledge gathering',
  informeren: 'Informing',
  signaleren: 'Signalling',
  analyseren: 'Analysing',
  plannen: 'Planning',
  uitvoeren: 'Delivering',
  'regisseren-coordineren': 'Directing/coordinating',
  activeren: 'Activating',
  infrastructuur: 'Infrastructure',
};

/** The compiler's intervention categories (meta.conventions.interventionCategoryValues). */
const INTERVENTION_CATEGORIES: Record<string, string> = {
  signalerend: 'SIGNALLING',
  faciliterend: 'FACILITATING',
  interveniërend: 'INTERVENING',
  organiserend: 'ORGANISING',
  verbindend: 'CONNECTING',
  kennisbeheer: 'KNOWLEDGE_MANAGEMENT',
};

/** English names of the target groups, by code. */
const TARGET_GROUP_NAMES_EN: Record<string, string> = {
  'kwetsbare-ouderen-sociaal-isolement': 'Vulnerable older people in social isolation',
  'risicogroepen-eenzaamheid-ouderen': 'Risk groups for loneliness among older people',
  'alleenstaande-ouderen': 'Older people living alone',
  'ouderen-beginnende-psychische-problematiek':
    'Older people living independently with (incipient) mental health or psychiatric problems',
  'laaggeletterde-senioren': 'Seniors with low literacy (55+)',
  multiprobleemgezinnen: 'Multi-problem families',
  'allochtone-gezinnen': 'Migrant families',
  'mensen-met-verstandelijke-beperking': 'People with a (mild) intellectual disability',
  'jongeren-verstandelijke-beperking-gedragsproblemen': 'Young people with an intellectual disability and behavioural problems',
  'kinderen-met-leerachterstand': 'Children with a learning delay',
  'mensen-met-psychiatrische-beperking': 'People with a psychiatric disability or background',
  'jonge-clienten-milde-problemen': 'Young clients with mild mental or psychosocial problems',
  'kinderen-ouders-psychische-problemen': 'Children of parents with mental, psychosocial or addiction problems',
  'kinderen-kwetsbare-gezinnen': 'Children from vulnerable families (transition to secondary school)',
  jongeren: 'Young people',
  'vrouwen-zwakke-sociaaleconomische-positie': 'Women in weak socio-economic positions',
  mantelzorgers: 'Informal carers',
  zorgmijders: 'Care avoiders',
  'kwetsbare-burgers': 'Vulnerable citizens',
  'mensen-met-lichamelijke-beperking': 'People with physical disabilities',
  'mensen-met-psychosociaal-probleem': 'People with a psychosocial problem',
};

/**
 * The key figure that measures a target group's size (docs/data-model.md, `target_group`: elderly → % 65+). Elderly
 * groups point at pct_age_65_plus, the migrant group at pct_non_western_migrants; the others
 * have no matching indicator in the book's tables and stay NULL.
 */
const TARGET_GROUP_NEED_INDICATOR: Record<string, string> = {
  'kwetsbare-ouderen-sociaal-isolement': 'pct_age_65_plus',
  'risicogroepen-eenzaamheid-ouderen': 'pct_age_65_plus',
  'alleenstaande-ouderen': 'pct_age_65_plus',
  'ouderen-beginnende-psychische-problematiek': 'pct_age_65_plus',
  'laaggeletterde-senioren': 'pct_age_65_plus',
  'allochtone-gezinnen': 'pct_non_western_migrants',
};

/**
 * Curated "counts as" links between target groups (api/src/modules/target-group/target-group.rules.ts):
 * a service for the first group counts for the second. The book's tables name the same elderly
 * twice: services for "kwetsbare ouderen in sociaal isolement" reach the risk groups for loneliness.
 */
export const TARGET_GROUP_COUNTS_AS: ReadonlyArray<readonly [string, string]> = [['kwetsbare-ouderen-sociaal-isolement', 'risicogroepen-eenzaamheid-ouderen']];

/** The code of a basic function: the slug of its key ("regisseren/coördineren" → "regisseren-coordineren"). */
export function basicFunctionCode(key: string): string {
  return slugify(key);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export async function seedBasicFunctions(manager: EntityManager, counter: SeedCounter, data: AmersfoortData): Promise<void> {
  const { functions, source } = data.meta.basicFunctionsOfSwitchTeam;
  const rows = functions.map((fn) => {
    const code = basicFunctionCode(fn.key);
    const nameEn = BASIC_FUNCTION_NAMES_EN[code];
    if (!nameEn) throw new Error(`amersfoort seed: no English name for basic function "${fn.key}"`);
    return { code, number: fn.number, name_nl: capitalise(fn.key), name_en: nameEn, description: fn.text, source };
  });
  const inserted = await runJson(
    manager,
    `INSERT INTO basic_function (code, number, name_nl, name_en, description, source)
     SELECT r.code, r.number, r.name_nl, r.name_en, r.description, r.source
       FROM jsonb_to_recordset($1::jsonb)
            AS r(code text, number smallint, name_nl text, name_en text, description text, source text)
     ON CONFLICT (code) DO NOTHING`,
    rows,
    'id',
  );
  counter.add('basic_function', inserted.length);
}

export async function seedInterventionTypes(manager: EntityManager, counter: SeedCounter, data: AmersfoortData): Promise<void> {
  const rows = data.interventionTypes.map((type) => {
    const category = type.category ? INTERVENTION_CATEGORIES[nfc(type.category)] : null;
    if (category === undefined) throw new Error(`amersfoort seed: unknown intervention category "${type.category}"`);
    return {
      code: type.slug,
      name_nl: type.name,
      description: type.description ?? null,
      basic_function_code: type.basicFunction ? basicFunctionCode(type.basicFunction) : null,
      secondary_basic_function_code: type.secondaryBasicFunction ? basicFunctionCode(type.secondaryBasicFunction) : null,
      category,
      listed_in_book_examples: type.inVoorbeeldenVanInterventies35 === true,
      source: type.source ?? null,
    };
  });
  const inserted = await runJson(
    manager,
    `INSERT INTO intervention_type
            (code, name_nl, description, basic_function_id, secondary_basic_function_id, category, listed_in_book_examples, source)
     SELECT r.code, r.name_nl, r.description, bf.id, bf2.id, r.category, r.listed_in_book_examples, r.source
       FROM jsonb_to_recordset($1::jsonb)
            AS r(code text, name_nl text, description text, basic_function_code text, secondary_basic_function_code text,
                 category text, listed_in_book_examples boolean, source text)
       LEFT JOIN basic_function bf ON bf.code = r.basic_function_code
       LEFT JOIN basic_function bf2 ON bf2.code = r.secondary_basic_function_code
     ON CONFLICT (code) DO NOTHING`,
    rows,
    'id',
  );
  counter.add('intervention_type', inserted.length);
}

export async function seedTargetGroups(manager: EntityManager, counter: SeedCounter, data: AmersfoortData): Promise<void> {
  const rows = data.targetGroups.map((group) => ({
    code: group.slug,
    name_nl: group.name,
    name_en: TARGET_GROUP_NAMES_EN[group.slug] ?? null,
    description: joinNotes(group.description, labelled('Leeftijd', group.ageRange?.note)),
    min_age: group.ageRange?.min ?? null,
    max_age: group.ageRange?.max ?? null,
    need_indicator_code: TARGET_GROUP_NEED_INDICATOR[group.slug] ?? null,
    source: group.source ?? null,
  }));
  const inserted = await runJson(
    manager,
    `INSERT INTO target_group (code, name_nl, name_en, description, min_age, max_age, need_indicator_id, source)
     SELECT r.code, r.name_nl, r.name_en, r.description, r.min_age, r.max_age, i.id, r.source
       FROM jsonb_to_recordset($1::jsonb)
            AS r(code text, name_nl text, name_en text, description text, min_age smallint, max_age smallint,
                 need_indicator_code text, source text)
       LEFT JOIN indicator i ON i.code = r.need_indicator_code
     ON CONFLICT (code) DO NOTHING`,
    rows,
    'id',
  );
  counter.add('target_group', inserted.length);
  const links = await runJson(
    manager,
    `INSERT INTO target_group_counts_as (target_group_id, counts_as_id)
     SELECT a.id, b.id
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, counts_as text)
       JOIN target_group a ON a.code = r.code
       JOIN target_group b ON b.code = r.counts_as
     ON CONFLICT DO NOTHING`,
    TARGET_GROUP_COUNTS_AS.map(([code, countsAs]) => ({ code, counts_as: countsAs })),
    'id',
  );
  counter.add('target_group_counts_as', links.length);
}
