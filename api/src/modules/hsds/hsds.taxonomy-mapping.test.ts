import fs from 'node:fs';
import path from 'node:path';
import { type TestApp, TEST_PASSWORD, createTestUsers, startTestApp } from '../../test/app';
import type { ImportReport } from './hsds.import';

/*
 * The curator's taxonomy mapping (hsds.taxonomy-mapping.ts): kept by admins only, replaced as a
 * whole with every bad row named and nothing written, and used by the HSDS import to link a
 * foreign term's attribute to the target group or intervention type it stands for.
 */

const FIXTURES = path.join(__dirname, 'fixtures', 'hsds-3.0');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
const SERVICE = 'ac148810-d857-441c-9679-408f346de14b';

describe('HSDS taxonomy mapping', () => {
  let t: TestApp;
  let admin: string;
  let swa: string;
  let targetGroup: { id: string; code: string };
  let interventionType: { id: string; code: string };
  const sql = <T = any>(query: string, params: unknown[] = []): Promise<T[]> => t.db.dataSource.query(query, params);
  const call = async (method: string, endpoint: string, body?: unknown, cookie?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (cookie) headers.cookie = cookie;
    const response = await fetch(`${t.url}/hsds${endpoint}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const users = await createTestUsers(t.db);
    admin = await t.login(users.admin, TEST_PASSWORD);
    swa = await t.login(users.swa, TEST_PASSWORD);
    [targetGroup] = await sql(`SELECT id, code FROM target_group WHERE archived_at IS NULL ORDER BY code LIMIT 1`);
    [interventionType] = await sql(`SELECT id, code FROM intervention_type WHERE archived_at IS NULL ORDER BY code LIMIT 1`);
  });
  afterAll(() => t?.close());

  it('is kept by admins only', async () => {
    expect((await call('GET', '/taxonomy_mappings')).status).toBe(401);
    expect((await call('GET', '/taxonomy_mappings', undefined, swa)).status).toBe(403);
    expect((await call('PUT', '/taxonomy_mappings', [], swa)).status).toBe(403);
    expect(await call('GET', '/taxonomy_mappings', undefined, admin)).toEqual({ status: 200, body: [] });
  });

  it('names every bad row at once and writes nothing', async () => {
    const answer = await call(
      'PUT',
      '/taxonomy_mappings',
      [
        { taxonomy: '', term: 'x', targetGroup: targetGroup.code },
        { taxonomy: 'Open Eligibility', term: '101', targetGroup: targetGroup.code, interventionType: interventionType.code },
        { taxonomy: 'Open Eligibility', term: '102', targetGroup: 'no-such-group' },
        { taxonomy: 'Open Eligibility', term: '103', interventionType: interventionType.code },
        { taxonomy: ' open  eligibility ', term: '103', targetGroup: targetGroup.code },
        'not a mapping',
      ],
      admin,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.code ?? answer.body.extensions?.code ?? JSON.stringify(answer.body)).toContain('BAD_USER_INPUT');
    const fields = JSON.stringify(answer.body);
    for (const field of ['mappings.0.taxonomy', 'mappings.1.targetGroup', 'mappings.2.targetGroup', 'mappings.4.term', 'mappings.5']) expect(fields).toContain(field);
    expect(fields).not.toContain('mappings.3.');
    expect(await sql(`SELECT count(*)::int AS n FROM taxonomy_mapping`)).toEqual([{ n: 0 }]);
  });

  it('links a foreign term through the mapping on import, and the same import again changes nothing', async () => {
    const example = readJson('examples/service_full.json');
    const term = example.attributes[0].taxonomy_term;
    const before = await (await fetch(`${t.url}/hsds/import`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin }, body: JSON.stringify(example) })).json();
    expect((before as ImportReport).records.find((record) => record.id === SERVICE)?.notes?.join('\n')).toContain('not in the taxonomy mapping');
    expect(await sql(`SELECT count(*)::int AS n FROM service_target_group WHERE service_id = $1`, [SERVICE])).toEqual([{ n: 0 }]);

    const dry = await call('PUT', '/taxonomy_mappings?dryRun=true', [{ taxonomy: term.taxonomy_detail.id, term: term.code, targetGroup: targetGroup.code }], admin);
    expect(dry).toEqual({ status: 200, body: { mappings: 1, dryRun: true } });
    expect(await sql(`SELECT count(*)::int AS n FROM taxonomy_mapping`)).toEqual([{ n: 0 }]);
    const saved = await call(
      'PUT',
      '/taxonomy_mappings',
      [
        { taxonomy: term.taxonomy_detail.id, term: term.code.toUpperCase(), targetGroup: targetGroup.code, note: 'Open Referral-voorbeeld' },
        { taxonomy: 'Open Eligibility', term: '103', interventionType: interventionType.code },
      ],
      admin,
    );
    expect(saved).toEqual({ status: 200, body: { mappings: 2, dryRun: false } });
    expect((await call('GET', '/taxonomy_mappings', undefined, admin)).body).toEqual([
      { taxonomy: term.taxonomy_detail.id, term: term.code, targetGroup: targetGroup.code, note: 'Open Referral-voorbeeld' },
      { taxonomy: 'open eligibility', term: '103', interventionType: interventionType.code },
    ]);

    const post = async () =>
      ((await (await fetch(`${t.url}/hsds/import`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin }, body: JSON.stringify(example) })).json()) as ImportReport).records.find(
        (record) => record.id === SERVICE,
      )!;
    const mapped = await post();
    expect(mapped.outcome).toBe('updated');
    expect(mapped.notes?.join('\n')).toContain('1 attribute(s) of other taxonomies linked through the taxonomy mapping');
    expect(await sql(`SELECT target_group_id, id FROM service_target_group WHERE service_id = $1`, [SERVICE])).toEqual([{ target_group_id: targetGroup.id, id: example.attributes[0].id }]);
    expect((await post()).outcome).toBe('unchanged');
    // The export shows the link as an attribute of Schakel's own taxonomy.
    const exported: any = await (await fetch(`${t.url}/hsds/services/${SERVICE}`)).json();
    expect(exported.attributes.map((attribute: any) => attribute.taxonomy_term.code)).toEqual([targetGroup.code]);
  });
});
