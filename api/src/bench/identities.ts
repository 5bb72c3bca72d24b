import type { Pool } from 'pg';
import { hashPassword, newApiKeySecret, randomToken } from '../modules/auth';
import type { Credentials } from './operations';
import { GENERATED_SOURCE } from './presets';

/**
 * Who the benchmark is: an ORGANISATION user of a generated organisation (signed in through
 * /auth/login, for reads) and an API key of the same organisation with READ_MAP and REFERRALS
 * (for referral writes, as a partner system sends them). Made with the app's own password
 * hashing and key format; the organisation is the one that receives the most open referrals,
 * so the status changes have referrals to move.
 */

export const BENCH_USER_EMAIL = 'bench-reader@schakel.local';
export const BENCH_KEY_NAME = 'schakel-bench';

export interface BenchIdentity extends Credentials {
  organisationId: string;
}

async function benchOrganisation(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT r.receiving_organisation_id AS id
       FROM referral r JOIN organisation o ON o.id = r.receiving_organisation_id
      WHERE r.status IN ('EXPLORING', 'ON_HOLD') AND r.network_id IS NULL AND o.source = $1 AND o.archived_at IS NULL AND o.status = 'ACTIVE'
      GROUP BY r.receiving_organisation_id
      ORDER BY count(*) DESC, r.receiving_organisation_id
      LIMIT 1`,
    [GENERATED_SOURCE],
  );
  if (rows.length === 0) throw new Error('The data set has no organisation with open referrals');
  return rows[0].id;
}

async function signIn(serverUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${serverUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (response.status !== 200) throw new Error(`signing in as ${email}: HTTP ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie) throw new Error('signing in gave no session cookie');
  return cookie;
}

export async function prepareIdentity(pool: Pool, serverUrl: string): Promise<BenchIdentity> {
  const organisationId = await benchOrganisation(pool);
  const password = randomToken(18);
  await pool.query(
    `INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, 'Benchmark', $2, 'ORGANISATION', $3)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, organisation_id = EXCLUDED.organisation_id, role = 'ORGANISATION',
                                       status = 'ACTIVE', failed_login_count = 0, locked_until = NULL`,
    [BENCH_USER_EMAIL, await hashPassword(password), organisationId],
  );
  const { key, prefix, keyHash } = newApiKeySecret();
  await pool.query(`UPDATE api_key SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL`, [BENCH_KEY_NAME]);
  await pool.query(`INSERT INTO api_key (organisation_id, name, prefix, key_hash, scopes) VALUES ($1, $2, $3, $4, '{READ_MAP,REFERRALS}')`, [organisationId, BENCH_KEY_NAME, prefix, keyHash]);
  return { organisationId, cookie: await signIn(serverUrl, BENCH_USER_EMAIL, password), apiKey: key };
}
