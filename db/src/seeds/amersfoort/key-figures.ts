import type { EntityManager } from 'typeorm';
import {
  type AmersfoortData,
  type NumericFact,
  type SeedCounter,
  joinNotes,
  labelled,
  nfc,
  runJson,
  slugify,
  unique,
} from './data';

type IndicatorUnit = 'COUNT' | 'PERCENT' | 'EUR' | 'RATING_10' | 'NUMBER';

interface IndicatorRow {
  code: string;
  name_nl: string;
  name_en: string;
  unit: IndicatorUnit;
  description: string | null;
}

interface KeyFigureRow {
  area_slug: string;
  indicator_code: string;
  year: number | null;
  value: number;
  source: string;
  note: string | null;
}

/** The columns of the book's tables (keyFigures.columnDefinitions) as indicators. */
const TABLE_INDICATORS: Record<string, { code: string; unit: IndicatorUnit; nameEn: string }> = {
  population: { code: 'population', unit: 'COUNT', nameEn: 'Number of residents' },
  pctAge0to19: { code: 'pct_age_0_to_19', unit: 'PERCENT', nameEn: 'Residents aged 0–19 (%)' },
  pctAge20to64: { code: 'pct_age_20_to_64', unit: 'PERCENT', nameEn: 'Residents aged 20–64 (%)' },
  pctAge65plus: { code: 'pct_age_65_plus', unit: 'PERCENT', nameEn: 'Residents aged 65 and over (%)' },
  pctNonWesternMigrants: { code: 'pct_non_western_migrants', unit: 'PERCENT', nameEn: 'Non-western migrants (%)' },
  dwellings: { code: 'dwellings', unit: 'COUNT', nameEn: 'Number of dwellings' },
  pctOwnerOccupied: { code: 'pct_owner_occupied', unit: 'PERCENT', nameEn: 'Owner-occupied dwellings (%)' },
  pctRented: { code: 'pct_rented', unit: 'PERCENT', nameEn: 'Rented dwellings (%)' },
  unemploymentPct: { code: 'unemployment_pct', unit: 'PERCENT', nameEn: 'Unemployment (%)' },
  avgDisposableIncomePerHouseholdEUR: {
    code: 'avg_disposable_income_per_household_eur',
    unit: 'EUR',
    nameEn: 'Average disposable income per household (EUR)',
  },
  socialQualityRating: {
    code: 'social_quality_rating',
    unit: 'RATING_10',
    nameEn: "Residents' rating of the neighbourhood's social quality (1–10)",
  },
};

/** English names of the indicators taken from the running text (keyed by the Dutch text). */
const FACT_INDICATOR_NAMES_EN: Record<string, string> = {
  'inwoners van niet-Nederlandse afkomst': 'Residents of non-Dutch origin',
  'aandeel 75+': 'Share of residents aged 75 and over',
  'senioren die aangeven matig tot zeer ernstig eenzaam te zijn': 'Seniors reporting moderate to very severe loneliness',
  'senioren die aangeven ernstig tot zeer ernstig eenzaam te zijn': 'Seniors reporting severe to very severe loneliness',
  'bewoners ouder dan 65 jaar': 'Residents older than 65',
  'aandeel inwoners ouder dan 65 jaar (GGD Eemland, onderzoek 2004)': 'Share of residents older than 65 (GGD Eemland, 2004 survey)',
  'ouderen die zich matig tot zeer ernstig eenzaam voelen': 'Older people who feel moderately to very severely lonely',
  'eenzame ouderen met depressiviteit': 'Lonely older people with depressive symptoms',
  'niet-eenzame ouderen met depressiviteit': 'Older people who are not lonely with depressive symptoms',
  'bouwperiode van de wijk': 'Construction period of the district',
  '(ex-)cliënten van Symfora, Kwintes en het Riagg woonachtig in de wijk':
    '(Former) clients of Symfora, Kwintes and the Riagg living in the district',
  'wijkbewoners met psychiatrische achtergrond (schatting)': 'Residents with a psychiatric background (estimate)',
  'begeleidwonenprojecten Symforagroep: woningen': 'Symfora group supported-living projects: dwellings',
  'begeleidwonenprojecten Symforagroep: gehuisveste cliënten': 'Symfora group supported-living projects: clients housed',
  'beschermde woonvormen Symfora: woonvoorzieningcomplexen': 'Symfora sheltered housing: residential complexes',
  'beschermde woonvormen Symfora: bewoners op moment van onderzoek': 'Symfora sheltered housing: residents at the time of the study',
  'zelfstandig wonende cliënten die Kwintes in Schothorst begeleidt bij het wonen':
    'Independently living clients whom Kwintes supports with housing in Schothorst',
  'cliënten die gebruikmaken van de door Kwintes geleverde begeleide of beschermde woonvormen':
    'Clients using the supported or sheltered housing provided by Kwintes',
  'cliënten in de dagbestedingsgroep die een deel van het landgoed onderhoudt':
    'Clients in the day-activity group that maintains part of the estate',
  'buurtbewoners rond de sociowoningen van de Symforagroep benaderd (onderzoek beeldvorming)':
    "Neighbours around the Symfora group's sheltered homes approached (perception study)",
  'respondenten zonder zicht op de participatie van buurtbewoners met psychiatrische kwetsbaarheid':
    'Respondents with no view of the participation of neighbours with a psychiatric vulnerability',
  'respondenten zonder idee wat er veranderd kan worden': 'Respondents with no idea what could be changed',
  'respondenten die niet openstaan voor contact met mensen met een psychiatrische achtergrond':
    'Respondents not open to contact with people with a psychiatric background',
  'respondenten die wel openstaan voor contact met mensen met een psychiatrische achtergrond':
    'Respondents open to contact with people with a psychiatric background',
  'geïnterviewde cliënten (onderzoek beeldvorming en participatie)': 'Clients interviewed (perception and participation study)',
  'geïnterviewde cliënten die aanvullende contacten in de buurt wensen':
    'Interviewed clients who want more contacts in the neighbourhood',
  'geïnterviewde cliënten die een echt goede vriend(in) missen en hun kenniskring te beperkt vinden':
    'Interviewed clients who miss a really good friend and find their circle of acquaintances too small',
  'geïnterviewde cliënten met betaald werk': 'Interviewed clients with paid work',
  'geïnterviewde cliënten die vrijwilligerswerk doen': 'Interviewed clients who do volunteer work',
  'geïnterviewde cliënten die vrijwilligerswerk doen in de eigen buurt of wijk':
    'Interviewed clients who do volunteer work in their own neighbourhood or district',
  'geïnterviewde cliënten bij wie het gevoel niet mee te tellen nadrukkelijk speelt':
    'Interviewed clients for whom the feeling of not counting plays a marked role',
  'geïnterviewde cliënten die binding met de wijk voelen': 'Interviewed clients who feel attached to the district',
  'ouderen die de pannenkoekendag van een basisschool in Schuilenburg bezochten':
    "Older people who attended a primary school's pancake day in Schuilenburg",
  'rapportcijfer sociale kwaliteit van de wijk: bereik in de projectbuurten':
    "Rating of the neighbourhood's social quality: range across the project neighbourhoods",
  'organisaties waarmee het team Kruiskamp schakelde (januari-augustus 2009)':
    'Organisations the Kruiskamp team switched with (January–August 2009)',
  'vrijwilligers actief binnen Stichting Welzijn Amersfoort': 'Volunteers active within Stichting Welzijn Amersfoort',
};

/** Units of the running-text facts that are counts of people, places or things. */
const COUNT_UNIT = /^(personen|cliënten|cliënt|woningen|complexen|respondenten|ouderen|organisaties|projecten|wijkverpleegkundigen|wijken)(\s|$)/;

/** '%' → PERCENT, counts → COUNT, anything else → NUMBER. */
export function factUnit(unit: string | null | undefined): IndicatorUnit {
  const text = nfc(unit).trim().toLowerCase();
  if (text === '%') return 'PERCENT';
  if (COUNT_UNIT.test(text)) return 'COUNT';
  return 'NUMBER';
}

/** Whether the key_figure CHECK constraints would accept the value for the unit. */
function passesChecks(unit: IndicatorUnit, value: number, year: number | null): boolean {
  if (year !== null && (year < 1800 || year > 2200)) return false;
  if ((unit === 'COUNT' || unit === 'EUR') && value < 0) return false;
  if (unit === 'PERCENT' && (value < 0 || value > 100)) return false;
  if (unit === 'RATING_10' && (value < 1 || value > 10)) return false;
  return true;
}

export interface SkippedFact {
  slug: string;
  reason:
    | 'area is not an area of the map'
    | 'value is not a number'
    | 'duplicate of a keyFigures.otherFacts entry'
    | 'value violates a CHECK';
}

export interface KeyFigurePlan {
  indicators: IndicatorRow[];
  keyFigures: KeyFigureRow[];
  /** Number of key figures that come from the book's tables (the rest are running-text facts). */
  tableKeyFigures: number;
  skippedFacts: SkippedFact[];
}

/**
 * Indicators and key figures.
 *
 * The 18 table records (§3.1, §4.1, §5.1) give one key figure per non-null column value:
 * 9 population rows × 5 columns + 9 housing/work/income rows × 6 columns = 99. The Amersfoort
 * row is printed in all three chapters; each print is kept (the source names the section, so
 * the unique key area+indicator+year+source does not collide).
 *
 * The running-text facts (keyFigures.otherFacts, 41, and municipality.otherFigures, 3) become
 * one indicator per distinct fact text (code = slug of the text). With the data set as
 * committed, 33 are loaded and 11 skipped:
 * - 8 whose area is not an area of the map: 4 × `nederland` (national figures, §2.1, §2.4,
 *   §2.7) and 4 × null (depression among (non-)lonely elderly §4.2, Kwintes' 280 clients §5.2,
 *   the 5,2–5,9 rating range §9.1);
 * - 1 whose value is not a number: Schothorst's construction period "1970-1986" (§5.1);
 * - 2 municipality.otherFigures that repeat an otherFacts entry for Amersfoort (75+ 5,7 %
 *   §4.1; 65+ 11,4 % in 2004 §4.2); the otherFacts version, which carries the quote, is kept.
 * None would violate a CHECK; the check is still made so that a changed data file cannot
 * abort the seed. `skippedFacts` lists them for tests and reviewers.
 */
export function planKeyFigures(data: AmersfoortData, areaSlugs: ReadonlySet<string>): KeyFigurePlan {
  const indicators: IndicatorRow[] = [];
  const keyFigures: KeyFigureRow[] = [];
  const { columnDefinitions, tableRecords } = data.keyFigures;

  for (const [column, definition] of Object.entries(columnDefinitions)) {
    const indicator = TABLE_INDICATORS[column];
    if (!indicator) throw new Error(`amersfoort seed: no indicator mapping for key figure column "${column}"`);
    const records = tableRecords.filter((record) => typeof record[column] === 'number');
    const tables = unique(records.map((record) => `‘${record.table}’`)).join(', ');
    const sections = unique(records.map((record) => `§${record.source}`)).join(', ');
    const sources = unique(records.map((record) => record.sourceTable)).join('; ');
    indicators.push({
      code: indicator.code,
      name_nl: definition,
      name_en: indicator.nameEn,
      unit: indicator.unit,
      description: `Kolom van de tabel ${tables} in het boek (${sections}); bron: ${sources}.`,
    });
    for (const record of records) {
      keyFigures.push({
        area_slug: record.neighbourhood,
        indicator_code: indicator.code,
        year: record.year ?? null,
        value: record[column] as number,
        source: `${record.sourceTable} (boek §${record.source})`,
        note: record.note ?? null,
      });
    }
  }
  const tableKeyFigures = keyFigures.length;

  const skippedFacts: SkippedFact[] = [];
  const municipalitySlug = data.municipality.slug;
  const facts = (data.keyFigures.otherFacts ?? []).map((fact) => ({ fact, area: fact.neighbourhood ?? null }));
  const figures = (data.municipality.otherFigures ?? []).map((fact, index) => ({
    fact: { ...fact, slug: fact.slug ?? `municipality.otherFigures[${index}]` },
    area: municipalitySlug as string | null,
  }));
  const candidates: Array<{ fact: NumericFact; area: string | null }> = [...facts];
  for (const figure of figures) {
    const duplicate = facts.some(
      ({ fact, area }) =>
        area === municipalitySlug &&
        fact.value === figure.fact.value &&
        (fact.year ?? null) === (figure.fact.year ?? null) &&
        fact.source === figure.fact.source,
    );
    if (duplicate) skippedFacts.push({ slug: figure.fact.slug, reason: 'duplicate of a keyFigures.otherFacts entry' });
    else candidates.push(figure);
  }

  const factIndicators = new Map<string, IndicatorRow & { sections: string[] }>();
  for (const { fact, area } of candidates) {
    const slug = fact.slug ?? fact.indicator;
    if (area === null || !areaSlugs.has(area)) {
      skippedFacts.push({ slug, reason: 'area is not an area of the map' });
      continue;
    }
    if (typeof fact.value !== 'number' || !Number.isFinite(fact.value)) {
      skippedFacts.push({ slug, reason: 'value is not a number' });
      continue;
    }
    const unit = factUnit(fact.unit);
    const year = fact.year ?? null;
    if (!passesChecks(unit, fact.value, year)) {
      skippedFacts.push({ slug, reason: 'value violates a CHECK' });
      continue;
    }
    const code = slugify(fact.indicator);
    const existing = factIndicators.get(code);
    if (existing && existing.unit !== unit) {
      throw new Error(`amersfoort seed: indicator "${fact.indicator}" has units ${existing.unit} and ${unit}`);
    }
    const indicator = existing ?? {
      code,
      name_nl: fact.indicator,
      name_en: FACT_INDICATOR_NAMES_EN[fact.indicator] ?? fact.indicator,
      unit,
      description: null,
      sections: [],
    };
    if (fact.source) indicator.sections.push(`§${fact.source}`);
    factIndicators.set(code, indicator);
    keyFigures.push({
      area_slug: area,
      indicator_code: code,
      year,
      value: fact.value,
      source: `${fact.dataBasis ?? 'Schakels in de Buurt'} (boek §${fact.source ?? '?'})`,
      note: joinNotes(
        fact.qualifier ? `Aanduiding in het boek: ‘${fact.qualifier}’` : null,
        unit === 'PERCENT' ? null : labelled('Eenheid in het boek', fact.unit),
        fact.note,
        labelled('Citaat', fact.quote),
      ),
    });
  }
  for (const { sections, ...indicator } of factIndicators.values()) {
    indicators.push({
      ...indicator,
      description: `Cijfer uit de lopende tekst van het boek (${unique(sections).join(', ')}).`,
    });
  }
  return { indicators, keyFigures, tableKeyFigures, skippedFacts };
}

export async function seedIndicators(manager: EntityManager, counter: SeedCounter, rows: IndicatorRow[]): Promise<void> {
  const inserted = await runJson(
    manager,
    `INSERT INTO indicator (code, name_nl, name_en, unit, description)
     SELECT r.code, r.name_nl, r.name_en, r.unit, r.description
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, name_nl text, name_en text, unit text, description text)
     ON CONFLICT (code) DO NOTHING`,
    rows,
    'id',
  );
  counter.add('indicator', inserted.length);
}

/** The unit travels with the indicator (composite foreign key), so the CHECKs see it. */
export async function seedKeyFigures(manager: EntityManager, counter: SeedCounter, rows: KeyFigureRow[]): Promise<void> {
  const inserted = await runJson(
    manager,
    `INSERT INTO key_figure (area_id, indicator_id, indicator_unit, year, value, source, note)
     SELECT a.id, i.id, i.unit, r.year, r.value, r.source, r.note
       FROM jsonb_to_recordset($1::jsonb)
            AS r(area_slug text, indicator_code text, year smallint, value numeric, source text, note text)
       JOIN area a ON a.slug = r.area_slug
       JOIN indicator i ON i.code = r.indicator_code
     ON CONFLICT ON CONSTRAINT "UQ_key_figure_area_indicator_year_source" DO NOTHING`,
    rows,
    'id',
  );
  counter.add('key_figure', inserted.length);
}
