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

/** PostGraphile's answers (reshaped to Schakel's) equal to Schakel's on `requests` samples (peers.ts). */
export async function checkPeerAnswer(
  serverUrl: string,
  operation: BenchOperation,
  peerUrl: string,
  read: { document: string; variables(v: Record<string, unknown>, lowerBoundParams: unknown[]): Record<string, unknown>; answer(data: any): unknown; comparable(data: any): unknown },
  requests: number,
): Promise<SameAnswer> {
  const ask = async (url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  };
  for (let i = 0; i < requests; i += 1) {
    const plan = operation.next({});
    const schakel = await ask(serverUrl, operation.document, plan.variables, plan.headers);
    if (schakel.errors) return { checked: i + 1, difference: `Schakel answered errors: ${describe(schakel.errors)}` };
    const peer = await ask(peerUrl, read.document, read.variables(plan.variables, operation.lowerBound?.params(plan.variables) ?? []), {});
    if (peer.errors) return { checked: i + 1, difference: `PostGraphile answered errors: ${describe(peer.errors)}` };
    const difference = firstDifference(read.comparable(schakel.data), read.answer(peer.data));
    if (difference) return { checked: i + 1, difference };
  }
  return { checked: requests, difference: null };
}
