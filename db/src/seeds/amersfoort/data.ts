import fs from 'node:fs';
import type { EntityManager } from 'typeorm';

/**
 * The parts of `db/data/amersfoort-2009.json` the seed reads. Values are Dutch, as in the book;
 * `null` means "not stated in the book" (meta.conventions.nulls).
 */
export type Nullable<T> = T | null | undefined;

export interface AgeRange {
  min: Nullable<number>;
  max: Nullable<number>;
  note?: Nullable<string>;
}

export interface NeighbourhoodData {
  slug: string;
  name: string;
  description: Nullable<string>;
  /** The area's history as the book tells it (the wijkkaart's 1.1), a summary by the compiler. */
  history?: Nullable<string>;
  historySource?: Nullable<string>;
  source: Nullable<string>;
}

export interface DistrictData {
  slug: string;
  name: string;
  alternativeNames: Nullable<string[]>;
  source: Nullable<string>;
  neighbourhoods: NeighbourhoodData[];
  status: Nullable<string>;
  description: Nullable<string>;
  /** The district's history as the book tells it (§3.1, §4.1, §5.1), a summary by the compiler. */
  history?: Nullable<string>;
  historySource?: Nullable<string>;
  projectFocusTargetGroup: Nullable<{ targetGroupSlugs: Nullable<string[]> }>;
  switchTeam: Nullable<{
    networkSlug: string;
    model: Nullable<string>;
    note: Nullable<string>;
    notes: Nullable<string[]>;
    /** The knowledge the book says was present in the team, in its words (§3.5, §5.3). */
    knowledgeInTeam?: Nullable<string[]>;
  }>;
}

export interface NumericFact {
  slug?: string;
  indicator: string;
  value: number | string | null;
  unit: Nullable<string>;
  year: Nullable<number>;
  neighbourhood?: Nullable<string>;
  source: Nullable<string>;
  quote?: Nullable<string>;
  note?: Nullable<string>;
  qualifier?: Nullable<string>;
  dataBasis?: Nullable<string>;
}

export interface TableRecord {
  slug: string;
  table: string;
  neighbourhood: string;
  year: Nullable<number>;
  source: string;
  sourceTable: string;
  note?: Nullable<string>;
  [column: string]: unknown;
}

export interface OrganisationData {
  slug: string;
  name: string;
  abbreviation: Nullable<string>;
  aliases: Nullable<string[]>;
  sector: string;
  secondarySector?: Nullable<string>;
  subsector?: Nullable<string>;
  sectorBasis?: Nullable<string>;
  description: Nullable<string>;
  activeIn: Nullable<string[]>;
  worksWithoutIndication: Nullable<boolean>;
  generic: Nullable<boolean>;
  scope: Nullable<string>;
  parentOrganisation?: Nullable<string>;
  source: Nullable<string>;
  note?: Nullable<string>;
}

export interface FacilityData {
  slug: string;
  name: string;
  aliases: Nullable<string[]>;
  type: Nullable<string>;
  neighbourhood: Nullable<string>;
  operator: Nullable<string>;
  locationAsPrinted?: Nullable<string>;
  status?: Nullable<string>;
  description: Nullable<string>;
  source: Nullable<string>;
  note?: Nullable<string>;
}

export interface ProjectData {
  slug: string;
  name: string;
  abbreviation?: Nullable<string>;
  aliases?: Nullable<string[]>;
  description: Nullable<string>;
  partners: Nullable<string[]>;
  /** Why these partners where the book names no organisation for the project itself. */
  partnersBasis?: Nullable<string>;
  /** Facility slugs where the project takes place, as the book states. */
  facilities?: Nullable<string[]>;
  targetGroup: Nullable<{
    description: Nullable<string>;
    ageRange: Nullable<AgeRange>;
    ageNote?: Nullable<string>;
    targetGroupSlugs: Nullable<string[]>;
  }>;
  neighbourhoods: Nullable<string[]>;
  period: Nullable<string>;
  results: Nullable<string[]>;
  funding?: Nullable<string>;
  frequency?: Nullable<string>;
  status?: Nullable<string>;
  background?: Nullable<string>;
  initiatedBy?: Nullable<string>;
  sourceReference?: Nullable<string>;
  successFactors?: Nullable<string[]>;
  referrers?: Nullable<string[]>;
  external?: Nullable<boolean>;
  source: Nullable<string>;
  note?: Nullable<string>;
}

export interface InterventionTypeData {
  slug: string;
  name: string;
  description: Nullable<string>;
  basicFunction: Nullable<string>;
  secondaryBasicFunction?: Nullable<string>;
  category: Nullable<string>;
  inVoorbeeldenVanInterventies35: Nullable<boolean>;
  exampleInBook?: Nullable<string>;
  source: Nullable<string>;
}

export interface TargetGroupData {
  slug: string;
  name: string;
  description: Nullable<string>;
  ageRange: Nullable<AgeRange>;
  relatedProjects: Nullable<string[]>;
  source: Nullable<string>;
}

export interface NetworkMemberData {
  organisation: Nullable<string>;
  organisationName?: Nullable<string>;
  role: Nullable<string>;
  tier: Nullable<string>;
  function: Nullable<string>;
  functionBasis?: Nullable<string>;
  fte?: Nullable<number>;
  hoursPerWeek?: Nullable<number>;
  source: Nullable<string>;
  note?: Nullable<string>;
}

export interface NetworkData {
  slug: string;
  name: string;
  type: string;
  purpose: Nullable<string>;
  neighbourhood: Nullable<string>;
  meetingFrequency: Nullable<string>;
  coordinator: Nullable<{
    organisation: Nullable<string>;
    role: Nullable<string>;
    source?: Nullable<string>;
    tasks?: Nullable<string[]>;
  }>;
  tierBasis?: Nullable<string>;
  phases?: Nullable<Array<{ phase: number; description: string }>>;
  period?: Nullable<string>;
  since?: Nullable<string>;
  size?: Nullable<string>;
  workingMethod?: Nullable<string>;
  intermediaryRoles?: Nullable<string[]>;
  membersNote?: Nullable<string>;
  abbreviationNote?: Nullable<string>;
  scopeNote?: Nullable<string>;
  switchedWith?: Nullable<Array<{ entry: string; refType?: Nullable<string>; ref?: Nullable<string> }>>;
  switchedWithPeriod?: Nullable<string>;
  switchedWithCountStated?: Nullable<string>;
  members: Nullable<NetworkMemberData[]>;
  source: Nullable<string>;
}

export interface KeyPersonRoleData {
  slug: string;
  role: string;
  context: Nullable<string>;
  organisations: Nullable<string[]>;
  explicitlyCalledKeyFigure: Nullable<boolean>;
  source: Nullable<string>;
  note?: Nullable<string>;
}

export interface AmersfoortData {
  meta: {
    basicFunctionsOfSwitchTeam: {
      source: string;
      functions: Array<{ number: number; key: string; text: string }>;
    };
  };
  municipality: {
    slug: string;
    name: string;
    source: Nullable<string>;
    otherFigures: Nullable<NumericFact[]>;
    otherNeighbourhoodsMentioned: Nullable<Array<{ name: string; context: Nullable<string>; source: Nullable<string> }>>;
  };
  districts: DistrictData[];
  keyFigures: {
    columnDefinitions: Record<string, string>;
    tableRecords: TableRecord[];
    otherFacts: Nullable<NumericFact[]>;
  };
  organisations: OrganisationData[];
  facilities: FacilityData[];
  networks: NetworkData[];
  projects: ProjectData[];
  interventionTypes: InterventionTypeData[];
  targetGroups: TargetGroupData[];
  keyPersonRoles: KeyPersonRoleData[];
}

export function loadAmersfoortData(file: string): AmersfoortData {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AmersfoortData;
}

/**
 * A URL-safe ASCII slug: diacritics dropped, '+' spelled "plus", '&' spelled "en", anything else
 * that is not a letter or digit becomes a hyphen. Cut at a hyphen to stay within `maxLength`.
 */
export function slugify(text: string, maxLength = 100): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\+/g, ' plus ')
    .replace(/&/g, ' en ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  return lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut;
}

/** Joins the non-empty parts of a note, one per line; null when nothing is left. */
export function joinNotes(...parts: Array<string | null | undefined | false>): string | null {
  const kept = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return kept.length > 0 ? kept.join('\n') : null;
}

/** `text` prefixed with `label` when present. */
export function labelled(label: string, text: Nullable<string>): string | null {
  return text && text.trim() !== '' ? `${label}: ${text}` : null;
}

export function nfc(text: Nullable<string>): string {
  return (text ?? '').normalize('NFC');
}

/** De-duplicates while keeping the first occurrence's order. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/**
 * Runs one data-modifying statement whose rows come from a single JSON parameter ($1, read
 * with jsonb_to_recordset) and returns the rows of its RETURNING clause. The statement is
 * wrapped in a CTE so that the driver always sees a SELECT (TypeORM reshapes UPDATE results).
 */
export async function runJson<R extends Record<string, unknown>>(
  manager: EntityManager,
  statement: string,
  rows: readonly object[],
  returning: string,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const result: unknown = await manager.query(
    `WITH changed AS (${statement} RETURNING ${returning}) SELECT * FROM changed`,
    [JSON.stringify(rows)],
  );
  return result as R[];
}

export interface LinkSpec {
  table: string;
  left: { column: string; table: string; key: string };
  right: { column: string; table: string; key: string };
}

/**
 * Inserts the rows of a link table given as pairs of natural keys (slug or code); pairs whose
 * ends do not exist are dropped by the joins, existing pairs by the table's unique constraint.
 * Returns the number of rows inserted. Identifiers come from the callers' constants, never
 * from data.
 */
export async function insertLinks(
  manager: EntityManager,
  spec: LinkSpec,
  pairs: ReadonlyArray<readonly [string, string]>,
): Promise<number> {
  const rows = uniquePairs(pairs).map(([left, right]) => ({ left_key: left, right_key: right }));
  const inserted = await runJson(
    manager,
    `INSERT INTO "${spec.table}" ("${spec.left.column}", "${spec.right.column}")
     SELECT l.id, r.id
       FROM jsonb_to_recordset($1::jsonb) AS p(left_key text, right_key text)
       JOIN "${spec.left.table}" l ON l."${spec.left.key}" = p.left_key
       JOIN "${spec.right.table}" r ON r."${spec.right.key}" = p.right_key
     ON CONFLICT ("${spec.left.column}", "${spec.right.column}") DO NOTHING`,
    rows,
    'id',
  );
  return inserted.length;
}

function uniquePairs(pairs: ReadonlyArray<readonly [string, string]>): Array<readonly [string, string]> {
  const seen = new Set<string>();
  const result: Array<readonly [string, string]> = [];
  for (const pair of pairs) {
    const key = `${pair[0]}\u0000${pair[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(pair);
  }
  return result;
}

/** Counts rows inserted per table during one seed run. */
export class SeedCounter {
  readonly counts: Record<string, number> = {};

  add(table: string, inserted: number): void {
    this.counts[table] = (this.counts[table] ?? 0) + inserted;
  }

  get total(): number {
    return Object.values(this.counts).reduce((sum, n) => sum + n, 0);
  }
}

/** What the seed knows exists: the natural keys of the areas and organisations it loads. */
export interface SeedContext {
  data: AmersfoortData;
  counter: SeedCounter;
  areaSlugs: ReadonlySet<string>;
  organisationSlugs: ReadonlySet<string>;
}
