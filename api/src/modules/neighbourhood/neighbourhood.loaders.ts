import DataLoader from 'dataloader';
import { type EntityManager, IsNull } from 'typeorm';
import { BasicFunction } from '../intervention-type/basic-function.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { type AreaFigures, DERIVATIONS, type FigureRow } from './neighbourhood.rules.figures';

/** How a record reaches an area: recorded for the area itself, for an area below it, or for one above it. */
export enum ServingRelation {
  THIS_AREA = 'THIS_AREA',
  AREA_BELOW = 'AREA_BELOW',
  AREA_ABOVE = 'AREA_ABOVE',
}

const RELATIONS = [ServingRelation.THIS_AREA, ServingRelation.AREA_BELOW, ServingRelation.AREA_ABOVE];

export interface ServingRow {
  id: string;
  /** The closest relation: this area before an area below it before an area above it. */
  relation: ServingRelation;
  organisationId: string | null;
  /** Sector of the organisation (providing or operating); null when none is recorded. */
  sector: string | null;
  lastVerifiedAt: Date | null;
}

export interface ServingServiceRow extends ServingRow {
  targetGroupIds: string[];
  /** Basic functions of the service's current intervention types (primary and secondary). */
  basicFunctionIds: string[];
}

export interface NeighbourhoodLoaders {
  /** Active services (status ACTIVE, valid today, not archived) serving the key area: through it, an area above or an area below it. */
  servicesServingArea: DataLoader<string, ServingServiceRow[]>;
  /** Active organisations active in, located in, or providing or partnering a service for the key area (same relations). */
  organisationsServingArea: DataLoader<string, ServingRow[]>;
  /** Active locations recorded for the key area, an area below or an area above it. */
  locationsServingArea: DataLoader<string, ServingRow[]>;
  /** Active networks covering the key area (same relations). */
  networksCoveringArea: DataLoader<string, Array<{ id: string; relation: ServingRelation }>>;
  /** The key area's key figures and its current child areas' figures of derivable indicators (see DERIVATIONS). */
  figuresOfAreaAndChildren: DataLoader<string, AreaFigures>;
  /** Current target groups by Dutch name (key: 'all'). */
  currentTargetGroups: DataLoader<'all', TargetGroup[]>;
  /** The basic functions by number (key: 'all'). */
  basicFunctionsInOrder: DataLoader<'all', BasicFunction[]>;
}

/**
 * Per key area, every area whose records reach it, with the relation: 0 the area itself, 1 an
 * area below it (any depth), 2 an area above it (any depth). $1: the key area ids.
 */
const SERVING_AREAS = `
  keys AS (SELECT DISTINCT unnest($1::uuid[]) AS key),
  up(key, id) AS (
    SELECT k.key, a.parent_id FROM keys k JOIN area a ON a.id = k.key WHERE a.parent_id IS NOT NULL
    UNION
    SELECT up.key, a.parent_id FROM up JOIN area a ON a.id = up.id WHERE a.parent_id IS NOT NULL
  ),
  down(key, id) AS (
    SELECT k.key, a.id FROM keys k JOIN area a ON a.parent_id = k.key
    UNION
    SELECT down.key, a.id FROM down JOIN area a ON a.parent_id = down.id
  ),
  serving(key, area_id, relation) AS (
    SELECT key, key, 0 FROM keys
    UNION ALL SELECT key, id, 1 FROM down
    UNION ALL SELECT key, id, 2 FROM up
  )`;

/**
 * The areas of SERVING_AREAS as one array, for `= ANY(…)`. The planner cannot estimate how many
 * rows the recursive CTE gives (it guesses hundreds), and joined to it directly chose hash joins
 * over whole tables (all 200,000 services of the national data set) where a handful of index
 * lookups do; an array from a subquery makes it look the areas up by index.
 */
const SERVING_AREA_IDS = `ARRAY(SELECT DISTINCT area_id FROM serving)`;

/** Services that are active on the Dutch calendar day. */
const ACTIVE_SERVICE = `s.archived_at IS NULL AND s.status = 'ACTIVE'
  AND (s.valid_from IS NULL OR s.valid_from <= (now() AT TIME ZONE 'Europe/Amsterdam')::date)
  AND (s.valid_to IS NULL OR s.valid_to >= (now() AT TIME ZONE 'Europe/Amsterdam')::date)`;

interface RawServing {
  key: string;
  id: string;
  relation: number;
  organisation_id: string | null;
  sector: string | null;
  last_verified_at: Date | null;
}

function toServing(row: RawServing): ServingRow {
  return { id: row.id, relation: RELATIONS[row.relation], organisationId: row.organisation_id, sector: row.sector, lastVerifiedAt: row.last_verified_at };
}

function grouped<R extends { key: string }, T>(keys: readonly string[], rows: R[], map: (row: R) => T): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.key) ?? [];
    list.push(map(row));
    groups.set(row.key, list);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** One statement per batch each, whatever the number of areas, services or organisations. */
export function createNeighbourhoodLoaders(manager: EntityManager): NeighbourhoodLoaders {
  return {
    servicesServingArea: new DataLoader(async (keys) => {
      // One row per service, with the serving areas it is recorded for, and one row per (key area, serving
      // area): a service for a whole municipality reaches every neighbourhood of a comparison, and one row
      // per (key, service) sent it, its target groups and its basic functions once per area compared (18,265
      // rows for ten neighbourhoods of a city, of 2,211 services). The areas are matched to the keys below.
      const rows: Array<{
        key: string | null;
        id: string;
        relation: number | null;
        organisation_id: string | null;
        sector: string | null;
        last_verified_at: Date | null;
        target_group_ids: string[] | null;
        basic_function_ids: string[] | null;
        area_ids: string[] | null;
      }> = await manager.query(
        `WITH RECURSIVE ${SERVING_AREAS},
         linked AS (
           SELECT sa.service_id, array_agg(sa.area_id) AS area_ids FROM service_area sa
            WHERE sa.area_id = ANY (${SERVING_AREA_IDS})
            GROUP BY sa.service_id
         ),
         active AS (
           SELECT s.id, s.name, s.organisation_id, s.last_verified_at FROM service s
            WHERE s.id = ANY (ARRAY(SELECT service_id FROM linked)) AND ${ACTIVE_SERVICE}
         ),
         groups AS (
           SELECT stg.service_id, array_agg(stg.target_group_id ORDER BY stg.target_group_id) AS ids
             FROM service_target_group stg
            WHERE stg.service_id = ANY (ARRAY(SELECT id FROM active))
            GROUP BY stg.service_id
         ),
         functions AS (
           SELECT sit.service_id, array_agg(DISTINCT bf.id ORDER BY bf.id) AS ids
             FROM service_intervention_type sit
             JOIN intervention_type it ON it.id = sit.intervention_type_id AND it.archived_at IS NULL
             CROSS JOIN LATERAL unnest(ARRAY[it.basic_function_id, it.secondary_basic_function_id]) AS bf(id)
            WHERE sit.service_id = ANY (ARRAY(SELECT id FROM active)) AND bf.id IS NOT NULL
            GROUP BY sit.service_id
         )
         SELECT * FROM (
           SELECT NULL::uuid AS key, a.id, NULL::int AS relation, a.organisation_id, o.sector, a.last_verified_at,
                  COALESCE(g.ids, '{}') AS target_group_ids, COALESCE(f.ids, '{}') AS basic_function_ids, k.area_ids, a.name
             FROM active a
             JOIN linked k ON k.service_id = a.id
             LEFT JOIN organisation o ON o.id = a.organisation_id
             LEFT JOIN groups g ON g.service_id = a.id
             LEFT JOIN functions f ON f.service_id = a.id
           UNION ALL
           SELECT sv.key, sv.area_id, sv.relation, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM serving sv
         ) r
         ORDER BY r.key NULLS FIRST, r.name, r.id`,
        [[...keys]],
      );
      // Per key: the relation of each serving area (an area is the key, below it or above it, never two of these).
      const relations = new Map<string, Map<string, number>>(keys.map((key) => [key, new Map()]));
      for (const row of rows) if (row.key !== null) relations.get(row.key)?.set(row.id, row.relation!);
      const services = rows.filter((row) => row.key === null);
      return keys.map((key) => {
        const relationOf = relations.get(key)!;
        const list: ServingServiceRow[] = [];
        for (const service of services) {
          let closest: number | undefined;
          for (const areaId of service.area_ids!) {
            const relation = relationOf.get(areaId);
            if (relation !== undefined && (closest === undefined || relation < closest)) closest = relation;
          }
          if (closest === undefined) continue;
          list.push({
            id: service.id,
            relation: RELATIONS[closest],
            organisationId: service.organisation_id,
            sector: service.sector,
            lastVerifiedAt: service.last_verified_at,
            targetGroupIds: service.target_group_ids!,
            basicFunctionIds: service.basic_function_ids!,
          });
        }
        return list;
      });
    }),

    organisationsServingArea: new DataLoader(async (keys) => {
      const rows: RawServing[] = await manager.query(
        `WITH RECURSIVE ${SERVING_AREAS},
         links AS (
           SELECT sv.key, sa.service_id, sv.relation FROM serving sv JOIN service_area sa ON sa.area_id = sv.area_id
            WHERE sa.area_id = ANY (${SERVING_AREA_IDS})
         ),
         active AS (
           SELECT s.id, s.organisation_id FROM service s WHERE s.id = ANY (ARRAY(SELECT DISTINCT service_id FROM links)) AND ${ACTIVE_SERVICE}
         ),
         reached(key, organisation_id, relation) AS (
           SELECT sv.key, oa.organisation_id, sv.relation FROM serving sv JOIN organisation_area oa ON oa.area_id = sv.area_id
            WHERE oa.area_id = ANY (${SERVING_AREA_IDS})
           UNION ALL
           SELECT sv.key, l.organisation_id, sv.relation FROM serving sv JOIN location l ON l.area_id = sv.area_id
            WHERE l.area_id = ANY (${SERVING_AREA_IDS}) AND l.organisation_id IS NOT NULL AND l.archived_at IS NULL AND l.status = 'ACTIVE'
           UNION ALL
           SELECT k.key, a.organisation_id, k.relation FROM links k JOIN active a ON a.id = k.service_id
            WHERE a.organisation_id IS NOT NULL
           UNION ALL
           SELECT k.key, sp.organisation_id, k.relation FROM links k JOIN service_partner sp ON sp.service_id = k.service_id
            WHERE sp.service_id = ANY (ARRAY(SELECT id FROM active))
         )
         SELECT r.key, o.id, min(r.relation) AS relation, o.id AS organisation_id, o.sector, o.last_verified_at
           FROM reached r JOIN organisation o ON o.id = r.organisation_id
          WHERE o.id = ANY (ARRAY(SELECT DISTINCT organisation_id FROM reached)) AND o.archived_at IS NULL AND o.status = 'ACTIVE'
          GROUP BY r.key, o.id
          ORDER BY r.key, o.name, o.id`,
        [[...keys]],
      );
      return grouped(keys, rows, toServing);
    }),

    locationsServingArea: new DataLoader(async (keys) => {
      const rows: RawServing[] = await manager.query(
        `WITH RECURSIVE ${SERVING_AREAS}
         SELECT sv.key, l.id, min(sv.relation) AS relation, l.organisation_id, o.sector, l.last_verified_at
           FROM serving sv JOIN location l ON l.area_id = sv.area_id
           LEFT JOIN organisation o ON o.id = l.organisation_id
          WHERE l.area_id = ANY (${SERVING_AREA_IDS}) AND l.archived_at IS NULL AND l.status = 'ACTIVE'
          GROUP BY sv.key, l.id, o.sector
          ORDER BY sv.key, l.name, l.id`,
        [[...keys]],
      );
      return grouped(keys, rows, toServing);
    }),

    networksCoveringArea: new DataLoader(async (keys) => {
      const rows: Array<{ key: string; id: string; relation: number }> = await manager.query(
        `WITH RECURSIVE ${SERVING_AREAS}
         SELECT sv.key, n.id, min(sv.relation) AS relation
           FROM serving sv JOIN network_area na ON na.area_id = sv.area_id JOIN network n ON n.id = na.network_id
          WHERE n.archived_at IS NULL AND n.status = 'ACTIVE'
          GROUP BY sv.key, n.id, n.kind, n.name
          ORDER BY sv.key, n.kind = 'SWITCH_TEAM' DESC, n.name, n.id`,
        [[...keys]],
      );
      return grouped(keys, rows, (row) => ({ id: row.id, relation: RELATIONS[row.relation] }));
    }),

    figuresOfAreaAndChildren: new DataLoader(async (keys) => {
      // One row per (key, area) even without figures, so every current child area is known.
      const rows: Array<{ key: string; own: boolean; area_id: string; indicator_id: string | null; code: string | null; unit: string | null; year: number | null; value: string | null; source: string | null; note: string | null }> =
        await manager.query(
          `WITH keys AS (SELECT DISTINCT unnest($1::uuid[]) AS key),
           scope(key, area_id, own) AS (
             SELECT key, key, true FROM keys
             UNION ALL
             SELECT k.key, c.id, false FROM keys k JOIN area c ON c.parent_id = k.key AND c.archived_at IS NULL
           )
           SELECT s.key, s.own, s.area_id, kf.indicator_id, i.code, i.unit, kf.year, kf.value, kf.source, kf.note
             FROM scope s
             LEFT JOIN (key_figure kf JOIN indicator i ON i.id = kf.indicator_id AND i.archived_at IS NULL)
                    ON kf.area_id = s.area_id AND (s.own OR i.code = ANY($2::text[]))
            ORDER BY s.key, s.own DESC, s.area_id, i.code, kf.year DESC NULLS LAST, kf.source`,
          [[...keys], Object.keys(DERIVATIONS)],
        );
      const result = new Map<string, AreaFigures>(keys.map((key) => [key, { areaId: key, childIds: [], rows: [] }]));
      for (const row of rows) {
        const figures = result.get(row.key);
        if (!figures) continue;
        if (!row.own && !figures.childIds.includes(row.area_id)) figures.childIds.push(row.area_id);
        if (row.indicator_id === null) continue;
        const figure: FigureRow = {
          areaId: row.area_id,
          indicatorId: row.indicator_id,
          code: row.code!,
          unit: row.unit!,
          year: row.year,
          value: Number(row.value),
          source: row.source!,
          note: row.note,
        };
        figures.rows.push(figure);
      }
      return keys.map((key) => result.get(key)!);
    }),

    currentTargetGroups: new DataLoader(async (keys) => {
      const groups = await manager.getRepository(TargetGroup).find({ where: { archivedAt: IsNull() }, order: { nameNl: 'ASC', id: 'ASC' } });
      return keys.map(() => groups);
    }),

    basicFunctionsInOrder: new DataLoader(async (keys) => {
      const functions = await manager.getRepository(BasicFunction).find({ order: { number: 'ASC' } });
      return keys.map(() => functions);
    }),
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends NeighbourhoodLoaders {}
}
