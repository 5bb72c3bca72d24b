import type { RequestContext } from '../../context';
import { assertMayCurateOrganisationRecord } from '../../auth/policy';
import { Location, LocationStatus } from '../location/location.entity';
import { CreateLocationInput, UpdateLocationInput, applyLocationInput, locationCuration } from '../location';
import { authoriseOwnedRecordChange, organisationOfNewRecord } from '../service';
import { type Separator, toCsv } from './csv.cells';
import { type ColumnSpec, type RecordImport, decimal, enumeration, failOnColumnsOf, idBySlug, importRecords, list, text } from './csv.records';
import type { CsvImportResponse } from './csv.report';

/*
 * Locations as CSV rows, by slug (docs/api-guide.md, "CSV: key figures,
 * organisations and services", "Locations, key persons and areas"). Every column but `slug` may be left out: a file of `slug;latitude;longitude` only sets
 * the positions of existing locations (the import of positions from a spreadsheet). A row is
 * checked by the location feature's own rule function (`applyLocationInput`, the one
 * `createLocation`/`updateLocation` apply), and changed only by whoever may change that
 * location through GraphQL: admins, and the operating organisation's users and API keys.
 */

const LOCATION_COLUMNS: ColumnSpec[] = [
  text('name', 'name'),
  text('kind', 'kind'),
  text('address', 'address'),
  text('postcode', 'postcode'),
  text('city', 'city'),
  decimal('latitude', 'latitude'),
  decimal('longitude', 'longitude'),
  text('area', 'area'),
  text('description', 'description'),
  text('accessibility', 'accessibility'),
  text('location_description', 'locationDescription'),
  enumeration('status', 'status', LocationStatus),
  list('aliases', 'aliases'),
];

/** Export and import columns of locations, in order. */
export const LOCATION_CSV_COLUMNS = ['slug', 'name', 'organisation_slug', ...LOCATION_COLUMNS.slice(1).map((c) => c.column)];

const locationImport: RecordImport<Location> = {
  spec: locationCuration,
  columns: LOCATION_COLUMNS,
  required: ['slug'],
  referenceColumns: { organisation_slug: 'organisationId' },
  inputClass: (creating) => (creating ? new CreateLocationInput() : new UpdateLocationInput()),
  create: (tx, slug) => tx.getRepository(Location).create({ slug, organisationId: null, aliases: [], status: LocationStatus.ACTIVE }),
  authorize: (ctx, record) => assertMayCurateOrganisationRecord(ctx, record.organisationId),
  async apply(tx, ctx, record, input, reader) {
    // The operating organisation, as createLocation / updateLocation decide it: an
    // organisation's users and keys add their own organisation's locations, only admins move one.
    const organisationSlug = reader.text('organisation_slug');
    const requested = organisationSlug === undefined ? undefined : organisationSlug ? await idBySlug(tx, 'organisation', organisationSlug, record.organisationId, reader, 'organisation_slug') : null;
    if (requested !== undefined || organisationSlug === undefined) {
      if (!record.id) record.organisationId = await organisationOfNewRecord(ctx, tx, requested);
      else await authoriseOwnedRecordChange(ctx, tx, record, requested);
    }
    const { slug: _slug, ...fields } = input;
    await failOnColumnsOf(reader, locationImport, () => applyLocationInput(ctx, record, fields as UpdateLocationInput));
  },
  links: async () => ({}),
  writeLinks: async () => {},
};

/** Current locations (with `includeArchived` also archived ones), by slug: public data. With `;` positions get a decimal comma. */
export async function exportLocations(ctx: RequestContext, options: { includeArchived?: boolean; separator?: Separator } = {}): Promise<string> {
  const separator = options.separator ?? ',';
  const rows: Array<Record<string, unknown>> = await ctx.manager.query(
    `SELECT l.slug, l.name, o.slug AS organisation_slug, l.kind, l.address, l.postcode, l.city, l.latitude, l.longitude,
            coalesce(a.code, a.slug) AS area, l.description, l.accessibility, l.location_description, l.status, l.aliases
       FROM location l LEFT JOIN organisation o ON o.id = l.organisation_id LEFT JOIN area a ON a.id = l.area_id
      ${options.includeArchived ? '' : 'WHERE l.archived_at IS NULL'}
      ORDER BY l.slug`,
  );
  const decimalOf = (value: unknown) => (value === null ? null : separator === ';' ? String(value).replace('.', ',') : String(value));
  return toCsv(
    { columns: LOCATION_CSV_COLUMNS, numberColumns: ['latitude', 'longitude'] },
    rows.map((row) => ({ ...row, latitude: decimalOf(row.latitude), longitude: decimalOf(row.longitude) })),
    separator,
  );
}

/** Admins, organisation users and WRITE_OWN_ORGANISATION keys (the router); each row as its mutation allows it. */
export function importLocations(ctx: RequestContext, csv: string, dryRun: boolean): Promise<CsvImportResponse> {
  return importRecords(ctx, locationImport, csv, dryRun);
}
