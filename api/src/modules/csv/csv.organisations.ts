import type { RequestContext } from '../../context';
import { BadUserInputError } from '../../common/errors';
import { applyFields, assertNoCycle, linkedIds, replaceLinks } from '../curation';
import { Organisation, OrganisationScope, OrganisationStatus, Sector } from '../organisation/organisation.entity';
import { CreateOrganisationInput, normalisedOrganisationValues, organisationCuration, organisationProblems, UpdateOrganisationInput } from '../organisation';
import { type Separator, toCsv } from './csv.cells';
import { type ColumnSpec, type RecordImport, areaIdsOf, bool, enumeration, failOnColumns, idBySlug, importRecords, list, text } from './csv.records';
import type { CsvImportResponse } from './csv.report';

/* Organisations as CSV rows, by slug (docs/api-guide.md, "CSV: key figures, organisations and services"). */

const ORGANISATION_COLUMNS: ColumnSpec[] = [
  text('name', 'name'),
  enumeration('sector', 'sector', Sector),
  text('description', 'description'),
  text('website', 'website'),
  text('email', 'email'),
  text('phone', 'phone'),
  text('abbreviation', 'abbreviation'),
  list('aliases', 'aliases'),
  enumeration('secondary_sector', 'secondarySector', Sector),
  text('subsector', 'subsector'),
  list('funding_streams', 'fundingStreams'),
  enumeration('scope', 'scope', OrganisationScope),
  bool('works_without_indication', 'worksWithoutIndication'),
  bool('generic', 'generic'),
  enumeration('status', 'status', OrganisationStatus),
  list('areas', 'areas'),
];

/** Export and import columns of organisations, in order. */
export const ORGANISATION_CSV_COLUMNS = ['slug', ...ORGANISATION_COLUMNS.slice(0, -2).map((c) => c.column), 'parent_slug', 'status', 'areas'];

const ORGANISATION_FIELDS = [
  'name', 'abbreviation', 'description', 'sector', 'secondarySector', 'subsector', 'scope', 'worksWithoutIndication', 'website', 'email', 'phone', 'status',
] as const;

const organisationImport: RecordImport<Organisation> = {
  spec: organisationCuration,
  columns: ORGANISATION_COLUMNS,
  required: ['slug', 'name', 'sector'],
  referenceColumns: { parent_slug: 'parentId' },
  inputClass: (creating) => (creating ? new CreateOrganisationInput() : new UpdateOrganisationInput()),
  create: (tx, slug) => tx.getRepository(Organisation).create({ slug, aliases: [], fundingStreams: [], generic: false, status: OrganisationStatus.ACTIVE, parentId: null }),
  async apply(tx, _ctx, record, input, reader) {
    // The rules of an organisation (organisation.rules.ts), with the messages a form gets, on their columns.
    failOnColumns(reader, organisationImport, organisationProblems(input));
    applyFields(record, input, ORGANISATION_FIELDS);
    Object.assign(record, normalisedOrganisationValues(input));
    if (input.generic !== undefined) record.generic = (input.generic as boolean | null) ?? false;
    if (input.status === null) record.status = OrganisationStatus.ACTIVE;
    const parentSlug = reader.text('parent_slug');
    if (parentSlug !== undefined) {
      const parentId = parentSlug ? await idBySlug(tx, 'organisation', parentSlug, record.parentId, reader, 'parent_slug') : null;
      if (parentId !== undefined) {
        if (record.id) {
          try {
            await assertNoCycle(tx, 'organisation', record.id, parentId, 'input.parentId');
          } catch (error) {
            if (!(error instanceof BadUserInputError)) throw error;
            reader.fail('parent_slug', error.message);
          }
        }
        record.parentId = parentId;
      }
    }
  },
  async links(tx, _ctx, record, input, reader): Promise<Record<string, string[]>> {
    if (input.areas === undefined) return {};
    const current = record.id ? await linkedIds(tx, 'organisation_area', 'organisation_id', record.id, 'area_id') : [];
    return { areaIds: await areaIdsOf(tx, input.areas as string[], current, reader, 'areas') };
  },
  async writeLinks(tx, id, links) {
    if (links.areaIds) await replaceLinks(tx, 'organisation_area', 'organisation_id', id, 'area_id', links.areaIds);
  },
};

/** Current organisations (with `includeArchived` also archived ones), by slug. Public data only. */
export async function exportOrganisations(ctx: RequestContext, options: { includeArchived?: boolean; separator?: Separator } = {}): Promise<string> {
  const rows: Array<Record<string, unknown>> = await ctx.manager.query(
    `SELECT o.slug, o.name, o.sector, o.description, o.website, o.email, o.phone, o.abbreviation, o.aliases, o.secondary_sector, o.subsector,
            o.funding_streams, o.scope, o.works_without_indication, o.generic, p.slug AS parent_slug, o.status,
            ARRAY(SELECT coalesce(a.code, a.slug) FROM organisation_area oa JOIN area a ON a.id = oa.area_id WHERE oa.organisation_id = o.id ORDER BY 1) AS areas
       FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id
      ${options.includeArchived ? '' : 'WHERE o.archived_at IS NULL'}
      ORDER BY o.slug`,
  );
  return toCsv({ columns: ORGANISATION_CSV_COLUMNS, numberColumns: [] }, rows, options.separator ?? ',');
}

/** Admins only (checked by the router). */
export function importOrganisations(ctx: RequestContext, csv: string, dryRun: boolean): Promise<CsvImportResponse> {
  return importRecords(ctx, organisationImport, csv, dryRun);
}
