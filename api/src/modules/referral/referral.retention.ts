import { BadUserInputError } from '../../common/errors';
import type { RequestContext } from '../../context';
import { assertAdmin } from '../../auth/policy';
import { inTransaction } from '../curation';
import { accessLogRow } from './referral.access';
import { AccessEventType, insertAccessLog } from './referral.access-log';
import { referralSettings } from './referral.service';
import { TERMINAL_STATUSES } from './referral.transitions';
import { PurgeReferralsResult } from './referral.types';

/**
 * Retention (docs/operations.md; issue 5): referrals that ended (CLOSED, DECLINED, WITHDRAWN) more than
 * `olderThanYears` ago (default REFERRAL_RETENTION_YEARS, 5) are deleted with their events,
 * actions and links. Each leaves a `referral_deletion` row (dossier number, area, final status,
 * target groups, opened and closed month, days to close — no case content), so the aggregates
 * keep counting it, and a PURGE row in the access log. Set-based: four statements however
 * many referrals go, in one transaction.
 */
export async function purgeClosedReferrals(
  ctx: RequestContext,
  options: { olderThanYears?: number | null; operation?: string } = {},
): Promise<PurgeReferralsResult> {
  const years = options.olderThanYears ?? referralSettings(ctx).retentionYears;
  if (!Number.isInteger(years) || years < 1) throw new BadUserInputError('olderThanYears', 'The retention period is a whole number of years, at least 1');
  const operation = options.operation ?? 'purgeClosedReferrals';
  return inTransaction(ctx, async (tx, ctx) => {
    const [{ cutoff }]: { cutoff: Date }[] = await tx.query(`SELECT now() - make_interval(years => $1) AS cutoff`, [years]);
    const doomed: { id: string; dossier_number: string; status: string }[] = await tx.query(
      `SELECT id, dossier_number, status FROM referral
        WHERE status = ANY($1::text[]) AND coalesce(closed_at, updated_at) < $2
        ORDER BY dossier_number
        FOR UPDATE`,
      [TERMINAL_STATUSES, cutoff],
    );
    const result = new PurgeReferralsResult();
    result.endedBefore = cutoff;
    result.purged = doomed.length;
    result.dossierNumbers = doomed.map((row) => row.dossier_number);
    if (doomed.length === 0) return result;
    const ids = doomed.map((row) => row.id);
    await tx.query(
      `INSERT INTO referral_deletion (dossier_number, area_id, status, target_group_ids, opened_month, closed_month, days_to_close)
       SELECT r.dossier_number, r.area_id, r.status,
              ARRAY(SELECT rtg.target_group_id FROM referral_target_group rtg WHERE rtg.referral_id = r.id ORDER BY rtg.target_group_id),
              date_trunc('month', r.opened_at AT TIME ZONE 'Europe/Amsterdam')::date,
              date_trunc('month', r.closed_at AT TIME ZONE 'Europe/Amsterdam')::date,
              CASE WHEN r.status = 'CLOSED' THEN (r.closed_at AT TIME ZONE 'Europe/Amsterdam')::date - (r.opened_at AT TIME ZONE 'Europe/Amsterdam')::date END
         FROM referral r WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    await insertAccessLog(
      tx,
      doomed.map((row) => accessLogRow(ctx, { id: row.id, dossierNumber: row.dossier_number }, AccessEventType.PURGE, operation, { status: row.status, retentionYears: years })),
    );
    // Events, actions and links go with the referral (ON DELETE CASCADE).
    await tx.query(`DELETE FROM referral WHERE id = ANY($1::uuid[])`, [ids]);
    return result;
  });
}

/** The admin mutation: curators run retention, they never read what is purged. */
export function purgeClosedReferralsAsAdmin(ctx: RequestContext, olderThanYears?: number | null): Promise<PurgeReferralsResult> {
  assertAdmin(ctx, 'Only admins run the retention purge');
  return purgeClosedReferrals(ctx, { olderThanYears });
}
