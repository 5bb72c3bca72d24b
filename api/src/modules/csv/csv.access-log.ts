import type { RequestContext } from '../../context';
import { actorName } from '../curation';
import { type AccessLogFilter, accessLogForExport } from '../referral';
import { type Separator, toCsv } from './csv.cells';

/*
 * The access log (NEN 7513) as a CSV file: exactly the entries the admin's filter shows on
 * /toegangslog (referral.access.ts, `filteredAccessLog`: dossier, user, organisation, period),
 * oldest first, with the columns the screen shows and no more — when, what, which dossier, who
 * (the user's display name or the API key's name, and the role), on whose behalf, through which
 * operation with its details, and from where (address and browser). The ids of users and keys
 * stay out, as on the screen. Admins only; the export is itself logged (EXPORT).
 */

export const ACCESS_LOG_CSV_COLUMNS = ['occurred_at', 'event_type', 'dossier_number', 'actor', 'role', 'organisation', 'operation', 'details', 'ip_address', 'user_agent'];

export async function exportAccessLog(ctx: RequestContext, filter: AccessLogFilter, separator: Separator = ','): Promise<string> {
  const entries = await accessLogForExport(ctx, filter, 'csv/access-log');
  // Names through the per-request loaders: one statement for the users, one for the keys, one for the organisations.
  const rows = await Promise.all(
    entries.map(async (entry) => {
      const [actor, organisation] = await Promise.all([
        actorName(ctx, { userId: entry.userId, apiKeyId: entry.apiKeyId }, { withKeyPrefix: false }),
        entry.organisationId ? ctx.loaders.organisationById.load(entry.organisationId) : null,
      ]);
      return {
        occurred_at: entry.occurredAt.toISOString(),
        event_type: entry.eventType,
        dossier_number: entry.dossierNumber,
        actor,
        role: entry.role,
        organisation: organisation?.name ?? null,
        operation: entry.operation,
        details: Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : null,
        ip_address: entry.ipAddress,
        user_agent: entry.userAgent,
      };
    }),
  );
  return toCsv({ columns: ACCESS_LOG_CSV_COLUMNS, numberColumns: [] }, rows, separator);
}
