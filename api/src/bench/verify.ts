import type { Pool } from 'pg';
import type { BenchOperation } from './operations';

/**
 * Checks that a read operation's lower-bound SQL gives the same answer as the API: the
 * GraphQL response's `data` and the SQL's JSON must be equal (numbers to 1e-9 relative) for a
 * few requests.
 */

export interface SameAnswer {
  checked: number;
  /** The first difference found (a path and both values), or null when every answer matched. */
  difference: string | null;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** The path of the first difference between two JSON values, or null when they are equal. */
export function firstDifference(api: unknown, sql: unknown, path = 'data'): string | null {
  if (typeof api === 'number' && typeof sql === 'number') {
    return Math.abs(api - sql) <= 1e-9 * Math.max(1, Math.abs(api)) ? null : `${path}: API ${api}, SQL ${sql}`;
  }
  if (api === null || sql === null || typeof api !== 'object' || typeof sql !== 'object') {
    return api === sql ? null : `${path}: API ${describe(api)}, SQL ${describe(sql)}`;
  }
  if (Array.isArray(api) !== Array.isArray(sql)) return `${path}: API ${describe(api)}, SQL ${describe(sql)}`;
  if (Array.isArray(api) && Array.isArray(sql)) {
    if (api.length !== sql.length) return `${path}: API ${api.length} items, SQL ${sql.length}`;
    for (let i = 0; i < api.length; i += 1) {
      const difference = firstDifference(api[i], sql[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return null;
  }
  const a = api as Record<string, unknown>;
  const b = sql as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const difference = firstDifference(a[key], b[key], `${path}.${key}`);
    if (difference) return difference;
  }
  return null;
}

export async function checkSameAnswer(serverUrl: string, operation: BenchOperation, pool: Pool, requests: number): Promise<SameAnswer> {
  const lowerBound = operation.lowerBound;
  if (!lowerBound) return { checked: 0, difference: null };
  for (let i = 0; i < requests; i += 1) {
    const plan = operation.next({});
    const response = await fetch(`${serverUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...plan.headers },
      body: JSON.stringify({ query: operation.document, variables: plan.variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    if (body.errors) return { checked: i + 1, difference: `the API answered errors: ${describe(body.errors)}` };
    const { rows } = await pool.query<{ data: string }>(lowerBound.sql, lowerBound.params(plan.variables));
    const difference = firstDifference(body.data, JSON.parse(rows[0].data));
    if (difference) return { checked: i + 1, difference: `${JSON.stringify(plan.variables)} → ${difference}` };
  }
  return { checked: requests, difference: null };
}
