import type { EntityManager } from 'typeorm';

/**
 * The rows of the access log (NEN 7513) and how they are stored. Free of the request context,
 * so the per-request loaders (referral.loaders.ts) can write them without importing the
 * context that builds them; `accessLogRow` (referral.access.ts) fills a row for a caller.
 */

export enum AccessEventType {
  READ = 'READ',
  READ_DENIED = 'READ_DENIED',
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  PURGE = 'PURGE',
  /** An export of personal data: a person's data (user/erasure.ts) or the access log itself (csv/access-log). */
  EXPORT = 'EXPORT',
}

export interface AccessLogRow {
  event_type: AccessEventType;
  dossier_number: string | null;
  referral_id: string | null;
  user_id: string | null;
  api_key_id: string | null;
  organisation_id: string | null;
  role: string;
  ip_address: string | null;
  user_agent: string | null;
  operation: string;
  details: Record<string, unknown>;
}

/** Appends rows to the access log in one statement (the table refuses anything but INSERT). */
export async function insertAccessLog(manager: EntityManager, rows: readonly AccessLogRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO access_log (event_type, dossier_number, referral_id, user_id, api_key_id, organisation_id, role, ip_address, user_agent, operation, details)
     SELECT event_type, dossier_number, referral_id, user_id, api_key_id, organisation_id, role, ip_address, user_agent, operation, details
       FROM jsonb_to_recordset($1::jsonb) AS r(event_type varchar, dossier_number varchar, referral_id uuid, user_id uuid, api_key_id uuid,
            organisation_id uuid, role varchar, ip_address inet, user_agent text, operation varchar, details jsonb)`,
    [JSON.stringify(rows)],
  );
}
