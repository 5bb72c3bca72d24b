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

interface TableIndicator {
  code: string;
  unit: IndicatorUnit;
  /** A clean Dutch name; the book's own column heading stays in the description. */
  nameNl: string;
  nameEn: string;
  /** Where the book's term is no longer the current one: why the name differs from it. */
  termNote?: string;
}

/** The columns of the book's tables (keyFigures.columnDefinitions) as indicators. */
const TABLE_INDICATORS: Record<string, TableIndicator> = {
  population: { code: 'population', unit: 'COUNT', nameNl: 'Aantal inwoners', nameEn: 'Number of residents' },
  pctAge0to19: { code: 'pct_age_0_to_19', unit: 'PERCENT', nameNl: 'Inwoners van 0–19 jaar (%)', nameEn: 'Residents aged 0–19 (%)' },
  pctAge20to64: { code: 'pct_age_20_to_64', unit: 'PERCENT', nameNl: 'Inwoners van 20–64 jaar (%)', nameEn: 'Residents aged 20–64 (%)' },
  pctAge65plus: {
    code: 'pct_age_65_plus',
    unit: 'PERCENT',
    nameNl: 'Inwoners van 65 jaar en ouder (%)',
    nameEn: 'Residents aged 65 and over (%)',
  },
  pctNonWesternMigrants: {
    code: 'pct_non_western_migrants',
    unit: 'PERCENT',
    nameNl: 'Inwoners met een niet-westerse migratieachtergrond (%)',
    nameEn: 'Residents with a non-western migration background (%)',
    termNote:
      'Term van de bron: ‘niet-westerse allochtonen’. Het CBS gebruikt ‘allochtoon’ niet meer en spreekt van ' +
      'inwoners met een migratieachtergrond; de naam volgt die term, de maat is die van de bron.',
  },
  dwellings: { code: 'dwellings', unit: 'COUNT', nameNl: 'Aantal woningen', nameEn: 'Number of dwellings' },
  pctOwnerOccupied: { code: 'pct_owner_occupied', unit: 'PERCENT', nameNl: 'Koopwoningen (%)', nameEn: 'Owner-occupied dwellings (%)' },
  pctRented: { code: 'pct_rented', unit: 'PERCENT', nameNl: 'Huurwoningen (%)', nameEn: 'Rented dwellings (%)' },
  unemploymentPct: { code: 'unemployment_pct', unit: 'PERCENT', nameNl: 'Werkloosheid (%)', nameEn: 'Unemployment (%)' },
  avgDisposableIncomePerHouseholdEUR: {
    code: 'avg_disposable_income_per_household_eur',
    unit: 'EUR',
    nameNl: 'Gemiddeld besteedbaar inkomen per huishouden (euro)',
    nameEn: 'Average disposable income per household (EUR)',
  },
  socialQualityRating: {
    code: 'social_quality_rating',
    unit: 'RATING_10',
    nameNl: 'Waardering van de sociale kwaliteit van de wijk door inwoners (1–10)',
    nameEn: "Residents' rating of the neighbourhood's social quality (1–10)",
  },
};

/**
 * The indicators taken from the running text, keyed by the book's Dutch text: a clean Dutch and
 * English name (the code stays the slug of the text, so it is stable), and — where the fact
 * measures exactly what a table column measures — `sameAs`, that column: the fact is then loaded
 * as a value of the table's indicator, with its own year and source, so the figures of both
 * form one series (a trend). Merged, and why:
 * - 'bewoners ouder dan 65 jaar' (GGD Eemland 2004, §4.2) and the municipality's 'aandeel
 *   inwoners ouder dan 65 jaar (GGD Eemland, onderzoek 2004)': the share of residents aged 65
 *   and over, in percent, as the tables' ‘65 jaar en ouder, in procenten’ (§4.1); the book
 *   itself sets them side by side (20 % in 2004 against about 19 % in the 2009 tables;
 *   Amersfoort 11,4 % against 12 %).
 * Not merged:
 * - 'inwoners van niet-Nederlandse afkomst' (43,6 %, §3.1): all residents of non-Dutch origin,
 *   western ones included, not the tables' non-western share (38 and 30 % for the same area);
 *   the data set's note says so. It gets the current term (migratieachtergrond) too.
 * - 'aandeel 75+': no table column counts 75-year-olds.
 * - 'ouderen die zich matig tot zeer ernstig eenzaam voelen' (§4.2) is a number of people, the
 *   GGD's 'senioren die aangeven matig tot zeer ernstig eenzaam te zijn' (§4.1) a percentage.
 */
const FACT_INDICATORS: Record<string, { nameNl: string; nameEn: string; sameAs?: keyof typeof TABLE_INDICATORS }> = {
  'inwoners van niet-Nederlandse afkomst': {
    nameNl: 'Inwoners met een migratieachtergrond (%)',
    nameEn: 'Residents with a migration background (%)',
  },
  'aandeel 75+': { nameNl: 'Inwoners van 75 jaar en ouder (%)', nameEn: 'Residents aged 75 and over (%)' },
  'senioren die aangeven matig tot zeer ernstig eenzaam te zijn': {
    nameNl: 'Senioren die aangeven matig tot zeer ernstig eenzaam te zijn (%)',
    nameEn: 'Seniors reporting moderate to very severe loneliness (%)',
  },
  'senioren die aangeven ernstig tot zeer ernstig eenzaam te zijn': {
    nameNl: 'Senioren die aangeven ernstig tot zeer ernstig eenzaam te zijn (%)',
    nameEn: 'Seniors reporting severe to very severe loneliness (%)',
  },
  'bewoners ouder dan 65 jaar': {
    nameNl: 'Inwoners van 65 jaar en ouder (%)',
    nameEn: 'Residents aged 65 and over (%)',
    sameAs: 'pctAge65plus',
  },
  'aandeel inwoners ouder dan 65 jaar (GGD Eemland, onderzoek 2004)': {
    nameNl: 'Inwoners van 65 jaar en ouder (%)',
    nameEn: 'Residents aged 65 and over (%)',
    sameAs: 'pctAge65plus',
  },
  'ouderen die zich matig tot zeer ernstig eenzaam voelen': {
    nameNl: 'Ouderen die zich matig tot zeer ernstig eenzaam voelen (aantal)',
    nameEn: 'Older people who feel moderately to very severely lonely (number)',
  },
  'eenzame ouderen met depressiviteit': {
    nameNl: 'Eenzame ouderen met depressiviteit (%)',
    nameEn: 'Lonely older people with depressive symptoms (%)',
  },
  'niet-eenzame ouderen met depressiviteit': {
    nameNl: 'Niet-eenzame ouderen met depressiviteit (%)',
    nameEn: 'Older people who are not lonely with depressive symptoms (%)',
  },
  'bouwperiode van de wijk': { nameNl: 'Bouwperiode van de wijk', nameEn: 'Construction period of the district' },
  '(ex-)cliënten van Symfora, Kwintes en het Riagg woonachtig in de wijk': {
    nameNl: '(Ex-)cliënten van Symfora, Kwintes en het Riagg in de wijk',
    nameEn: '(Former) clients of Symfora, Kwintes and the Riagg living in the district',
  },
  'wijkbewoners met psychiatrische achtergrond (schatting)': {
    nameNl: 'Wijkbewoners met een psychiatrische achtergrond (schatting)',
    nameEn: 'Residents with a psychiatric background (estimate)',
  },
  'begeleidwonenprojecten Symforagroep: woningen': {
    nameNl: 'Woningen voor begeleid wonen van de Symforagroep',
    nameEn: 'Symfora group supported-living projects: dwellings',
  },
  'begeleidwonenprojecten Symforagroep: gehuisveste cliënten': {
    nameNl: 'Cliënten in begeleid wonen van de Symforagroep',
    nameEn: 'Symfora group supported-living projects: clients housed',
  },
  'beschermde woonvormen Symfora: woonvoorzieningcomplexen': {
    nameNl: 'Complexen voor beschermd wonen van Symfora',
    nameEn: 'Symfora sheltered housing: residential complexes',
  },
  'beschermde woonvormen Symfora: bewoners op moment van onderzoek': {
    nameNl: 'Bewoners van beschermd wonen van Symfora (moment van onderzoek)',
    nameEn: 'Symfora sheltered housing: residents at the time of the study',
  },
  'zelfstandig wonende cliënten die Kwintes in Schothorst begeleidt bij het wonen': {
    nameNl: 'Zelfstandig wonende cliënten met woonbegeleiding van Kwintes',
    nameEn: 'Independently living clients whom Kwintes supports with housing in Schothorst',
  },
  'cliënten die gebruikmaken van de door Kwintes geleverde begeleide of beschermde woonvormen': {
    nameNl: 'Cliënten in begeleid of beschermd wonen van Kwintes',
    nameEn: 'Clients using the supported or sheltered housing provided by Kwintes',
  },
  'cliënten in de dagbestedingsgroep die een deel van het landgoed onderhoudt': {
    nameNl: 'Cliënten in de dagbestedingsgroep op het landgoed',
    nameEn: 'Clients in the day-activity group that maintains part of the estate',
  },
  'buurtbewoners rond de sociowoningen van de Symforagroep benaderd (onderzoek beeldvorming)': {
    nameNl: 'Benaderde buren van de sociowoningen van de Symforagroep (onderzoek beeldvorming)',
    nameEn: "Neighbours around the Symfora group's sheltered homes approached (perception study)",
  },
  'respondenten zonder zicht op de participatie van buurtbewoners met psychiatrische kwetsbaarheid': {
    nameNl: 'Buren zonder zicht op de participatie van buurtbewoners met een psychiatrische kwetsbaarheid',
    nameEn: 'Respondents with no view of the participation of neighbours with a psychiatric vulnerability',
  },
  'respondenten zonder idee wat er veranderd kan worden': {
    nameNl: 'Buren zonder idee wat er veranderd kan worden',
    nameEn: 'Respondents with no idea what could be changed',
  },
  'respondenten die niet openstaan voor contact met mensen met een psychiatrische achtergrond': {
    nameNl: 'Buren die niet openstaan voor contact met mensen met een psychiatrische achtergrond',
    nameEn: 'Respondents not open to contact with people with a psychiatric background',
  },
  'respondenten die wel openstaan voor contact met mensen met een psychiatrische achtergrond': {
    nameNl: 'Buren die openstaan voor contact met mensen met een psychiatrische achtergrond',
    nameEn: 'Respondents open to contact with people with a psychiatric background',
  },
  'geïnterviewde cliënten (onderzoek beeldvorming en participatie)': {
    nameNl: 'Geïnterviewde cliënten (onderzoek beeldvorming en participatie)',
    nameEn: 'Clients interviewed (perception and participation study)',
  },
  'geïnterviewde cliënten die aanvullende contacten in de buurt wensen': {
    nameNl: 'Geïnterviewde cliënten die meer contacten in de buurt wensen',
    nameEn: 'Interviewed clients who want more contacts in the neighbourhood',
  },
  'geïnterviewde cliënten die een echt goede vriend(in) missen en hun kenniskring te beperkt vinden': {
    nameNl: 'Geïnterviewde cliënten die een goede vriend(in) missen en hun kenniskring te beperkt vinden',
    nameEn: 'Interviewed clients who miss a really good friend and find their circle of acquaintances too small',
  },
  'geïnterviewde cliënten met betaald werk': {
    nameNl: 'Geïnterviewde cliënten met betaald werk',
    nameEn: 'Interviewed clients with paid work',
  },
  'geïnterviewde cliënten die vrijwilligerswerk doen': {
    nameNl: 'Geïnterviewde cliënten die vrijwilligerswerk doen',
    nameEn: 'Interviewed clients who do volunteer work',
  },
  'geïnterviewde cliënten die vrijwilligerswerk doen in de eigen buurt of wijk': {
    nameNl: 'Geïnterviewde cliënten die vrijwilligerswerk doen in de eigen buurt of wijk',
    nameEn: 'Interviewed clients who do volunteer work in their own neighbourhood or district',
  },
  'geïnterviewde cliënten bij wie het gevoel niet mee te tellen nadrukkelijk speelt': {
    nameNl: 'Geïnterviewde cliënten die sterk het gevoel hebben niet mee te tellen',
    nameEn: 'Interviewed clients for whom the feeling of not counting plays a marked role',
  },
  'geïnterviewde cliënten die binding met de wijk voelen': {
    nameNl: 'Geïnterviewde cliënten die zich verbonden voelen met de wijk',
    nameEn: 'Interviewed clients who feel attached to the district',
  },
  'ouderen die de pannenkoekendag van een basisschool in Schuilenburg bezochten': {
    nameNl: 'Ouderen op de pannenkoekendag van een basisschool in Schuilenburg',
    nameEn: "Older people who attended a primary school's pancake day in Schuilenburg",
  },
  'rapportcijfer sociale kwaliteit van de wijk: bereik in de projectbuurten': {
    nameNl: 'Rapportcijfer sociale kwaliteit van de wijk: bereik in de projectbuurten',
    nameEn: "Rating of the neighbourhood's social quality: range across the project neighbourhoods",
  },
  'organisaties waarmee het team Kruiskamp schakelde (januari-augustus 2009)': {
    nameNl: 'Organisaties waarmee het team Kruiskamp schakelde (januari–augustus 2009)',
    nameEn: 'Organisations the Kruiskamp team switched with (January–August 2009)',
  },
  'vrijwilligers actief binnen Stichting Welzijn Amersfoort': {
    nameNl: 'Vrijwilligers van Stichting Welzijn Amersfoort',
    nameEn: 'Volunteers active within Stichting Welzijn Amersfoort',
  },
};

/** A fact text's first letter in capitals: the name of a fact the book has no clean name for. */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

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
 * one indicator per distinct fact text (code = slug of the text, name from FACT_INDICATORS),
 * except those that measure what a table column measures (`sameAs`): they are values of the
 * table's indicator, with their own year and source (the GGD's 65+ shares of 2004 beside the
 * 2009 tables). With the data set as committed, 33 are loaded (2 of them under
 * `pct_age_65_plus`) and 11 skipped:
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
      name_nl: indicator.nameNl,
      name_en: indicator.nameEn,
      unit: indicator.unit,
      description: [`Kolom ‘${definition}’ van de tabel ${tables} in het boek (${sections}); bron: ${sources}.`, indicator.termNote]
        .filter(Boolean)
        .join(' '),
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

  const factIndicators = new Map<string, IndicatorRow & { sections: string[]; terms: string[] }>();
  /** Sections of the running-text facts loaded under a table's indicator, per code. */
  const mergedSections = new Map<string, string[]>();
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
    const names = FACT_INDICATORS[fact.indicator];
    const table = names?.sameAs ? TABLE_INDICATORS[names.sameAs] : undefined;
    let code: string;
    if (table) {
      // One indicator per measure: the value joins the table's series with its own year and source.
      if (table.unit !== unit) {
        throw new Error(`amersfoort seed: fact "${fact.indicator}" is ${unit}, its table indicator ${table.code} ${table.unit}`);
      }
      code = table.code;
      const sections = mergedSections.get(code) ?? [];
      if (fact.source) sections.push(`§${fact.source}`);
      mergedSections.set(code, sections);
    } else {
      code = slugify(fact.indicator);
      const existing = factIndicators.get(code);
      if (existing && existing.unit !== unit) {
        throw new Error(`amersfoort seed: indicator "${fact.indicator}" has units ${existing.unit} and ${unit}`);
      }
      const indicator = existing ?? {
        code,
        name_nl: names?.nameNl ?? capitalise(fact.indicator),
        name_en: names?.nameEn ?? capitalise(fact.indicator),
        unit,
        description: null,
        sections: [],
        terms: [],
      };
      if (fact.source) indicator.sections.push(`§${fact.source}`);
      indicator.terms.push(fact.indicator);
      factIndicators.set(code, indicator);
    }
    keyFigures.push({
      area_slug: area,
      indicator_code: code,
      year,
      value: fact.value,
      source: `${fact.dataBasis ?? 'Schakels in de Buurt'} (boek §${fact.source ?? '?'})`,
      note: joinNotes(
        table ? `Omschrijving in het boek: ‘${fact.indicator}’` : null,
        fact.qualifier ? `Aanduiding in het boek: ‘${fact.qualifier}’` : null,
        unit === 'PERCENT' ? null : labelled('Eenheid in het boek', fact.unit),
        fact.note,
        labelled('Citaat', fact.quote),
      ),
    });
  }
  for (const { sections, terms, ...indicator } of factIndicators.values()) {
    const term = unique(terms).map((text) => `‘${text}’`).join(', ');
    indicators.push({
      ...indicator,
      description: `Cijfer uit de lopende tekst van het boek (${unique(sections).join(', ')}); omschrijving in het boek: ${term}.`,
    });
  }
  for (const [code, sections] of mergedSections) {
    const indicator = indicators.find((row) => row.code === code)!;
    indicator.description = `${indicator.description} Ook cijfers uit de lopende tekst van het boek (${unique(sections).join(', ')}), elk met zijn eigen jaar en bron.`;
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
