import { searchMatchSql } from '../modules/search';

/**
 * The lower bound of each read operation: hand-written SQL that returns the same JSON as the
 * GraphQL response's `data`, built in PostgreSQL (json_build_object / json_agg) in one round
 * trip. It applies the same rules as the API (archived records left out, the same orderings,
 * "serves this area" through the area itself, its ancestors and its descendants, keyset cursors)
 * for the fields the benchmark asks for — not more. Not covered: key figures an area derives
 * from its child areas (every generated area has its own), gaps and team norms (not asked).
 * The benchmark checks on a few requests that both answers are equal. Tables are reached
 * through `= ANY(ARRAY(…))` over the areas found: the planner cannot estimate the recursive area
 * CTEs and otherwise hashes whole tables (see neighbourhood.loaders.ts SERVING_AREA_IDS). The
 * other way round, a list of services found that way is joined to its target groups directly
 * (index lookups): pre-filtered the same way, the planner took thousands of services for six
 * and compared every pair (COMPARE_SQL took 3 s on the city data set before).
 */


/** The order the book's tables print indicators (neighbourhood.service.ts TABLE_ORDER); others follow by code. */
export const TABLE_ORDER = [
  'population', 'pct_age_0_to_19', 'pct_age_20_to_64', 'pct_age_65_plus', 'pct_non_western_migrants', 'dwellings', 'pct_owner_occupied', 'pct_rented', 'unemployment_pct',
  'avg_disposable_income_per_household_eur', 'social_quality_rating',
];

/** The sectors in the order of the Sector enum (neighbourhood view groups). */
export const SECTOR_ORDER = [
  'WELFARE', 'MENTAL_HEALTH_CARE', 'DISABILITY_CARE', 'ELDERLY_CARE', 'HOME_CARE', 'PRIMARY_CARE', 'VOLUNTEER', 'HOUSING', 'POLICE_SAFETY', 'EDUCATION', 'MUNICIPALITY',
  'CHURCH_MOSQUE', 'WORK_INCOME', 'KNOWLEDGE_INSTITUTE', 'OTHER',
];

/** Services active on the Dutch calendar day (neighbourhood.loaders.ts ACTIVE_SERVICE). */
const ACTIVE_SERVICE = `s.archived_at IS NULL AND s.status = 'ACTIVE'
  AND (s.valid_from IS NULL OR s.valid_from <= (now() AT TIME ZONE 'Europe/Amsterdam')::date)
  AND (s.valid_to IS NULL OR s.valid_to >= (now() AT TIME ZONE 'Europe/Amsterdam')::date)`;

/** The keyset cursor of a row sorted by name (common/connection.ts: base64url of ["name","id"]). */
const nameCursor = (alias: string) =>
  `rtrim(translate(encode(convert_to('[' || to_json(${alias}.name)::text || ',' || to_json(${alias}.id::text)::text || ']', 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;

const RELATION = `(ARRAY['THIS_AREA', 'AREA_BELOW', 'AREA_ABOVE'])`;

/** $1: organisation id. */
export const ORGANISATION_SQL = `
SELECT json_build_object('organisation', (
  SELECT json_build_object(
    'id', o.id, 'name', o.name, 'abbreviation', o.abbreviation, 'sector', o.sector, 'status', o.status,
    'website', o.website, 'email', o.email, 'phone', o.phone,
    'areas', COALESCE((
      SELECT json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'level', a.level) ORDER BY oa.created_at, oa.id)
        FROM organisation_area oa JOIN area a ON a.id = oa.area_id
       WHERE oa.organisation_id = o.id AND a.archived_at IS NULL), '[]'::json),
    'locations', COALESCE((
      SELECT json_agg(json_build_object('id', l.id, 'name', l.name, 'kind', l.kind, 'address', l.address, 'postcode', l.postcode, 'city', l.city,
                                        'latitude', l.latitude, 'longitude', l.longitude) ORDER BY l.name, l.id)
        FROM location l WHERE l.organisation_id = o.id AND l.archived_at IS NULL), '[]'::json),
    'services', COALESCE((
      SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'status', s.status,
               'targetGroups', COALESCE((
                 SELECT json_agg(json_build_object('code', tg.code, 'nameNl', tg.name_nl) ORDER BY stg.created_at, stg.id)
                   FROM service_target_group stg JOIN target_group tg ON tg.id = stg.target_group_id
                  WHERE stg.service_id = s.id AND tg.archived_at IS NULL), '[]'::json)) ORDER BY s.name, s.id)
        FROM service s WHERE s.organisation_id = o.id AND s.archived_at IS NULL), '[]'::json))
  FROM organisation o WHERE o.id = $1::uuid))::text AS data`;

/** $1: area code, $2: target group code. A page of 50 by name, with providers and locations. */
export const SERVICES_PAGE_SQL = `
WITH RECURSIVE target AS (SELECT id FROM area WHERE code = $1),
up(id) AS (
  SELECT a.parent_id FROM area a JOIN target t ON a.id = t.id WHERE a.parent_id IS NOT NULL
  UNION SELECT a.parent_id FROM area a JOIN up u ON a.id = u.id WHERE a.parent_id IS NOT NULL),
down(id) AS (
  SELECT a.id FROM area a JOIN target t ON a.parent_id = t.id
  UNION ALL SELECT a.id FROM area a JOIN down d ON a.parent_id = d.id),
serving AS (SELECT id FROM target UNION SELECT id FROM up UNION SELECT id FROM down),
candidates AS MATERIALIZED (SELECT DISTINCT sa.service_id AS id FROM service_area sa WHERE sa.area_id = ANY (ARRAY(SELECT id FROM serving))),
matching AS (
  SELECT s.id, s.name, s.status, s.organisation_id FROM candidates c JOIN service s ON s.id = c.id
   WHERE s.archived_at IS NULL
     AND EXISTS (SELECT 1 FROM service_target_group stg WHERE stg.service_id = s.id AND stg.target_group_id = (SELECT id FROM target_group WHERE code = $2))
   ORDER BY s.name, s.id LIMIT 51),
page AS (SELECT * FROM matching ORDER BY name, id LIMIT 50)
SELECT json_build_object('services', json_build_object(
  'edges', COALESCE((
    SELECT json_agg(json_build_object('node', json_build_object(
             'id', p.id, 'name', p.name, 'status', p.status,
             'organisation', (SELECT json_build_object('id', o.id, 'name', o.name) FROM organisation o WHERE o.id = p.organisation_id),
             'locations', COALESCE((
               SELECT json_agg(json_build_object('id', l.id, 'name', l.name, 'latitude', l.latitude, 'longitude', l.longitude) ORDER BY sl.created_at, sl.id)
                 FROM service_location sl JOIN location l ON l.id = sl.location_id
                WHERE sl.service_id = p.id AND l.archived_at IS NULL), '[]'::json))) ORDER BY p.name, p.id)
      FROM page p), '[]'::json),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) FROM matching) > 50,
    'endCursor', (SELECT ${nameCursor('p')} FROM page p ORDER BY p.name DESC, p.id DESC LIMIT 1))))::text AS data`;

/**
 * $1: the tsquery the API searches with for the user's text (modules/search expandSearch: synonyms,
 * compound prefixes; samples.ts expands each sample once). The first 20 services by name whose
 * search vector matches.
 */
export const SEARCH_SQL = `
WITH matching AS (
  SELECT s.id, s.name, s.organisation_id FROM service s
   WHERE s.archived_at IS NULL AND ${searchMatchSql('service', 's', '$1')}
   ORDER BY s.name, s.id LIMIT 21),
page AS (SELECT * FROM matching ORDER BY name, id LIMIT 20)
SELECT json_build_object('services', json_build_object(
  'edges', COALESCE((
    SELECT json_agg(json_build_object('node', json_build_object(
             'id', p.id, 'name', p.name,
             'organisation', (SELECT json_build_object('id', o.id, 'name', o.name) FROM organisation o WHERE o.id = p.organisation_id))) ORDER BY p.name, p.id)
      FROM page p), '[]'::json),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) FROM matching) > 20,
    'endCursor', (SELECT ${nameCursor('p')} FROM page p ORDER BY p.name DESC, p.id DESC LIMIT 1))))::text AS data`;

/**
 * $1: area code, $2: thin below (COVERAGE_THIN_BELOW), $3: freshness months (STALE_AFTER_MONTHS),
 * $4: TABLE_ORDER, $5: SECTOR_ORDER.
 */
export const NEIGHBOURHOOD_VIEW_SQL = `
WITH RECURSIVE target AS (SELECT id, code, name FROM area WHERE code = $1),
up(id, depth) AS (
  SELECT a.parent_id, 1 FROM area a JOIN target t ON a.id = t.id WHERE a.parent_id IS NOT NULL
  UNION ALL SELECT a.parent_id, u.depth + 1 FROM area a JOIN up u ON a.id = u.id WHERE a.parent_id IS NOT NULL),
down(id) AS (
  SELECT a.id FROM area a JOIN target t ON a.parent_id = t.id
  UNION ALL SELECT a.id FROM area a JOIN down d ON a.parent_id = d.id),
serving(area_id, relation) AS (SELECT id, 0 FROM target UNION ALL SELECT id, 1 FROM down UNION ALL SELECT id, 2 FROM up),
parent AS (SELECT a.id, a.name FROM area a JOIN up u ON u.id = a.id WHERE u.depth = 1),
municipality AS (
  SELECT a.id, a.name FROM (SELECT id, 0 AS depth FROM target UNION ALL SELECT id, depth FROM up) c JOIN area a ON a.id = c.id
   WHERE a.level = 'MUNICIPALITY' ORDER BY c.depth LIMIT 1),
own AS (
  SELECT DISTINCT ON (kf.area_id, kf.indicator_id, kf.year) kf.area_id, kf.indicator_id, i.code, kf.year, kf.value
    FROM key_figure kf JOIN indicator i ON i.id = kf.indicator_id AND i.archived_at IS NULL
   WHERE kf.area_id = ANY (ARRAY(SELECT id FROM target UNION SELECT id FROM parent UNION SELECT id FROM municipality))
   ORDER BY kf.area_id, kf.indicator_id, kf.year, kf.source),
latest AS (SELECT o.indicator_id, o.code, max(o.year) AS year FROM own o WHERE o.area_id = (SELECT id FROM target) GROUP BY o.indicator_id, o.code),
links AS (
  SELECT sa.service_id, min(sv.relation) AS relation FROM serving sv JOIN service_area sa ON sa.area_id = sv.area_id
   WHERE sa.area_id = ANY (ARRAY(SELECT area_id FROM serving))
   GROUP BY sa.service_id),
active AS (
  SELECT s.id, s.name, s.organisation_id, s.last_verified_at FROM service s
   WHERE s.id = ANY (ARRAY(SELECT service_id FROM links)) AND ${ACTIVE_SERVICE}),
organisation_rows AS (
  SELECT o.id, o.name, o.sector, o.last_verified_at, min(r.relation) AS relation
    FROM (
      SELECT oa.organisation_id, sv.relation FROM serving sv JOIN organisation_area oa ON oa.area_id = sv.area_id
       WHERE oa.area_id = ANY (ARRAY(SELECT area_id FROM serving))
      UNION ALL
      SELECT l.organisation_id, sv.relation FROM serving sv JOIN location l ON l.area_id = sv.area_id
       WHERE l.area_id = ANY (ARRAY(SELECT area_id FROM serving)) AND l.organisation_id IS NOT NULL AND l.archived_at IS NULL AND l.status = 'ACTIVE'
      UNION ALL
      SELECT a.organisation_id, k.relation FROM links k JOIN active a ON a.id = k.service_id WHERE a.organisation_id IS NOT NULL
      UNION ALL
      SELECT sp.organisation_id, k.relation FROM links k JOIN service_partner sp ON sp.service_id = k.service_id
       WHERE sp.service_id = ANY (ARRAY(SELECT id FROM active))) r
    JOIN organisation o ON o.id = r.organisation_id
   WHERE o.archived_at IS NULL AND o.status = 'ACTIVE'
   GROUP BY o.id),
service_rows AS (
  SELECT s.id, s.name, po.sector, s.last_verified_at, k.relation,
         ARRAY(SELECT stg.target_group_id FROM service_target_group stg WHERE stg.service_id = s.id) AS target_groups,
         ARRAY(SELECT DISTINCT bf.id FROM service_intervention_type sit
                 JOIN intervention_type it ON it.id = sit.intervention_type_id AND it.archived_at IS NULL
                 CROSS JOIN LATERAL unnest(ARRAY[it.basic_function_id, it.secondary_basic_function_id]) AS bf(id)
                WHERE sit.service_id = s.id AND bf.id IS NOT NULL) AS basic_functions
    FROM active s JOIN links k ON k.service_id = s.id
    LEFT JOIN organisation po ON po.id = s.organisation_id),
location_rows AS (
  SELECT l.id, l.name, lo.sector, l.last_verified_at, min(sv.relation) AS relation
    FROM serving sv JOIN location l ON l.area_id = sv.area_id LEFT JOIN organisation lo ON lo.id = l.organisation_id
   WHERE l.area_id = ANY (ARRAY(SELECT area_id FROM serving)) AND l.archived_at IS NULL AND l.status = 'ACTIVE'
   GROUP BY l.id, lo.sector),
sectors AS (SELECT sector FROM organisation_rows UNION SELECT sector FROM service_rows UNION SELECT sector FROM location_rows),
group_pairs AS (SELECT sr.id, unnest(sr.target_groups) AS target_group_id, sr.basic_functions FROM service_rows sr),
group_totals AS (
  SELECT target_group_id, count(*) AS total, count(*) FILTER (WHERE cardinality(basic_functions) = 0) AS unclassified FROM group_pairs GROUP BY target_group_id),
group_cells AS (
  SELECT p.target_group_id, bf.id AS basic_function_id, count(*) AS n FROM group_pairs p CROSS JOIN LATERAL unnest(p.basic_functions) AS bf(id) GROUP BY 1, 2),
network_rows AS (
  SELECT n.id, n.name, n.kind, min(sv.relation) AS relation
    FROM serving sv JOIN network_area na ON na.area_id = sv.area_id JOIN network n ON n.id = na.network_id
   WHERE n.archived_at IS NULL AND n.status = 'ACTIVE'
   GROUP BY n.id, n.kind, n.name),
fresh AS (SELECT now() - make_interval(months => $3::int) AS since)
SELECT json_build_object('neighbourhoodView', json_build_object(
  'area', (SELECT json_build_object('id', t.id, 'code', t.code, 'name', t.name) FROM target t),
  'parentArea', (SELECT json_build_object('id', p.id, 'name', p.name) FROM parent p),
  'municipality', (SELECT json_build_object('id', m.id, 'name', m.name) FROM municipality m),
  'keyFigures', COALESCE((
    SELECT json_agg(json_build_object(
             'indicatorCode', l.code, 'year', l.year,
             'value', (SELECT o.value FROM own o WHERE o.area_id = (SELECT id FROM target) AND o.indicator_id = l.indicator_id AND o.year IS NOT DISTINCT FROM l.year),
             'parentValue', (SELECT o.value FROM own o WHERE o.area_id = (SELECT id FROM parent) AND o.indicator_id = l.indicator_id AND o.year IS NOT DISTINCT FROM l.year),
             'municipalityValue', (SELECT o.value FROM own o WHERE o.area_id = (SELECT id FROM municipality) AND o.indicator_id = l.indicator_id AND o.year IS NOT DISTINCT FROM l.year),
             'previousYear', prev.year, 'previousValue', prev.value)
           ORDER BY array_position($4::text[], l.code::text), l.code)
      FROM latest l
      LEFT JOIN LATERAL (SELECT o.year, o.value FROM own o WHERE o.area_id = (SELECT id FROM target) AND o.indicator_id = l.indicator_id AND o.year < l.year
                          ORDER BY o.year DESC LIMIT 1) prev ON true), '[]'::json),
  'bySector', COALESCE((
    SELECT json_agg(json_build_object(
             'sector', sc.sector,
             'organisations', COALESCE((SELECT json_agg(json_build_object('relation', ${RELATION}[r.relation + 1], 'organisation', json_build_object('id', r.id, 'name', r.name)) ORDER BY r.name, r.id)
                                          FROM organisation_rows r WHERE r.sector IS NOT DISTINCT FROM sc.sector), '[]'::json),
             'services', COALESCE((SELECT json_agg(json_build_object('relation', ${RELATION}[r.relation + 1], 'service', json_build_object('id', r.id, 'name', r.name)) ORDER BY r.name, r.id)
                                     FROM service_rows r WHERE r.sector IS NOT DISTINCT FROM sc.sector), '[]'::json),
             'locations', COALESCE((SELECT json_agg(json_build_object('relation', ${RELATION}[r.relation + 1], 'location', json_build_object('id', r.id, 'name', r.name)) ORDER BY r.name, r.id)
                                      FROM location_rows r WHERE r.sector IS NOT DISTINCT FROM sc.sector), '[]'::json))
           ORDER BY array_position($5::text[], sc.sector::text) NULLS LAST)
      FROM sectors sc), '[]'::json),
  'networks', COALESCE((
    SELECT json_agg(json_build_object('relation', ${RELATION}[n.relation + 1], 'network', json_build_object('id', n.id, 'name', n.name, 'kind', n.kind))
                    ORDER BY n.kind = 'SWITCH_TEAM' DESC, n.name, n.id)
      FROM network_rows n), '[]'::json),
  'coverage', json_build_object(
    'serviceCount', (SELECT count(*) FROM service_rows),
    'rows', COALESCE((
      SELECT json_agg(json_build_object(
               'targetGroup', json_build_object('code', tg.code),
               'total', json_build_object('count', COALESCE(gt.total, 0),
                                          'status', CASE WHEN COALESCE(gt.total, 0) = 0 THEN 'EMPTY' WHEN gt.total < $2 THEN 'THIN' ELSE 'COVERED' END),
               'cells', (SELECT json_agg(json_build_object(
                                  'count', COALESCE(gc.n, 0),
                                  'status', CASE WHEN COALESCE(gc.n, 0) = 0 AND COALESCE(gt.unclassified, 0) > 0 THEN 'UNKNOWN'
                                                 WHEN COALESCE(gc.n, 0) = 0 THEN 'EMPTY' WHEN gc.n < $2 THEN 'THIN' ELSE 'COVERED' END) ORDER BY bf.number)
                           FROM basic_function bf LEFT JOIN group_cells gc ON gc.target_group_id = tg.id AND gc.basic_function_id = bf.id))
             ORDER BY tg.name_nl, tg.id)
        FROM target_group tg LEFT JOIN group_totals gt ON gt.target_group_id = tg.id
       WHERE tg.archived_at IS NULL), '[]'::json)),
  'freshness', json_build_object('total', json_build_object(
    'records', (SELECT count(*) FROM organisation_rows) + (SELECT count(*) FROM service_rows) + (SELECT count(*) FROM location_rows),
    'verified', (SELECT count(*) FROM organisation_rows, fresh WHERE last_verified_at >= fresh.since)
              + (SELECT count(*) FROM service_rows, fresh WHERE last_verified_at >= fresh.since)
              + (SELECT count(*) FROM location_rows, fresh WHERE last_verified_at >= fresh.since)))))::text AS data`;

/** $1: area codes (in order), $2: thin below, $3: TABLE_ORDER. */
export const COMPARE_SQL = `
WITH RECURSIVE input AS (SELECT code, ord FROM unnest($1::text[]) WITH ORDINALITY AS x(code, ord)),
targets AS (SELECT i.ord, a.id, a.code, a.name FROM input i JOIN area a ON a.code = i.code),
up(ord, id, depth) AS (
  SELECT t.ord, a.parent_id, 1 FROM targets t JOIN area a ON a.id = t.id WHERE a.parent_id IS NOT NULL
  UNION ALL SELECT u.ord, a.parent_id, u.depth + 1 FROM up u JOIN area a ON a.id = u.id WHERE a.parent_id IS NOT NULL),
down(ord, id) AS (
  SELECT t.ord, a.id FROM targets t JOIN area a ON a.parent_id = t.id
  UNION ALL SELECT d.ord, a.id FROM down d JOIN area a ON a.parent_id = d.id),
serving(ord, area_id) AS (SELECT ord, id FROM targets UNION SELECT ord, id FROM down UNION SELECT ord, id FROM up),
municipality AS (
  SELECT DISTINCT ON (c.ord) c.ord, a.id
    FROM (SELECT ord, id, 0 AS depth FROM targets UNION ALL SELECT ord, id, depth FROM up) c JOIN area a ON a.id = c.id AND a.level = 'MUNICIPALITY'
   ORDER BY c.ord, c.depth),
own AS (
  SELECT DISTINCT ON (kf.area_id, kf.indicator_id, kf.year) kf.area_id, kf.indicator_id, i.code, kf.year, kf.value
    FROM key_figure kf JOIN indicator i ON i.id = kf.indicator_id AND i.archived_at IS NULL
   WHERE kf.area_id = ANY (ARRAY(SELECT id FROM targets UNION SELECT id FROM municipality))
   ORDER BY kf.area_id, kf.indicator_id, kf.year, kf.source),
latest AS (SELECT t.ord, o.indicator_id, o.code, max(o.year) AS year FROM targets t JOIN own o ON o.area_id = t.id GROUP BY t.ord, o.indicator_id, o.code),
figures AS (
  SELECT l.ord, l.indicator_id, l.code, l.year, v.value, mv.value AS municipality_value
    FROM latest l
    JOIN targets t ON t.ord = l.ord
    JOIN own v ON v.area_id = t.id AND v.indicator_id = l.indicator_id AND v.year IS NOT DISTINCT FROM l.year
    LEFT JOIN municipality m ON m.ord = l.ord
    LEFT JOIN own mv ON mv.area_id = m.id AND mv.indicator_id = l.indicator_id AND mv.year IS NOT DISTINCT FROM l.year),
indicator_list AS (SELECT DISTINCT indicator_id, code FROM figures),
links AS (
  SELECT sv.ord, sa.service_id FROM serving sv JOIN service_area sa ON sa.area_id = sv.area_id
   WHERE sa.area_id = ANY (ARRAY(SELECT DISTINCT area_id FROM serving))),
active AS (SELECT s.id FROM service s WHERE s.id = ANY (ARRAY(SELECT DISTINCT service_id FROM links)) AND ${ACTIVE_SERVICE}),
active_services AS (SELECT DISTINCT l.ord, l.service_id AS id FROM links l JOIN active a ON a.id = l.service_id),
counts AS (SELECT a.ord, stg.target_group_id, count(*) AS n FROM active_services a JOIN service_target_group stg ON stg.service_id = a.id GROUP BY 1, 2)
SELECT json_build_object('compareAreas', json_build_object(
  'areas', (SELECT json_agg(json_build_object('id', t.id, 'code', t.code, 'name', t.name) ORDER BY t.ord) FROM targets t),
  'indicators', COALESCE((
    SELECT json_agg(json_build_object(
             'indicatorCode', il.code,
             'values', (SELECT json_agg(CASE WHEN f.ord IS NULL THEN NULL ELSE json_build_object('year', f.year, 'value', f.value, 'municipalityValue', f.municipality_value) END ORDER BY t.ord)
                          FROM targets t LEFT JOIN figures f ON f.ord = t.ord AND f.indicator_id = il.indicator_id))
           ORDER BY array_position($3::text[], il.code::text), il.code)
      FROM indicator_list il), '[]'::json),
  'coverage', COALESCE((
    SELECT json_agg(json_build_object(
             'targetGroup', json_build_object('code', tg.code),
             'serviceCounts', (SELECT json_agg(COALESCE(c.n, 0) ORDER BY t.ord) FROM targets t LEFT JOIN counts c ON c.ord = t.ord AND c.target_group_id = tg.id),
             'statuses', (SELECT json_agg(CASE WHEN COALESCE(c.n, 0) = 0 THEN 'EMPTY' WHEN c.n < $2 THEN 'THIN' ELSE 'COVERED' END ORDER BY t.ord)
                            FROM targets t LEFT JOIN counts c ON c.ord = t.ord AND c.target_group_id = tg.id))
           ORDER BY tg.name_nl, tg.id)
      FROM target_group tg WHERE tg.archived_at IS NULL), '[]'::json)))::text AS data`;

/** $1: sector. The first 20 current organisations of a sector by name, with how many there are. */
export const SECTOR_PAGE_SQL = `
WITH matching AS (SELECT o.id, o.name, o.sector FROM organisation o WHERE o.archived_at IS NULL AND o.sector = $1),
page AS (SELECT * FROM matching ORDER BY name, id LIMIT 20)
SELECT json_build_object('organisations', json_build_object(
  'totalCount', (SELECT count(*) FROM matching),
  'edges', COALESCE((SELECT json_agg(json_build_object('node', json_build_object('id', p.id, 'name', p.name, 'sector', p.sector)) ORDER BY p.name, p.id) FROM page p), '[]'::json),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) FROM matching) > 20,
    'endCursor', (SELECT ${nameCursor('p')} FROM page p ORDER BY p.name DESC, p.id DESC LIMIT 1))))::text AS data`;

/** Every lower bound by operation name: the floor (peer-server.ts) runs them as named prepared statements. */
export const FLOOR_STATEMENTS: Record<string, string> = {
  organisation: ORGANISATION_SQL,
  'services-page': SERVICES_PAGE_SQL,
  search: SEARCH_SQL,
  'sector-page': SECTOR_PAGE_SQL,
  'neighbourhood-view': NEIGHBOURHOOD_VIEW_SQL,
  compare: COMPARE_SQL,
};
