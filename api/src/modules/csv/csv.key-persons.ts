import type { RequestContext } from '../../context';
import { Rule, ruleAllows } from '../../auth/auth.rules';
import { assertMayCurateOrganisationRecord } from '../../auth/policy';
import { replaceLinks } from '../curation';
import { resolveAreaIds } from '../area';
import { KeyPerson } from '../key-person/key-person.entity';
import { CreateKeyPersonInput, UpdateKeyPersonInput, applyKeyPersonInput, keyPersonCuration } from '../key-person';
import { authoriseOwnedRecordChange, organisationOfNewRecord } from '../service';
import { type Separator, toCsv } from './csv.cells';
import { type ColumnSpec, type RecordImport, failOnColumnsOf, idBySlug, importRecords, list, text } from './csv.records';
import type { CsvImportResponse } from './csv.report';

/*
 * Key persons as CSV rows, by id (docs/api-guide.md, "CSV: key figures,
 * organisations and services", "Locations, key persons and areas"): a row with an empty `id` adds a person, a row with an id (as the export writes it)
 * changes that person. Key persons are personal data (names, phones, e-mail addresses, notes):
 * who may export them is who may read them — logged-in users, never the public or an API key —
 * and who may import them is who may curate them through GraphQL: admins, and an organisation's
 * users for their own organisation's people (each row authorised as `updateKeyPerson` does).
 * Erased key persons (GDPR art. 17) are tombstones: never exported, and a row naming one is
 * refused (the curation write path refuses to change them).
 */

const KEY_PERSON_COLUMNS: ColumnSpec[] = [
  text('name', 'name'),
  text('role', 'role'),
  text('role_description', 'roleDescription'),
  text('phone', 'phone'),
  text('email', 'email'),
  text('notes', 'notes'),
  list('areas', 'areas'),
];

/** Export and import columns of key persons, in order. */
export const KEY_PERSON_CSV_COLUMNS = ['id', 'name', 'role', 'role_description', 'organisation_slug', 'phone', 'email', 'notes', 'areas'];

const keyPersonImport: RecordImport<KeyPerson> = {
  key: 'id',
  spec: keyPersonCuration,
  columns: KEY_PERSON_COLUMNS,
  required: ['id'],
  referenceColumns: { organisation_slug: 'organisationId' },
  inputClass: (creating) => (creating ? new CreateKeyPersonInput() : new UpdateKeyPersonInput()),
  create: (tx) => tx.getRepository(KeyPerson).create({ organisationId: null }),
  authorize: (ctx, record) => assertMayCurateOrganisationRecord(ctx, record.organisationId),
  async apply(tx, ctx, record, input, reader) {
    // The organisation, as createKeyPerson / updateKeyPerson decide it.
    const organisationSlug = reader.text('organisation_slug');
    const requested = organisationSlug === undefined ? undefined : organisationSlug ? await idBySlug(tx, 'organisation', organisationSlug, record.organisationId, reader, 'organisation_slug') : null;
    if (requested !== undefined || organisationSlug === undefined) {
      if (!record.id) record.organisationId = await organisationOfNewRecord(ctx, tx, requested);
      else await authoriseOwnedRecordChange(ctx, tx, record, requested);
    }
    const { areas: _areas, ...fields } = input;
    await failOnColumnsOf(reader, keyPersonImport, () => applyKeyPersonInput(tx, record, fields as UpdateKeyPersonInput));
  },
  async links(_tx, ctx, _record, input, reader): Promise<Record<string, string[]>> {
    if (input.areas === undefined) return {};
    let areaIds: string[] = [];
    // The areas as updateKeyPerson resolves them.
    await failOnColumnsOf(reader, keyPersonImport, async () => {
      areaIds = [...new Set(await resolveAreaIds(ctx, input.areas as string[], 'input.areas'))];
    });
    return { areaIds };
  },
  async writeLinks(tx, id, links) {
    if (links.areaIds) await replaceLinks(tx, 'key_person_area', 'key_person_id', id, 'area_id', links.areaIds);
  },
};

/** Whether the caller may read key persons: the key-person resolvers' own rule (@LoggedIn, Rule.USER: people, not API keys). */
export function mayReadKeyPersons(ctx: RequestContext): boolean {
  return ruleAllows(ctx, Rule.USER);
}

/**
 * Current key persons (with `includeArchived` also archived ones), never erased ones. The
 * router lets only those who may read key persons call this; it checks again here.
 */
export async function exportKeyPersons(ctx: RequestContext, options: { includeArchived?: boolean; separator?: Separator } = {}): Promise<string> {
  if (!mayReadKeyPersons(ctx)) throw new Error('exportKeyPersons: the caller may not read key persons');
  const rows: Array<Record<string, unknown>> = await ctx.manager.query(
    `SELECT kp.id, kp.name, r.code AS role, kp.role_description, o.slug AS organisation_slug, kp.phone, kp.email, kp.notes,
            ARRAY(SELECT coalesce(a.code, a.slug) FROM key_person_area x JOIN area a ON a.id = x.area_id WHERE x.key_person_id = kp.id ORDER BY 1) AS areas
       FROM key_person kp LEFT JOIN key_person_role r ON r.id = kp.role_id LEFT JOIN organisation o ON o.id = kp.organisation_id
      WHERE kp.erased_at IS NULL ${options.includeArchived ? '' : 'AND kp.archived_at IS NULL'}
      ORDER BY kp.name, kp.id`,
  );
  return toCsv({ columns: KEY_PERSON_CSV_COLUMNS, numberColumns: [] }, rows, options.separator ?? ',');
}

/** Admins and organisation users (the router); each row as its mutation allows it. */
export function importKeyPersons(ctx: RequestContext, csv: string, dryRun: boolean): Promise<CsvImportResponse> {
  return importRecords(ctx, keyPersonImport, csv, dryRun);
}

