import { randomUUID } from 'node:crypto';
import { type TestApp, TEST_PASSWORD, createTestUsers, startTestApp } from '../../test/app';
import type { ImportReport } from './hsds.import';

/*
 * HSDS contacts name people (docs/security.md, "HSDS contacts"): the import leaves them out and
 * counts them in the report, never writes a key person from them, and the export shows none.
 */
describe('HSDS import: contacts are left out', () => {
  let t: TestApp;
  let admin: string;

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${t.url}/hsds${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as ImportReport };
  };
  const keyPersons = async () => (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM key_person`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await createTestUsers(t.db);
    admin = await t.login(users.admin, TEST_PASSWORD);
  });
  afterAll(() => t?.close());

  it('counts the contacts of the records (each once), writes no key person, and the export shows no contact', async () => {
    const organisation = randomUUID();
    const service = randomUUID();
    const shared = { id: randomUUID(), name: 'Jan Contactpersoon', title: 'Coördinator', email: 'jan.contactpersoon@example.nl', phones: [{ id: randomUUID(), number: '033 123 4567' }] };
    const document = {
      organizations: [{ id: organisation, name: 'Stichting Contact', description: '', contacts: [shared, { id: randomUUID(), name: 'Piet Tweede', email: 'piet@example.nl' }] }],
      services: [{ id: service, name: 'Spreekuur', status: 'active', organization_id: organisation, contacts: [shared] }],
    };
    const before = await keyPersons();
    const preview = await post('/import?dryRun=true', document);
    expect(preview.status).toBe(200);
    expect(preview.body.contacts).toEqual({ leftOut: 2 });
    const answer = await post('/import', document);
    if (answer.body.totals.rejected) throw new Error(JSON.stringify(answer.body.records, null, 1));
    expect(answer.body.totals).toMatchObject({ created: 2, rejected: 0 });
    expect(answer.body.contacts).toEqual({ leftOut: 2 });
    expect(answer.body.warnings).toContainEqual(expect.stringMatching(/^2 contacts not imported: contacts name people \(personal data\)/));
    expect(await keyPersons()).toBe(before);
    // The report names no person either.
    expect(JSON.stringify(answer.body)).not.toMatch(/Contactpersoon|Tweede|example\.nl/);

    for (const path of [`/organizations/${organisation}?full_service=true`, `/services/${service}`]) {
      const response = await fetch(`${t.url}/hsds${path}`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toMatch(/Contactpersoon|Tweede|jan\.contactpersoon|piet@example/);
      const body = JSON.parse(text);
      expect(body.contacts ?? []).toEqual([]);
    }
  });

  it('counts the rows of the CSV package contacts.csv', async () => {
    const answer = await post('/import/csv?dryRun=true', {
      'organizations.csv': `id,name,description\r\n${randomUUID()},Stichting Tabel,\r\n`,
      'contacts.csv': `id,organization_id,name,email\r\n${randomUUID()},,Anna Tabel,anna@example.nl\r\n${randomUUID()},,Bert Tabel,bert@example.nl\r\n`,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.contacts).toEqual({ leftOut: 2 });
    expect(answer.body.warnings).toEqual(expect.arrayContaining(['contacts.csv is not imported: contacts are personal data and have no place in the map']));
  });
});
