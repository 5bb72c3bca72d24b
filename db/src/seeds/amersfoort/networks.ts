import type { EntityManager } from 'typeorm';
import {
  type NetworkData,
  type NetworkMemberData,
  type Nullable,
  type SeedContext,
  insertLinks,
  joinNotes,
  labelled,
  nfc,
  runJson,
} from './data';

type NetworkKind =
  | 'SWITCH_TEAM'
  | 'SIGNALLING_NETWORK'
  | 'BROAD_NETWORK'
  | 'CASE_CONSULTATION'
  | 'OUTREACH_TEAM'
  | 'AREA_MANAGEMENT_TEAM'
  | 'OTHER';

/**
 * Network `type` → kind, first matching rule wins. The values in the data set:
 *
 * | type                                                        | kind                 |
 * |-------------------------------------------------------------|----------------------|
 * | schakelteam (intermediërend wijknetwerk; Best Practice Unit) | SWITCH_TEAM          |
 * | schakelteam (tweedelijns; ‘spin in het web’, …)             | SWITCH_TEAM          |
 * | schakelteam (frontlinie)                                    | SWITCH_TEAM          |
 * | signaleringsnetwerk (Buurtnetwerk 55+)                      | SIGNALLING_NETWORK   |
 * | casuïstiekoverleg                                           | CASE_CONSULTATION    |
 * | casemanagementteams (ggz ACT/FACT, vangnet & advies)        | CASE_CONSULTATION    |
 * | outreachend team (‘achter de voordeur’) (AV-team)           | OUTREACH_TEAM        |
 * | bemoeizorgteam (Kwintes)                                    | OUTREACH_TEAM        |
 * | wijkbeheerteam (×3)                                         | AREA_MANAGEMENT_TEAM |
 * | kennis- en informatienetwerk (broad network, elderly R-S)   | BROAD_NETWORK        |
 * | samenwerkingsnetwerk zorg en welzijn (Wijk en Psychiatrie)  | BROAD_NETWORK        |
 * | buurtnetwerk (jeugd)                                        | BROAD_NETWORK        |
 * | stedelijk netwerk (directie en management)                  | BROAD_NETWORK        |
 * | uitwisselingsbijeenkomsten (professionals of the 3 areas)   | BROAD_NETWORK        |
 * | overleg (vangnet overleg; the book does not describe it)    | OTHER                |
 * | team openbare geestelijke gezondheidszorg (OGGZ team)       | OTHER                |
 * | kerkelijk overleg (pastoral consultation, Brugkerk)         | OTHER                |
 *
 * `kind_description` keeps the book's wording.
 */
const NETWORK_KIND_RULES: Array<[RegExp, NetworkKind]> = [
  [/^schakelteam/, 'SWITCH_TEAM'],
  [/^signaleringsnetwerk/, 'SIGNALLING_NETWORK'],
  [/casuïstiekoverleg|casemanagement/, 'CASE_CONSULTATION'],
  [/outreachend|bemoeizorg/, 'OUTREACH_TEAM'],
  [/^wijkbeheerteam/, 'AREA_MANAGEMENT_TEAM'],
  [/samenwerkingsnetwerk|stedelijk netwerk|buurtnetwerk|kennis- en informatienetwerk|uitwisselingsbijeenkomsten/, 'BROAD_NETWORK'],
];

export function networkKind(type: string): NetworkKind {
  const text = nfc(type).toLowerCase();
  return NETWORK_KIND_RULES.find(([pattern]) => pattern.test(text))?.[1] ?? 'OTHER';
}

/** The district's switch-team model: 'tweede lijn' → SECOND_LINE, 'frontlinie' → FRONTLINE, else NULL. */
function switchModel(model: string | null | undefined): 'SECOND_LINE' | 'FRONTLINE' | null {
  const text = nfc(model).trim().toLowerCase();
  if (text === 'tweede lijn') return 'SECOND_LINE';
  if (text === 'frontlinie') return 'FRONTLINE';
  return null;
}

const DUTCH_NUMBERS: Record<string, number> = {
  een: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10, twaalf: 12,
};

/** Weeks between meetings, only when the text states weeks ("eenmaal per zes weken" → 6). */
export function meetingIntervalWeeks(frequency: string | null | undefined): number | null {
  const text = nfc(frequency).toLowerCase();
  const perWeeks = /per\s+(\d+|[a-z]+)\s+weken/.exec(text);
  if (perWeeks) {
    const word = perWeeks[1];
    const weeks = /^\d+$/.test(word) ? Number(word) : DUTCH_NUMBERS[word];
    return weeks && weeks >= 1 && weeks <= 104 ? weeks : null;
  }
  if (/\btweewekelijks\b/.test(text)) return 2;
  if (/\bwekelijks\b/.test(text)) return 1;
  return null;
}

type KnowledgeArea =
  | 'COMMUNITY_BUILDING'
  | 'SOCIAL_CULTURAL_WORK'
  | 'SOCIAL_WORK'
  | 'SOCIAL_LEGAL_SERVICES'
  | 'SOCIAL_HOUSING'
  | 'HEALTH_CARE'
  | 'ELDERLY_CARE'
  | 'DISABILITY_CARE';

/** The eight knowledge areas of book §9.7 Praktijk 2, in the book's order. */
const KNOWLEDGE_AREA_ORDER: KnowledgeArea[] = [
  'COMMUNITY_BUILDING',
  'SOCIAL_CULTURAL_WORK',
  'SOCIAL_WORK',
  'SOCIAL_LEGAL_SERVICES',
  'SOCIAL_HOUSING',
  'HEALTH_CARE',
  'ELDERLY_CARE',
  'DISABILITY_CARE',
];

function inBookOrder(areas: Iterable<KnowledgeArea>): KnowledgeArea[] {
  const set = new Set(areas);
  return KNOWLEDGE_AREA_ORDER.filter((area) => set.has(area));
}

/**
 * A member's role, in the book's words → the knowledge areas of §9.7 Praktijk 2 it names.
 * Only words that name the area or its own profession count:
 *
 * | words in the role                         | knowledge area        | basis                                                 |
 * |-------------------------------------------|-----------------------|-------------------------------------------------------|
 * | opbouwwerker, opbouwwerkster               | COMMUNITY_BUILDING    | opbouwwerk is the method of samenlevingsopbouw (§9.6) |
 * | sociaal(-)cultureel werk(er)               | SOCIAL_CULTURAL_WORK  | the same words                                        |
 * | maatschappelijk werk(er)                   | SOCIAL_WORK           | the same words                                        |
 * | sociaaljuridisch                           | SOCIAL_LEGAL_SERVICES | the same words                                        |
 * | woningcorporatie, woningbouwcorporatie     | SOCIAL_HOUSING        | §9.4: that knowledge comes from the corporations      |
 * | verpleegkundige, huisarts                  | HEALTH_CARE           | professions of gezondheidszorg (§9.7 Onderzoek 2)     |
 * | gehandicaptenzorg                          | DISABILITY_CARE       | the same words                                        |
 *
 * Deliberately not mapped: "ouderenwerk", "welzijnswerker", "welzijnsprofessional" (welfare
 * work, which the book keeps apart from care: ouderenwerk is not ouderenzorg), "zorgprofessional"
 * and "hulpverlener(s)" (no field named), "diaken", "wijkagent", "WeP-consulent" and the like.
 * A member whose words name none of the eight keeps NULL ("not recorded"), never an empty list.
 */
const ROLE_KNOWLEDGE_RULES: Array<[RegExp, KnowledgeArea]> = [
  [/\bopbouwwerk(er|ster)?\b/, 'COMMUNITY_BUILDING'],
  [/\bsociaal[- ]?cultureel werk(er|ster)?\b/, 'SOCIAL_CULTURAL_WORK'],
  [/\bmaatschappelijk werk(er|ster)?\b/, 'SOCIAL_WORK'],
  [/\bsociaal[- ]?juridisch/, 'SOCIAL_LEGAL_SERVICES'],
  [/\bwoning(bouw)?corporatie/, 'SOCIAL_HOUSING'],
  [/\b(wijk)?verpleegkundige\b|\bhuisarts\b/, 'HEALTH_CARE'],
  [/gehandicaptenzorg/, 'DISABILITY_CARE'],
];

/**
 * Members of the organisations the data set files under sector `wonen` (the housing
 * corporations: de Alliantie, Portaal, "woningcorporaties") bring knowledge of social housing:
 * book §9.4, "kennis vanuit de sociale huisvesting – van de in de wijk actieve woningcorporaties".
 */
const HOUSING_SECTOR = 'wonen';

export function knowledgeAreasOfMember(role: string | null | undefined, organisationSector: string | null | undefined): KnowledgeArea[] | null {
  const text = nfc(role).toLowerCase();
  const found = ROLE_KNOWLEDGE_RULES.filter(([pattern]) => pattern.test(text)).map(([, area]) => area);
  if (organisationSector === HOUSING_SECTOR) found.push('SOCIAL_HOUSING');
  return found.length > 0 ? inBookOrder(found) : null;
}

/**
 * The book's words for the knowledge present in a switch team (districts[].switchTeam.
 * knowledgeInTeam: Kruiskamp-Koppel §3.5, Schothorst §5.3) → knowledge areas. Psychiatry is
 * geestelijke gezondheidszorg, part of gezondheidszorg. Words that name none of the eight map
 * to null and are left out; an unknown word stops the seed, so this table stays complete.
 */
const TEAM_KNOWLEDGE: Record<string, KnowledgeArea | null> = {
  'sociaal-cultureel werk': 'SOCIAL_CULTURAL_WORK',
  'maatschappelijk werk': 'SOCIAL_WORK',
  psychiatrie: 'HEALTH_CARE',
  'zorg (psychiatrie)': 'HEALTH_CARE',
  'verstandelijk gehandicaptenzorg': 'DISABILITY_CARE',
  'sociaalpedagogische hulpverlening': null,
  jeugdwerk: null,
  vrijwilligerswerk: null,
};

/** NULL when the book states nothing for the team (an empty list in the data set). */
export function knowledgeAreasOfTeam(words: Nullable<string[]>): KnowledgeArea[] | null {
  if (!words || words.length === 0) return null;
  const found: KnowledgeArea[] = [];
  for (const word of words) {
    const key = nfc(word).trim().toLowerCase();
    if (!(key in TEAM_KNOWLEDGE)) throw new Error(`amersfoort seed: unknown team knowledge "${word}"; add it to TEAM_KNOWLEDGE`);
    const area = TEAM_KNOWLEDGE[key];
    if (area) found.push(area);
  }
  return inBookOrder(found);
}

/**
 * Target groups of networks that the book states in words but the data set does not link by
 * slug. Only Buurtnetwerk 55+: book §4.4 B, "als doel hebben om ouderen, die in sociaal
 * isolement verkeren, of dreigen te raken, te signaleren, te bespreken en de ondersteunen"
 * (the data set's purpose: "Signaleren van ouderen in sociaal isolement").
 */
const NETWORK_TARGET_GROUPS_STATED_IN_TEXT: Array<readonly [string, string]> = [['buurtnetwerk-55plus', 'kwetsbare-ouderen-sociaal-isolement']];

const TIERS: Record<string, string> = { core: 'CORE', shell: 'SHELL' };
const CONTRIBUTIONS: Record<string, string> = { signalling: 'SIGNALLING', helping: 'HELPING', both: 'BOTH' };

function networkNote(network: NetworkData, switchTeamNotes: Array<string | null | undefined>): string | null {
  const switchedWith = network.switchedWith ?? [];
  const { switchedWithPeriod, switchedWithCountStated: switchedWithCount } = network;
  return joinNotes(
    network.membersNote,
    labelled('Indeling kern/schil', network.tierBasis),
    labelled('Reikwijdte', network.scopeNote),
    labelled('Afkorting', network.abbreviationNote),
    labelled('Taken coördinator', network.coordinator?.tasks?.join(' ')),
    labelled('Intermediaire rollen', network.intermediaryRoles?.join('; ')),
    ...switchTeamNotes,
    switchedWith.length > 0
      ? `Schakellijst${switchedWithPeriod ? ` (${switchedWithPeriod})` : ''}${
          switchedWithCount ? `, volgens de tekst ‘${switchedWithCount}’ organisaties` : ''
        }, ${switchedWith.length} vermeldingen: ${switchedWith.map((item) => item.entry).join(', ')}.`
      : null,
  );
}

function workingMethod(network: NetworkData): string | null {
  const phases = network.phases ?? [];
  return joinNotes(
    network.workingMethod,
    phases.length > 0 ? `Fasen: ${phases.map((phase) => `${phase.phase}. ${phase.description}`).join('; ')}.` : null,
  );
}

/**
 * The 19 networks, their areas, the target groups of the three switch teams (the district's
 * projectFocusTargetGroup) and of Buurtnetwerk 55+ (stated in the text, see
 * NETWORK_TARGET_GROUPS_STATED_IN_TEXT) and their members. Knowledge areas (book §9.7
 * Praktijk 2) only where the data set states them: a switch team's `knowledgeInTeam` on the
 * network, a member's role on the member (see knowledgeAreasOfTeam, knowledgeAreasOfMember).
 * Members have no natural key, so they are inserted only for networks created by this run;
 * knowledge areas are set when a network or member is inserted, never on existing rows.
 */
export async function seedNetworks(manager: EntityManager, context: SeedContext): Promise<void> {
  const { data, counter, areaSlugs, organisationSlugs } = context;
  const districtBySwitchTeam = new Map(
    data.districts.filter((district) => district.switchTeam).map((district) => [district.switchTeam!.networkSlug, district]),
  );

  const rows = data.networks.map((network) => {
    const switchTeam = districtBySwitchTeam.get(network.slug)?.switchTeam;
    const coordinatorOrganisation = network.coordinator?.organisation;
    return {
      slug: network.slug,
      name: network.name,
      kind: networkKind(network.type),
      kind_description: network.type,
      switch_model: switchModel(switchTeam?.model),
      purpose: network.purpose ?? null,
      meeting_interval_weeks: meetingIntervalWeeks(network.meetingFrequency),
      meeting_frequency: network.meetingFrequency ?? null,
      coordinator_organisation_slug:
        coordinatorOrganisation && organisationSlugs.has(coordinatorOrganisation) ? coordinatorOrganisation : null,
      coordinator_role: network.coordinator?.role ?? null,
      working_method: workingMethod(network),
      size_description: network.size ?? null,
      period: joinNotes(network.period, labelled('Sinds', network.since)),
      knowledge_areas: knowledgeAreasOfTeam(switchTeam?.knowledgeInTeam),
      source: network.source ?? null,
      note: networkNote(network, [
        switchTeam && !switchModel(switchTeam.model) ? labelled('Model volgens de samensteller', switchTeam.model) : null,
        switchTeam?.note,
        ...(switchTeam?.notes ?? []),
      ]),
    };
  });
  const inserted = await runJson<{ slug: string }>(
    manager,
    `INSERT INTO network
            (slug, name, kind, kind_description, switch_model, purpose, meeting_interval_weeks, meeting_frequency,
             coordinator_organisation_id, coordinator_role, working_method, size_description, period, knowledge_areas, source, note)
     SELECT r.slug, r.name, r.kind, r.kind_description, r.switch_model, r.purpose, r.meeting_interval_weeks,
            r.meeting_frequency, o.id, r.coordinator_role, r.working_method, r.size_description, r.period, r.knowledge_areas,
            r.source, r.note
       FROM jsonb_to_recordset($1::jsonb)
            AS r(slug text, name text, kind text, kind_description text, switch_model text, purpose text,
                 meeting_interval_weeks smallint, meeting_frequency text, coordinator_organisation_slug text,
                 coordinator_role text, working_method text, size_description text, period text, knowledge_areas text[],
                 source text, note text)
       LEFT JOIN organisation o ON o.slug = r.coordinator_organisation_slug
     ON CONFLICT (slug) DO NOTHING`,
    rows,
    'slug',
  );
  counter.add('network', inserted.length);

  const network = { column: 'network_id', table: 'network', key: 'slug' };
  const areas = data.networks
    .filter((item) => item.neighbourhood && areaSlugs.has(item.neighbourhood))
    .map((item) => [item.slug, item.neighbourhood as string] as const);
  counter.add(
    'network_area',
    await insertLinks(
      manager,
      { table: 'network_area', left: network, right: { column: 'area_id', table: 'area', key: 'slug' } },
      areas,
    ),
  );

  const targetGroupSlugs = new Set(data.targetGroups.map((group) => group.slug));
  const targetGroups = [
    ...[...districtBySwitchTeam.entries()].flatMap(([networkSlug, district]) =>
      (district.projectFocusTargetGroup?.targetGroupSlugs ?? []).map((group) => [networkSlug, group] as const),
    ),
    ...NETWORK_TARGET_GROUPS_STATED_IN_TEXT,
  ].filter(([, group]) => targetGroupSlugs.has(group));
  counter.add(
    'network_target_group',
    await insertLinks(
      manager,
      { table: 'network_target_group', left: network, right: { column: 'target_group_id', table: 'target_group', key: 'code' } },
      targetGroups,
    ),
  );

  const created = new Set(inserted.map((row) => row.slug));
  const sectors = new Map(data.organisations.map((organisation) => [organisation.slug, organisation.sector]));
  const members = data.networks
    .filter((item) => created.has(item.slug))
    .flatMap((item) => (item.members ?? []).map((member) => memberRow(item.slug, member, organisationSlugs, sectors)))
    .filter((member): member is NonNullable<typeof member> => member !== null);
  const insertedMembers = await runJson(
    manager,
    `INSERT INTO network_member
            (network_id, organisation_id, organisation_name, role, tier, contribution, fte, hours_per_week, knowledge_areas, source, note)
     SELECT n.id, o.id, r.organisation_name, r.role, r.tier, r.contribution, r.fte, r.hours_per_week, r.knowledge_areas, r.source, r.note
       FROM jsonb_to_recordset($1::jsonb)
            AS r(network_slug text, organisation_slug text, organisation_name text, role text, tier text,
                 contribution text, fte numeric, hours_per_week numeric, knowledge_areas text[], source text, note text)
       JOIN network n ON n.slug = r.network_slug
       LEFT JOIN organisation o ON o.slug = r.organisation_slug`,
    members,
    'id',
  );
  counter.add('network_member', insertedMembers.length);
}

/**
 * One member: organisation when `organisation` is an organisation; organisation_name is the
 * book's name for it (organisationName) or, when the reference is not an organisation (the
 * OGGZ team is a network), the unresolved reference itself, so that CHK_network_member_who
 * always holds. A member with neither is dropped (none in the data set).
 */
function memberRow(
  networkSlug: string,
  member: NetworkMemberData,
  organisationSlugs: ReadonlySet<string>,
  sectors: ReadonlyMap<string, string>,
) {
  const resolved = member.organisation && organisationSlugs.has(member.organisation) ? member.organisation : null;
  const organisationName = member.organisationName ?? (resolved ? null : member.organisation ?? null);
  if (!resolved && !organisationName) return null;
  const tier = member.tier ? TIERS[member.tier] : null;
  const contribution = member.function ? CONTRIBUTIONS[member.function] : null;
  if (tier === undefined) throw new Error(`amersfoort seed: unknown network member tier "${member.tier}"`);
  if (contribution === undefined) throw new Error(`amersfoort seed: unknown network member function "${member.function}"`);
  return {
    network_slug: networkSlug,
    organisation_slug: resolved,
    organisation_name: organisationName,
    role: member.role ?? null,
    tier,
    contribution,
    fte: typeof member.fte === 'number' ? member.fte : null,
    hours_per_week: typeof member.hoursPerWeek === 'number' ? member.hoursPerWeek : null,
    knowledge_areas: knowledgeAreasOfMember(member.role, member.organisation ? sectors.get(member.organisation) : null),
    source: member.source ?? null,
    note: joinNotes(member.note, labelled('Indeling functie door de samensteller', member.functionBasis)),
  };
}
