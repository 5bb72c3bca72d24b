import type { ClientBase } from 'pg';
import { nameKey, postcodeKey } from '../modules/curation';
import { areaBoundaries } from './boundaries';
import { type CopyValue, copyRows } from './copy';
import { computeFigureValues, figureYears, valueAt } from './figures';
import { planLayout } from './plans';
import { planNetwork } from './plans.networks';
import { planLocation, planOrganisation } from './plans.organisations';
import { EVENT_SLOTS, type ReferralPlan, planReferral } from './plans.referrals';
import { planService } from './plans.services';
import type { Layout } from './plans.shared';
import { GENERATED_SOURCE, type SizePreset } from './presets';
import { type Catalogue, type EntityKind, World } from './world';

/**
 * Writes a generated data set into a migrated database that holds the reference data
 * (indicators, target groups, intervention types: the Amersfoort seed or its reference part,
 * `seedReferenceData`), table by table with COPY. Rows follow from (preset, seed) alone. Returns
 * the rows written per table. Used by the benchmarks and, for SEED_DEMO_DATA=synthetic, by the
 * start (api/src/demo-data.ts).
 */
export async function generateDataset(client: ClientBase, preset: SizePreset, seed: number, log: (message: string) => void): Promise<Record<string, number>> {
  const catalogue = await loadCatalogue(client, preset.indicators);
  const world = new World(preset, seed, catalogue);
  const layout = planLayout(world);
  log(
    `planned ${world.areas.length} areas, ${world.organisationMunicipality.length} organisations, ${layout.locationOrganisation.length} locations, ` +
      `${world.serviceMunicipality.length} services, ${world.networkCount} networks, ${world.referralMunicipality.length} referrals`,
  );
  const dossierCounters = new Map<number, number>();
  const rows: Record<string, number> = {};
  for (const table of tables(world, layout, dossierCounters)) {
    const started = performance.now();
    rows[table.name] = await copyRows(client, table.name, table.columns, table.rows());
    log(`  ${table.name.padEnd(28)} ${String(rows[table.name]).padStart(10)} rows  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
  }
  // Dossier numbers continue after the generated ones (the API takes the next one per year).
  await client.query(
    `INSERT INTO dossier_counter (year, last_number) SELECT * FROM unnest($1::smallint[], $2::int[])
     ON CONFLICT (year) DO UPDATE SET last_number = GREATEST(dossier_counter.last_number, EXCLUDED.last_number)`,
    [[...dossierCounters.keys()], [...dossierCounters.values()]],
  );
  rows.dossier_counter = dossierCounters.size;
  return rows;
}

/** The core indicators of the book's tables first, then the need indicators of target groups, then the rest by code. */
const CORE_INDICATORS = [
  'population', 'pct_age_0_to_19', 'pct_age_20_to_64', 'pct_age_65_plus', 'pct_non_western_migrants', 'dwellings', 'pct_owner_occupied', 'pct_rented',
  'unemployment_pct', 'avg_disposable_income_per_household_eur', 'social_quality_rating',
];

async function loadCatalogue(client: ClientBase, indicatorCount: number): Promise<Catalogue> {
  const indicators = (await client.query<{ id: string; code: string; unit: string }>(`SELECT id, code, unit FROM indicator WHERE archived_at IS NULL ORDER BY code`)).rows;
  const needIds = new Set((await client.query<{ id: string }>(`SELECT DISTINCT need_indicator_id AS id FROM target_group WHERE need_indicator_id IS NOT NULL`)).rows.map((r) => r.id));
  const rank = (indicator: { id: string; code: string }) => {
    const core = CORE_INDICATORS.indexOf(indicator.code);
    return core >= 0 ? core : needIds.has(indicator.id) ? CORE_INDICATORS.length : CORE_INDICATORS.length + 1;
  };
  const chosen = [...indicators].sort((a, b) => rank(a) - rank(b) || (a.code < b.code ? -1 : 1)).slice(0, indicatorCount);
  if (chosen.length < indicatorCount) throw new Error(`The database has ${chosen.length} indicators; the generator needs ${indicatorCount} (load the Amersfoort seed first)`);
  const targetGroups = (await client.query<{ id: string; code: string }>(`SELECT id, code FROM target_group WHERE archived_at IS NULL ORDER BY code`)).rows;
  const interventionTypes = (await client.query<{ id: string }>(`SELECT id FROM intervention_type WHERE archived_at IS NULL ORDER BY code`)).rows;
  if (targetGroups.length === 0 || interventionTypes.length === 0) throw new Error('The database has no target groups or intervention types (load the Amersfoort seed first)');
  return { indicators: chosen, targetGroups, interventionTypes };
}

interface TableSpec {
  name: string;
  columns: string[];
  rows(): Iterable<CopyValue[]>;
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function* range(count: number): Generator<number> {
  for (let i = 0; i < count; i += 1) yield i;
}

/** Every generated table in foreign-key order. */
function tables(world: World, layout: Layout, dossierCounters: Map<number, number>): TableSpec[] {
  const organisations = world.organisationMunicipality.length;
  const locations = layout.locationOrganisation.length;
  const services = world.serviceMunicipality.length;
  const networks = world.networkCount;
  const referrals = world.referralMunicipality.length;
  const org = (n: number) => (n >= 0 ? world.id('organisation', n) : null);
  const { catalogue } = world;

  return [
    {
      name: 'area',
      columns: ['id', 'code', 'slug', 'name', 'level', 'parent_id', 'boundary', 'source'],
      *rows() {
        const boundaries = areaBoundaries(world);
        for (const [i, area] of world.areas.entries()) {
          yield [area.id, area.code, area.slug, area.name, area.level, area.parent >= 0 ? world.areas[area.parent].id : null, boundaries[i], GENERATED_SOURCE];
        }
      },
    },
    {
      name: 'key_figure',
      columns: ['id', 'area_id', 'indicator_id', 'indicator_unit', 'year', 'value', 'source'],
      *rows() {
        const figures = computeFigureValues(world);
        const years = figureYears(world.preset.years);
        for (let a = 0; a < world.areas.length; a += 1) {
          for (let i = 0; i < catalogue.indicators.length; i += 1) {
            const indicator = catalogue.indicators[i];
            for (let y = 0; y < years.length; y += 1) {
              const number = (a * catalogue.indicators.length + i) * years.length + y;
              yield [world.id('key_figure', number), world.areas[a].id, indicator.id, indicator.unit, years[y], valueAt(figures, a, i, y), 'CBS Kerncijfers wijken en buurten (synthetisch)'];
            }
          }
        }
      },
    },
    {
      name: 'organisation',
      columns: [
        'id', 'slug', 'name', 'abbreviation', 'description', 'sector', 'secondary_sector', 'scope', 'works_without_indication', 'website', 'email', 'phone', 'parent_id',
        'status', 'last_verified_at', 'archived_at', 'source',
      ],
      *rows() {
        const distinct = distinctWithin();
        for (const o of range(organisations)) {
          const p = planOrganisation(world, o);
          yield [p.id, p.slug, distinct('', p.name, ' '), p.abbreviation, p.description, p.sector, p.secondarySector, p.scope, p.worksWithoutIndication, p.website, p.email, p.phone, org(p.parent), p.status, iso(p.lastVerifiedAt), iso(p.archivedAt), GENERATED_SOURCE];
        }
      },
    },
    {
      name: 'organisation_area',
      columns: ['id', 'organisation_id', 'area_id'],
      *rows() {
        for (const o of range(organisations)) {
          const p = planOrganisation(world, o);
          for (const [k, area] of p.areas.entries()) yield [world.id('organisation_area', o * 4 + k), p.id, world.areas[area].id];
        }
      },
    },
    {
      name: 'location',
      columns: ['id', 'slug', 'name', 'kind', 'organisation_id', 'address', 'postcode', 'city', 'latitude', 'longitude', 'area_id', 'status', 'last_verified_at', 'archived_at', 'source'],
      *rows() {
        const distinctName = distinctWithin();
        const distinctAddress = distinctWithin();
        for (const l of range(locations)) {
          const p = planLocation(world, layout, l);
          const address = distinctAddress(`${p.organisation}\0${postcodeKey(p.postcode)}`, p.address, '-');
          yield [p.id, p.slug, distinctName(String(p.organisation), p.name, ' '), p.kind, org(p.organisation), address, p.postcode, p.city, p.latitude, p.longitude, world.areas[p.area].id, p.status, iso(p.lastVerifiedAt), iso(p.archivedAt), GENERATED_SOURCE];
        }
      },
    },
    {
      name: 'service',
      columns: [
        'id', 'slug', 'organisation_id', 'name', 'description', 'eligibility', 'min_age', 'max_age', 'requires_indication', 'works_without_indication', 'cost', 'languages',
        'status', 'valid_from', 'valid_to', 'last_verified_at', 'archived_at', 'source',
      ],
      *rows() {
        const distinct = distinctWithin();
        for (const s of range(services)) {
          const p = planService(world, layout, s);
          yield [
            p.id, p.slug, org(p.organisation), distinct(String(p.organisation), p.name, ' '), p.description, p.eligibility, p.minAge, p.maxAge, p.requiresIndication, p.worksWithoutIndication, p.cost, p.languages,
            p.status, p.validFrom, p.validTo, iso(p.lastVerifiedAt), iso(p.archivedAt), GENERATED_SOURCE,
          ];
        }
      },
    },
    serviceLinks(world, layout, 'service_target_group', 'target_group_id', (p) => p.targetGroups.map((t) => catalogue.targetGroups[t].id)),
    serviceLinks(world, layout, 'service_intervention_type', 'intervention_type_id', (p) => p.interventionTypes.map((t) => catalogue.interventionTypes[t].id)),
    serviceLinks(world, layout, 'service_area', 'area_id', (p) => p.areas.map((a) => world.areas[a].id)),
    serviceLinks(world, layout, 'service_location', 'location_id', (p) => p.locations.map((l) => world.id('location', l))),
    serviceLinks(world, layout, 'service_partner', 'organisation_id', (p) => p.partners.map((o) => world.id('organisation', o))),
    {
      name: 'network',
      columns: ['id', 'slug', 'name', 'kind', 'switch_model', 'purpose', 'meeting_interval_weeks', 'coordinator_organisation_id', 'knowledge_areas', 'source'],
      *rows() {
        for (const n of range(networks)) {
          const p = planNetwork(world, n);
          yield [p.id, p.slug, p.name, p.kind, p.switchModel, p.purpose, p.meetingIntervalWeeks, org(p.coordinator), p.knowledgeAreas, GENERATED_SOURCE];
        }
      },
    },
    {
      name: 'network_area',
      columns: ['id', 'network_id', 'area_id'],
      *rows() {
        for (const n of range(networks)) yield [world.id('network_area', n), world.id('network', n), world.areas[planNetwork(world, n).area].id];
      },
    },
    {
      name: 'network_target_group',
      columns: ['id', 'network_id', 'target_group_id'],
      *rows() {
        for (const n of range(networks)) {
          for (const [k, t] of planNetwork(world, n).targetGroups.entries()) yield [world.id('network_target_group', n * 16 + k), world.id('network', n), catalogue.targetGroups[t].id];
        }
      },
    },
    {
      name: 'network_member',
      columns: ['id', 'network_id', 'organisation_id', 'organisation_name', 'role', 'tier', 'contribution', 'fte', 'hours_per_week', 'joined_on', 'left_on', 'knowledge_areas', 'source'],
      *rows() {
        for (const n of range(networks)) {
          for (const [k, m] of planNetwork(world, n).members.entries()) {
            yield [world.id('network_member', n * 32 + k), world.id('network', n), org(m.organisation), m.organisationName, m.role, m.tier, m.contribution, m.fte, m.hoursPerWeek, m.joinedOn, m.leftOn, m.knowledgeAreas, GENERATED_SOURCE];
          }
        }
      },
    },
    {
      name: 'referral',
      columns: [
        'id', 'created_at', 'updated_at', 'version', 'dossier_number', 'area_id', 'referring_organisation_id', 'receiving_organisation_id', 'network_id', 'service_id', 'life_domains',
        'summary', 'holder_organisation_id', 'status', 'problem_owner_organisation_id', 'outcome', 'decline_reason', 'opened_at', 'closed_at',
      ],
      *rows() {
        for (const r of range(referrals)) {
          const p = planReferral(world, layout, r);
          const year = p.openedAt.getUTCFullYear();
          const number = (dossierCounters.get(year) ?? 0) + 1;
          dossierCounters.set(year, number);
          yield [
            p.id, iso(p.openedAt), iso(p.updatedAt), p.events.length, `${year}-${String(number).padStart(5, '0')}`, world.areas[p.area].id, org(p.referrer), org(p.receiver),
            p.network >= 0 ? world.id('network', p.network) : null, p.service >= 0 ? world.id('service', p.service) : null, p.lifeDomains, p.summary,
            p.status === 'SIGNALLED' || p.status === 'DECLINED' ? null : org(p.receiver), p.status, org(p.problemOwner), p.outcome, p.declineReason, iso(p.openedAt), iso(p.closedAt),
          ];
        }
      },
    },
    {
      // The person's consent, recorded with the referral by its referrer (referral_consent; ids by the column default).
      name: 'referral_consent',
      columns: ['referral_id', 'scope', 'given_at', 'recorded_for_organisation_id'],
      *rows() {
        for (const r of range(referrals)) {
          const p = planReferral(world, layout, r);
          if (p.consentGiven) yield [p.id, p.consentScope, iso(p.openedAt), org(p.referrer)];
        }
      },
    },
    referralLinks(world, layout, 'referral_target_group', 'target_group_id', (p) => p.targetGroups.map((t) => catalogue.targetGroups[t].id)),
    referralLinks(world, layout, 'referral_intervention_type', 'intervention_type_id', (p) => p.interventionTypes.map((t) => catalogue.interventionTypes[t].id)),
    {
      name: 'referral_event',
      columns: ['id', 'referral_id', 'sequence', 'type', 'from_status', 'to_status', 'organisation_id', 'note', 'data', 'occurred_at'],
      *rows() {
        for (const r of range(referrals)) {
          const p = planReferral(world, layout, r);
          for (const event of p.events) {
            yield [world.id('referral_event', r * EVENT_SLOTS + event.sequence), p.id, event.sequence, event.type, event.from, event.to, org(event.organisation), event.note, JSON.stringify(eventData(world, r, p, event)), iso(event.at)];
          }
        }
      },
    },
    {
      name: 'referral_action',
      columns: ['id', 'created_at', 'updated_at', 'referral_id', 'description', 'assigned_organisation_id', 'due_on', 'completed_at', 'result'],
      *rows() {
        for (const r of range(referrals)) {
          const p = planReferral(world, layout, r);
          for (const a of p.actions) {
            yield [actionId(world, r, a.key), iso(a.createdAt), iso(a.completedAt ?? a.createdAt), p.id, a.description, org(a.assigned), a.dueOn, iso(a.completedAt), a.result];
          }
        }
      },
    },
  ];
}

function actionId(world: World, referral: number, key: number): string {
  return world.id('referral_action', referral * 8 + key);
}

/** The `data` of an event, as the API writes it. */
function eventData(world: World, referral: number, plan: ReferralPlan, event: ReferralPlan['events'][number]): Record<string, unknown> {
  switch (event.type) {
    case 'CREATED':
      return plan.consentGiven ? { consentGiven: true, consentScope: plan.consentScope } : {};
    case 'CLOSED':
      return { problemOwnerOrganisationId: world.id('organisation', plan.problemOwner) };
    case 'ACTION_ADDED': {
      const action = plan.actions[event.actionKey!];
      return { actionId: actionId(world, referral, action.key), assignedOrganisationId: world.id('organisation', action.assigned), dueOn: action.dueOn };
    }
    case 'ACTION_COMPLETED':
      return { actionId: actionId(world, referral, event.actionKey!) };
    default:
      return {};
  }
}

/**
 * Exact duplicates are refused (curation's `nameKey`; the partial unique indexes of migration
 * 1766400000000): a name — or an address — repeated within its scope (the organisation, or none
 * for organisations) gets the next free number, "Buurthuis Vathorst 2", "Kerkstraat 12-2".
 * Fresh per pass over a table, so each pass writes the same rows.
 */
function distinctWithin(): (scope: string, value: string, joiner: string) => string {
  const taken = new Set<string>();
  return (scope, value, joiner) => {
    let candidate = value;
    for (let n = 2; taken.has(`${scope}\0${nameKey(candidate)}`); n += 1) candidate = `${value}${joiner}${n}`;
    taken.add(`${scope}\0${nameKey(candidate)}`);
    return candidate;
  };
}

type ServicePlanOf = ReturnType<typeof planService>;

type ServiceLink = Extract<EntityKind, 'service_target_group' | 'service_intervention_type' | 'service_area' | 'service_location' | 'service_partner'>;
type ReferralLink = Extract<EntityKind, 'referral_target_group' | 'referral_intervention_type'>;

function serviceLinks(world: World, layout: Layout, name: ServiceLink, column: string, targets: (plan: ServicePlanOf) => string[]): TableSpec {
  return {
    name,
    columns: ['id', 'service_id', column],
    *rows() {
      for (const s of range(world.serviceMunicipality.length)) {
        const plan = planService(world, layout, s);
        for (const [k, target] of targets(plan).entries()) yield [world.id(name, s * 8 + k), plan.id, target];
      }
    },
  };
}

function referralLinks(world: World, layout: Layout, name: ReferralLink, column: string, targets: (plan: ReferralPlan) => string[]): TableSpec {
  return {
    name,
    columns: ['id', 'referral_id', column],
    *rows() {
      for (const r of range(world.referralMunicipality.length)) {
        const plan = planReferral(world, layout, r);
        for (const [k, target] of targets(plan).entries()) yield [world.id(name, r * 4 + k), plan.id, target];
      }
    },
  };
}

/** Every table the generator writes (bulk loading drops and rebuilds their secondary indexes). */
export const GENERATED_TABLES = [
  'area', 'key_figure', 'organisation', 'organisation_area', 'location', 'service', 'service_target_group', 'service_intervention_type', 'service_area', 'service_location',
  'service_partner', 'network', 'network_area', 'network_target_group', 'network_member', 'referral', 'referral_target_group', 'referral_intervention_type', 'referral_event',
  'referral_action', 'dossier_counter',
];
