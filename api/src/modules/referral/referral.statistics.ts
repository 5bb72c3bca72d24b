import type { RequestContext } from '../../context';
import { forbidden, unauthenticated } from '../../auth/auth.rules';
import { municipalityScopeAreaIds } from '../../auth/municipality-scope';
import { isAdmin } from '../../auth/policy';
import { ReferralStatus } from './referral.entity';
import { dutchDate } from '../../common/dates';
import { TERMINAL_STATUSES } from './referral.transitions';
import {
  ReferralAreaCount,
  ReferralMonthCount,
  ReferralStatisticsNode,
  ReferralStatusCount,
  ReferralTargetGroupCount,
  SUPPRESSION_THRESHOLD,
  SuppressedCount,
  SuppressedNumber,
} from './referral.types';

/**
 * Referral flow in aggregate (docs/neighbourhood-view.md §6) for municipality users — their areas and
 * everything below them — and admins (everything). No case content, and small numbers are
 * suppressed so no cell points at a person:
 *
 * 1. every count below 5 is suppressed (null, `suppressed: true`) — zeros too;
 * 2. the total is suppressed when below 5 (then every cell is);
 * 3. status, area (with a "no area recorded" cell) and month each split the total; when exactly
 *    one cell of such a breakdown is suppressed it could be recovered as total minus the
 *    others, so the smallest published cell of that breakdown is suppressed as well;
 * 4. target groups overlap (a referral can have several, or none), so their cells do not add up
 *    to the total and need only rule 1;
 * 5. the median days to close is suppressed when fewer than 5 referrals closed; the overdue
 *    action count follows rule 1.
 * The scope is fixed per caller (no free filters), which keeps differencing between two
 * overlapping queries out of reach; referrals purged after the retention period still count,
 * from their deletion records.
 */

interface Aggregates {
  total: number;
  by_status: Record<string, number>;
  by_area: Array<[string | null, number]>;
  by_month: Record<string, number>;
  by_target_group: Record<string, number>;
  closed: number;
  median: number | null;
  overdue: number;
  areas: string[] | null;
  target_groups: string[] | null;
}

/** null: everything (admins); otherwise the municipality user's areas and all areas below them. */
async function scopeAreaIds(ctx: RequestContext): Promise<string[] | null> {
  const v = ctx.viewer;
  if (v.kind === 'anonymous') throw unauthenticated();
  if (isAdmin(ctx)) return null;
  const scope = await municipalityScopeAreaIds(v, ctx.loaders.areaDescendantIds);
  if (scope) return scope;
  throw forbidden('Referral statistics are for municipality users and admins');
}

function cell(count: number): SuppressedCount {
  return count < SUPPRESSION_THRESHOLD ? { count: null, suppressed: true } : { count, suppressed: false };
}

/** Rule 3: never exactly one suppressed cell in a breakdown that adds up to a published total. */
function protectBreakdown<T extends SuppressedCount>(cells: T[], raw: number[], totalPublished: boolean): T[] {
  if (!totalPublished) return cells;
  const suppressed = cells.filter((c) => c.suppressed).length;
  if (suppressed !== 1) return cells;
  let smallest = -1;
  cells.forEach((c, i) => {
    if (!c.suppressed && (smallest < 0 || raw[i] < raw[smallest])) smallest = i;
  });
  if (smallest >= 0) Object.assign(cells[smallest], { count: null, suppressed: true });
  return cells;
}

function months(from: string, to: string): string[] {
  const result: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    result.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return result;
}

export async function referralStatistics(ctx: RequestContext): Promise<ReferralStatisticsNode> {
  const scope = await scopeAreaIds(ctx);
  const today = dutchDate();
  // One statement, grouped in PostgreSQL: live referrals and deletion records alike, and the overdue actions.
  const [row]: Aggregates[] = await ctx.manager.query(
    `WITH items AS (
       SELECT r.status, r.area_id,
              to_char(r.opened_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month,
              CASE WHEN r.status = 'CLOSED' THEN (r.closed_at AT TIME ZONE 'Europe/Amsterdam')::date - (r.opened_at AT TIME ZONE 'Europe/Amsterdam')::date END AS days,
              ARRAY(SELECT rtg.target_group_id FROM referral_target_group rtg WHERE rtg.referral_id = r.id) AS target_group_ids
         FROM referral r
        WHERE $1::uuid[] IS NULL OR r.area_id = ANY($1::uuid[])
       UNION ALL
       SELECT d.status, d.area_id, to_char(d.opened_month, 'YYYY-MM'), d.days_to_close, d.target_group_ids
         FROM referral_deletion d
        WHERE $1::uuid[] IS NULL OR d.area_id = ANY($1::uuid[])
     )
     SELECT (SELECT count(*)::int FROM items) AS total,
            (SELECT coalesce(json_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM items GROUP BY status) s) AS by_status,
            (SELECT coalesce(json_agg(json_build_array(area_id, n)), '[]') FROM (SELECT area_id, count(*)::int AS n FROM items GROUP BY area_id) s) AS by_area,
            (SELECT coalesce(json_object_agg(month, n), '{}') FROM (SELECT month, count(*)::int AS n FROM items GROUP BY month) s) AS by_month,
            (SELECT coalesce(json_object_agg(tg, n), '{}') FROM (SELECT tg, count(*)::int AS n FROM items, unnest(items.target_group_ids) AS tg GROUP BY tg) s) AS by_target_group,
            (SELECT count(*)::int FROM items WHERE status = 'CLOSED' AND days IS NOT NULL) AS closed,
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM items WHERE status = 'CLOSED') AS median,
            (SELECT count(*)::int FROM referral_action a JOIN referral r ON r.id = a.referral_id
              WHERE a.completed_at IS NULL AND a.due_on < $2::date AND NOT (r.status = ANY($3::text[]))
                AND ($1::uuid[] IS NULL OR r.area_id = ANY($1::uuid[]))) AS overdue,
            (SELECT array_agg(a.id ORDER BY a.name, a.id) FROM area a
              WHERE ($1::uuid[] IS NULL AND a.archived_at IS NULL) OR a.id = ANY($1::uuid[])) AS areas,
            (SELECT array_agg(t.id ORDER BY t.code) FROM target_group t WHERE t.archived_at IS NULL) AS target_groups`,
    [scope, today, TERMINAL_STATUSES],
  );
  const total = cell(row.total);

  const statuses = Object.values(ReferralStatus);
  const statusRaw = statuses.map((status) => row.by_status[status] ?? 0);
  const byStatus = protectBreakdown(
    statuses.map((status, i) => Object.assign(new ReferralStatusCount(), { status, ...cell(statusRaw[i]) })),
    statusRaw,
    !total.suppressed,
  );

  // Every area in scope (and any other a referral names), plus "no area recorded" when referrals lack one.
  const areaCounts = new Map(row.by_area.map(([areaId, n]) => [areaId, n]));
  const areaKeys: (string | null)[] = [...new Set([...(row.areas ?? []), ...[...areaCounts.keys()].filter((id): id is string => id !== null)])];
  if (areaCounts.has(null)) areaKeys.push(null);
  const areaRaw = areaKeys.map((id) => areaCounts.get(id) ?? 0);
  const byArea = protectBreakdown(
    areaKeys.map((areaId, i) => Object.assign(new ReferralAreaCount(), { areaId, ...cell(areaRaw[i]) })),
    areaRaw,
    !total.suppressed,
  );

  const targetGroupIds = [...new Set([...(row.target_groups ?? []), ...Object.keys(row.by_target_group)])];
  const byTargetGroup = targetGroupIds.map((targetGroupId) =>
    Object.assign(new ReferralTargetGroupCount(), { targetGroupId, ...cell(row.by_target_group[targetGroupId] ?? 0) }),
  );

  const seenMonths = Object.keys(row.by_month).sort();
  const lastMonth = [today.slice(0, 7), ...seenMonths].sort().pop()!;
  const monthKeys = seenMonths.length > 0 ? months(seenMonths[0], lastMonth) : [];
  const monthRaw = monthKeys.map((month) => row.by_month[month] ?? 0);
  const byMonth = protectBreakdown(
    monthKeys.map((month, i) => Object.assign(new ReferralMonthCount(), { month, ...cell(monthRaw[i]) })),
    monthRaw,
    !total.suppressed,
  );

  const medianDaysToClose: SuppressedNumber =
    row.closed < SUPPRESSION_THRESHOLD || row.median === null ? { value: null, suppressed: true } : { value: Number(row.median), suppressed: false };

  const statistics = new ReferralStatisticsNode();
  Object.assign(statistics, {
    areaIds: scope,
    threshold: SUPPRESSION_THRESHOLD,
    total,
    byStatus,
    byArea,
    byTargetGroup,
    byMonth,
    medianDaysToClose,
    overdueActions: cell(row.overdue),
  });
  return statistics;
}
