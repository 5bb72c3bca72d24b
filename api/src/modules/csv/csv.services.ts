import type { RequestContext } from '../../context';
import { applyFields, linkedIds, replaceLinks } from '../curation';
import { Service, ServiceStatus } from '../service/service.entity';
import { CreateServiceInput, serviceCuration, serviceProblems, UpdateServiceInput } from '../service';
import { type Separator, toCsv } from './csv.cells';
import { type ColumnSpec, type RecordImport, areaIdsOf, bool, enumeration, failOnColumns, idBySlug, idsByCode, importRecords, int, list, organisationIdsBySlug, text } from './csv.records';
import type { CsvImportResponse } from './csv.report';

/* Services as CSV rows, by slug (docs/api-guide.md, "CSV: key figures, organisations and services"). */

const SERVICE_COLUMNS: ColumnSpec[] = [
  text('name', 'name'),
  text('description', 'description'),
  enumeration('status', 'status', ServiceStatus),
  int('min_age', 'minAge'),
  int('max_age', 'maxAge'),
  list('target_groups', 'targetGroups'),
  list('areas', 'areas'),
  text('abbreviation', 'abbreviation'),
  list('aliases', 'aliases'),
  text('eligibility', 'eligibility'),
  bool('requires_indication', 'requiresIndication'),
  bool('works_without_indication', 'worksWithoutIndication'),
  text('cost', 'cost'),
  list('languages', 'languages'),
  text('valid_from', 'validFrom'),
  text('valid_to', 'validTo'),
  text('period_description', 'periodDescription'),
  text('funding', 'funding'),
  text('frequency', 'frequency'),
  list('intervention_types', 'interventionTypes'),
];

/** Export and import columns of services, in order. */
export const SERVICE_CSV_COLUMNS = ['slug', 'name', 'organisation_slug', ...SERVICE_COLUMNS.slice(1).map((c) => c.column), 'partners'];

const SERVICE_FIELDS = [
  'name', 'abbreviation', 'description', 'eligibility', 'minAge', 'maxAge', 'requiresIndication', 'worksWithoutIndication',
  'cost', 'status', 'validFrom', 'validTo', 'periodDescription', 'funding', 'frequency',
] as const;

const serviceImport: RecordImport<Service> = {
  spec: serviceCuration,
  columns: SERVICE_COLUMNS,
  required: ['slug', 'name'],
  referenceColumns: { organisation_slug: 'organisationId', partners: 'partnerIds' },
  inputClass: (creating) => (creating ? new CreateServiceInput() : new UpdateServiceInput()),
  create: (tx, slug) => tx.getRepository(Service).create({ slug, organisationId: null, aliases: [], languages: [], results: [], status: ServiceStatus.ACTIVE }),
  // The same rules as `updateService` (service.service.ts): service.rules.ts.
  async apply(tx, _ctx, record, input, reader) {
    applyFields(record, input, SERVICE_FIELDS);
    if (input.status === null) record.status = ServiceStatus.ACTIVE;
    if (input.aliases !== undefined) record.aliases = input.aliases as string[];
    if (input.languages !== undefined) record.languages = input.languages as string[];
    // The rules of a service (service.rules.ts), with the messages a form gets, on their columns.
    failOnColumns(reader, serviceImport, serviceProblems(record, input));
    const organisationSlug = reader.text('organisation_slug');
    if (organisationSlug !== undefined) {
      const organisationId = organisationSlug ? await idBySlug(tx, 'organisation', organisationSlug, record.organisationId, reader, 'organisation_slug') : null;
      if (organisationId !== undefined) record.organisationId = organisationId;
    }
  },
  async links(tx, _ctx, record, input, reader) {
    const current = (table: string, column: string) => (record.id ? linkedIds(tx, table, 'service_id', record.id, column) : Promise.resolve([]));
    const links: Record<string, string[]> = {};
    if (input.targetGroups !== undefined) {
      links.targetGroupIds = await idsByCode(tx, 'target_group', 'target group', input.targetGroups as string[], await current('service_target_group', 'target_group_id'), reader, 'target_groups');
    }
    if (input.interventionTypes !== undefined) {
      links.interventionTypeIds = await idsByCode(
        tx, 'intervention_type', 'intervention type', input.interventionTypes as string[], await current('service_intervention_type', 'intervention_type_id'), reader, 'intervention_types',
      );
    }
    if (input.areas !== undefined) links.areaIds = await areaIdsOf(tx, input.areas as string[], await current('service_area', 'area_id'), reader, 'areas');
    const partners = reader.list('partners');
    if (partners !== undefined) links.partnerIds = await organisationIdsBySlug(tx, partners, await current('service_partner', 'organisation_id'), reader, 'partners');
    return links;
  },
  async writeLinks(tx, id, links) {
    if (links.targetGroupIds) await replaceLinks(tx, 'service_target_group', 'service_id', id, 'target_group_id', links.targetGroupIds);
    if (links.interventionTypeIds) await replaceLinks(tx, 'service_intervention_type', 'service_id', id, 'intervention_type_id', links.interventionTypeIds);
    if (links.areaIds) await replaceLinks(tx, 'service_area', 'service_id', id, 'area_id', links.areaIds);
    if (links.partnerIds) await replaceLinks(tx, 'service_partner', 'service_id', id, 'organisation_id', links.partnerIds);
  },
};

/** Current services (with `includeArchived` also archived ones), by slug. */
export async function exportServices(ctx: RequestContext, options: { includeArchived?: boolean; separator?: Separator } = {}): Promise<string> {
  const rows: Array<Record<string, unknown>> = await ctx.manager.query(
    `SELECT s.slug, s.name, o.slug AS organisation_slug, s.description, s.status, s.min_age, s.max_age,
            ARRAY(SELECT tg.code FROM service_target_group x JOIN target_group tg ON tg.id = x.target_group_id WHERE x.service_id = s.id ORDER BY 1) AS target_groups,
            ARRAY(SELECT coalesce(a.code, a.slug) FROM service_area x JOIN area a ON a.id = x.area_id WHERE x.service_id = s.id ORDER BY 1) AS areas,
            s.abbreviation, s.aliases, s.eligibility, s.requires_indication, s.works_without_indication, s.cost, s.languages,
            s.valid_from::text AS valid_from, s.valid_to::text AS valid_to, s.period_description, s.funding, s.frequency,
            ARRAY(SELECT it.code FROM service_intervention_type x JOIN intervention_type it ON it.id = x.intervention_type_id WHERE x.service_id = s.id ORDER BY 1) AS intervention_types,
            ARRAY(SELECT p.slug FROM service_partner x JOIN organisation p ON p.id = x.organisation_id WHERE x.service_id = s.id ORDER BY 1) AS partners
       FROM service s LEFT JOIN organisation o ON o.id = s.organisation_id
      ${options.includeArchived ? '' : 'WHERE s.archived_at IS NULL'}
      ORDER BY s.slug`,
  );
  return toCsv({ columns: SERVICE_CSV_COLUMNS, numberColumns: ['min_age', 'max_age'] }, rows, options.separator ?? ',');
}

/** Admins only (checked by the router). */
export function importServices(ctx: RequestContext, csv: string, dryRun: boolean): Promise<CsvImportResponse> {
  return importRecords(ctx, serviceImport, csv, dryRun);
}
