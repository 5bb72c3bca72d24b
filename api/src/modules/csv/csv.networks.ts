import type { RequestContext } from '../../context';
import { assertMayCurateOrganisationRecord, isAdmin } from '../../auth/policy';
import { forbidden } from '../../auth/auth.rules';
import { replaceLinks } from '../curation';
import { resolveAreaIds } from '../area';
import { Network, NetworkKind, NetworkStatus, SwitchModel } from '../network/network.entity';
import { MemberContribution, MemberTier, NetworkMember } from '../network/network-member.entity';
import {
  CreateNetworkInput,
  NetworkMemberInput,
  UpdateNetworkInput,
  applyMemberInput,
  applyNetworkInput,
  networkCuration,
  networkMemberCuration,
  newNetworkMember,
  resolveTargetGroupIds,
} from '../network';
import { organisationOfNewRecord } from '../service';
import { type Separator, toCsv } from './csv.cells';
import { type ColumnSpec, type RecordImport, decimal, enumeration, failOnColumnsOf, idBySlug, importRecords, int, list, text } from './csv.records';
import { mayReadKeyPersons } from './csv.key-persons';
import type { CsvImportResponse } from './csv.report';

/*
 * Networks (by slug) and their members (by id, an empty id adds one) as CSV rows, with the same
 * dry run and row report as the other CSV imports (docs/api-guide.md, "Networks and members").
 * Every row is checked by the network feature's own rule functions (applyNetworkInput,
 * applyMemberInput — what createNetwork, updateNetwork, addNetworkMember and updateNetworkMember
 * apply) and authorised as those mutations are: admins, and the coordinating organisation's users
 * and API keys for the networks it coordinates (a new network is coordinated by the caller's own
 * organisation; only admins hand a network to another one).
 */

/** An empty knowledge_areas cell is "not recorded" (null), as the export writes it, not an empty list. */
function noEmptyKnowledgeAreas(input: Record<string, unknown>): Record<string, unknown> {
  return Array.isArray(input.knowledgeAreas) && input.knowledgeAreas.length === 0 ? { ...input, knowledgeAreas: null } : input;
}

const NETWORK_COLUMNS: ColumnSpec[] = [
  text('name', 'name'),
  enumeration('kind', 'kind', NetworkKind),
  text('kind_description', 'kindDescription'),
  enumeration('switch_model', 'switchModel', SwitchModel),
  text('purpose', 'purpose'),
  int('meeting_interval_weeks', 'meetingIntervalWeeks'),
  text('meeting_frequency', 'meetingFrequency'),
  text('coordinator_role', 'coordinatorRole'),
  text('working_method', 'workingMethod'),
  text('size_description', 'sizeDescription'),
  text('period', 'period'),
  text('founded_on', 'foundedOn'),
  enumeration('status', 'status', NetworkStatus),
  list('knowledge_areas', 'knowledgeAreas'),
  list('areas', 'areas'),
  list('target_groups', 'targetGroups'),
];

/** Export and import columns of networks, in order. */
export const NETWORK_CSV_COLUMNS = ['slug', 'name', 'coordinator_slug', ...NETWORK_COLUMNS.slice(1).map((c) => c.column)];

const networkImport: RecordImport<Network> = {
  spec: networkCuration,
  columns: NETWORK_COLUMNS,
  required: ['slug'],
  referenceColumns: { coordinator_slug: 'coordinatorOrganisationId' },
  inputClass: (creating) => (creating ? new CreateNetworkInput() : new UpdateNetworkInput()),
  create: (tx, slug) => tx.getRepository(Network).create({ slug, status: NetworkStatus.ACTIVE, coordinatorOrganisationId: null, homeBaseLocationId: null }),
  authorize: (ctx, record) => assertMayCurateOrganisationRecord(ctx, record.coordinatorOrganisationId),
  async apply(tx, ctx, record, input, reader) {
    // The coordinator, as createNetwork / updateNetwork decide it.
    const coordinatorSlug = reader.text('coordinator_slug');
    const requested = coordinatorSlug === undefined ? undefined : coordinatorSlug ? await idBySlug(tx, 'organisation', coordinatorSlug, record.coordinatorOrganisationId, reader, 'coordinator_slug') : null;
    if (!record.id) {
      record.coordinatorOrganisationId = await organisationOfNewRecord(ctx, tx, requested);
    } else if (requested !== undefined && requested !== record.coordinatorOrganisationId && !isAdmin(ctx)) {
      throw forbidden('Only admins hand a network to another coordinating organisation');
    } else if (requested !== undefined) {
      record.coordinatorOrganisationId = requested;
    }
    const { slug: _slug, areas: _areas, targetGroups: _targetGroups, ...fields } = input;
    await failOnColumnsOf(reader, networkImport, () => applyNetworkInput(tx, record, noEmptyKnowledgeAreas(fields) as UpdateNetworkInput));
  },
  async links(tx, ctx, _record, input, reader): Promise<Record<string, string[]>> {
    const links: Record<string, string[]> = {};
    await failOnColumnsOf(reader, networkImport, async () => {
      if (input.areas !== undefined) links.areaIds = [...new Set(await resolveAreaIds(ctx, input.areas as string[], 'input.areas'))];
      if (input.targetGroups !== undefined) links.targetGroupIds = [...new Set(await resolveTargetGroupIds(tx, input.targetGroups as string[], 'input.targetGroups'))];
    });
    return links;
  },
  async writeLinks(tx, id, links) {
    if (links.areaIds) await replaceLinks(tx, 'network_area', 'network_id', id, 'area_id', links.areaIds);
    if (links.targetGroupIds) await replaceLinks(tx, 'network_target_group', 'network_id', id, 'target_group_id', links.targetGroupIds);
  },
};

/** Current networks (with `includeArchived` also archived ones), by slug. */
export async function exportNetworks(ctx: RequestContext, options: { includeArchived?: boolean; separator?: Separator } = {}): Promise<string> {
  const rows: Array<Record<string, unknown>> = await ctx.manager.query(
    `SELECT n.slug, n.name, o.slug AS coordinator_slug, n.kind, n.kind_description, n.switch_model, n.purpose, n.meeting_interval_weeks, n.meeting_frequency,
            n.coordinator_role, n.working_method, n.size_description, n.period, to_char(n.founded_on, 'YYYY-MM-DD') AS founded_on, n.status,
            n.knowledge_areas,
            ARRAY(SELECT coalesce(a.code, a.slug) FROM network_area x JOIN area a ON a.id = x.area_id WHERE x.network_id = n.id ORDER BY 1) AS areas,
            ARRAY(SELECT tg.code FROM network_target_group x JOIN target_group tg ON tg.id = x.target_group_id WHERE x.network_id = n.id ORDER BY 1) AS target_groups
       FROM network n LEFT JOIN organisation o ON o.id = n.coordinator_organisation_id
      ${options.includeArchived ? '' : 'WHERE n.archived_at IS NULL'}
      ORDER BY n.slug`,
  );
  return toCsv({ columns: NETWORK_CSV_COLUMNS, numberColumns: ['meeting_interval_weeks'] }, rows, options.separator ?? ',');
}

/** Admins, organisation users and WRITE_OWN_ORGANISATION keys (the router); each row as its mutation allows it. */
export function importNetworks(ctx: RequestContext, csv: string, dryRun: boolean): Promise<CsvImportResponse> {
  return importRecords(ctx, networkImport, csv, dryRun);
}

// Members -------------------------------------------------------------------------------------

const MEMBER_COLUMNS: ColumnSpec[] = [
  text('organisation_name', 'organisationName'),
  text('key_person_id', 'keyPersonId'),
  text('role', 'role'),
  enumeration('tier', 'tier', MemberTier),
  enumeration('contribution', 'contribution', MemberContribution),
  decimal('fte', 'fte'),
  decimal('hours_per_week', 'hoursPerWeek'),
  list('knowledge_areas', 'knowledgeAreas'),
  text('joined_on', 'joinedOn'),
  text('left_on', 'leftOn'),
  text('note', 'note'),
];

/** Export and import columns of network members, in order. */
export const NETWORK_MEMBER_CSV_COLUMNS = ['id', 'network_slug', 'organisation_slug', ...MEMBER_COLUMNS.map((c) => c.column)];

const memberImport: RecordImport<NetworkMember> = {
  key: 'id',
  spec: networkMemberCuration,
  columns: MEMBER_COLUMNS,
  required: ['id', 'network_slug'],
  referenceColumns: { network_slug: 'networkId', organisation_slug: 'organisationId' },
  inputClass: () => new NetworkMemberInput(),
  create: (tx) => newNetworkMember(tx, ''),
  async apply(tx, ctx, record, input, reader) {
    // The network, as addNetworkMember finds it: current, and coordinated by the caller (or an admin). A member stays in its network.
    const slug = reader.text('network_slug') ?? '';
    const [network]: Array<{ id: string; coordinator_organisation_id: string | null; archived_at: Date | null }> = await tx.query(
      `SELECT id, coordinator_organisation_id, archived_at FROM network WHERE slug = $1`,
      [slug],
    );
    if (!network) return reader.fail('network_slug', `Unknown network "${slug}"`);
    if (record.id && record.networkId !== network.id) return reader.fail('network_slug', 'A member stays in its network: add a new row (empty id) for the other network');
    assertMayCurateOrganisationRecord(ctx, network.coordinator_organisation_id);
    if (!record.id && network.archived_at) return reader.fail('network_slug', `Network "${slug}" is archived`);
    record.networkId = network.id;
    const organisationSlug = reader.text('organisation_slug');
    const organisationId = organisationSlug === undefined ? undefined : organisationSlug ? await idBySlug(tx, 'organisation', organisationSlug, record.organisationId, reader, 'organisation_slug') : null;
    await failOnColumnsOf(reader, memberImport, () => applyMemberInput(tx, record, { ...(noEmptyKnowledgeAreas(input) as NetworkMemberInput), ...(organisationId !== undefined ? { organisationId } : {}) }));
  },
  links: async () => ({}),
  writeLinks: async () => {},
};

/** Members of current networks (with `includeArchived` also of archived ones); which key person a seat is, only to those who may read key persons. */
export async function exportNetworkMembers(ctx: RequestContext, options: { includeArchived?: boolean; separator?: Separator } = {}): Promise<string> {
  const rows: Array<Record<string, unknown>> = await ctx.manager.query(
    `SELECT m.id, n.slug AS network_slug, o.slug AS organisation_slug, m.organisation_name, CASE WHEN $1 THEN m.key_person_id END AS key_person_id, m.role, m.tier, m.contribution, m.fte, m.hours_per_week,
            m.knowledge_areas, to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on, to_char(m.left_on, 'YYYY-MM-DD') AS left_on, m.note
       FROM network_member m JOIN network n ON n.id = m.network_id LEFT JOIN organisation o ON o.id = m.organisation_id
      ${options.includeArchived ? '' : 'WHERE n.archived_at IS NULL'}
      ORDER BY n.slug, m.joined_on NULLS FIRST, m.id`,
    [mayReadKeyPersons(ctx)],
  );
  const separator = options.separator ?? ',';
  const decimalOf = (value: unknown) => (value === null ? null : separator === ';' ? String(value).replace('.', ',') : String(value));
  return toCsv(
    { columns: NETWORK_MEMBER_CSV_COLUMNS, numberColumns: ['fte', 'hours_per_week'] },
    rows.map((row) => ({ ...row, fte: decimalOf(row.fte), hours_per_week: decimalOf(row.hours_per_week) })),
    separator,
  );
}

export function importNetworkMembers(ctx: RequestContext, csv: string, dryRun: boolean): Promise<CsvImportResponse> {
  return importRecords(ctx, memberImport, csv, dryRun);
}
