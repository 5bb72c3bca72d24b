import { longDutchDate } from '../../common/dates';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import type { Area } from '../area/area.entity';
import { Sector } from '../organisation/organisation.entity';
import type { NeighbourhoodView } from './neighbourhood.types';
import { formatNumber, formatValue, knowledgeAreaLabel } from './neighbourhood.rules';
import { thresholdsOf, viewBySector, viewKeyFigures, viewKeyPersons } from './neighbourhood.service';
import { viewCoverage, viewGapGroups } from './neighbourhood.service.coverage';
import { viewNetworks } from './neighbourhood.service.networks';
import { ServingRelation } from './neighbourhood.loaders';

/**
 * The book's *Format wijkkaart* (§6.3; `wijkkaartFormat` in db/data/amersfoort-2009.json),
 * copied into code: the sections of the neighbourhood map a switch team starts from, answering
 * "Wat is er in de wijk aanwezig?" and "Wat is er nodig?".
 */
export const WIJKKAART_FORMAT = {
  title: 'Format wijkkaart',
  source: '6.3',
  sections: [
    {
      number: '1.',
      title: 'Geschiedenis en toekomst',
      subsections: [
        { number: '1.1', title: 'Geschiedenis van de wijk' },
        { number: '1.2', title: 'Toekomstplannen met betrekking tot de wijk' },
      ],
    },
    {
      number: '2.',
      title: 'Socio-demografische kenmerken van de wijk',
      subsections: [
        { number: '2.1', title: 'Bevolkingsopbouw en demografische samenstelling' },
        { number: '2.2', title: 'Specifieke bewonersgroepen in de wijk/buurt' },
        { number: '2.3', title: 'Woon- en leefklimaat (leefbaarheid)' },
        { number: '2.4', title: 'Economische, politieke en maatschappelijke factoren' },
      ],
    },
    {
      number: '3.',
      title: 'Fysieke kenmerken van de wijk',
      subsections: [
        { number: '3.1', title: 'Geografische infrastructuur (ligging, buurten)' },
        { number: '3.2', title: 'Woningbouw' },
        { number: '3.3', title: 'Inrichting van de publieke ruimte' },
        {
          number: '3.4',
          title:
            'Voorzieningen waaronder vervoer, winkels, sportvoorzieningen, scholen, verenigingen, buurtcentra, bibliotheek/kunst/cultuurcentra, speciale woonvormen (zoals verzorgingscentra, verpleeghuizen en vormen van begeleid wonen)',
        },
      ],
    },
    {
      number: '4.',
      title: 'Sociale infrastructuur van de buurt/wijk',
      subsections: [
        { number: '4.1', title: 'Georganiseerde samenwerkingsverbanden en netwerken' },
        { number: '4.2', title: 'Aanbod van zorg en welzijnsinstellingen' },
        { number: '4.3', title: 'Georganiseerde vrijwilligersinitiatieven' },
        // Printed so in the book ("moskeen").
        { number: '4.4', title: 'Kerken en moskeen' },
        { number: '4.5', title: 'Sleutelpersonen in de wijk' },
      ],
    },
    {
      number: '5.',
      title: 'Sociale Index (capaciteiten, leefomgeving, meedoen en sociale binding met de wijk).',
      subsections: [],
    },
  ],
  noteAfterFormat:
    'Indien onvoldoende gegevens voor de sociale index aanwezig zijn kunnen hier gegevens samengebracht worden uit bijvoorbeeld buurt- en leefbaarheidonderzoeken.',
} as const;

/**
 * Which key figures go in which subsection (indicator codes of the book's tables, §3.1, §4.1,
 * §5.1). The residents' rating of the social quality is the book's composite score of social
 * ties (§9.1, note: "Monitor leefbaarheid en veiligheid 2006"), so it goes under 5, the social
 * index. Every other indicator (the running text's figures, mostly about specific groups)
 * goes under 2.2.
 */
export const SECTION_INDICATORS: Record<string, readonly string[]> = {
  '2.1': ['population', 'pct_age_0_to_19', 'pct_age_20_to_64', 'pct_age_65_plus', 'pct_non_western_migrants'],
  '2.4': ['unemployment_pct', 'avg_disposable_income_per_household_eur'],
  '3.2': ['dwellings', 'pct_owner_occupied', 'pct_rented'],
  '5.': ['social_quality_rating'],
};

const PLACED = new Set(Object.values(SECTION_INDICATORS).flat());

/** Organisation sectors per subsection of 4 (the organisation's own sector). */
const CARE_AND_WELFARE = new Set<string>([
  Sector.WELFARE,
  Sector.MENTAL_HEALTH_CARE,
  Sector.DISABILITY_CARE,
  Sector.ELDERLY_CARE,
  Sector.HOME_CARE,
  Sector.PRIMARY_CARE,
]);

const SECTOR_NL: Record<string, string> = {
  WELFARE: 'welzijn',
  MENTAL_HEALTH_CARE: 'geestelijke gezondheidszorg',
  DISABILITY_CARE: 'gehandicaptenzorg',
  ELDERLY_CARE: 'ouderenzorg',
  HOME_CARE: 'thuiszorg',
  PRIMARY_CARE: 'eerstelijnszorg',
  VOLUNTEER: 'vrijwilligerswerk',
  HOUSING: 'wonen',
  POLICE_SAFETY: 'politie en veiligheid',
  EDUCATION: 'onderwijs',
  MUNICIPALITY: 'gemeente',
  CHURCH_MOSQUE: 'kerk en moskee',
  WORK_INCOME: 'werk en inkomen',
  KNOWLEDGE_INSTITUTE: 'kennisinstelling',
  OTHER: 'overig',
};

const RELATION_NL: Record<ServingRelation, string> = {
  [ServingRelation.THIS_AREA]: '',
  [ServingRelation.AREA_BELOW]: 'in een buurt van dit gebied',
  [ServingRelation.AREA_ABOVE]: 'vastgelegd voor een groter gebied',
};

const STATUS_NL: Record<string, string> = { PASS: 'voldoet', FAIL: 'voldoet niet', UNKNOWN: 'onbekend' };

const NORM_NL: Record<string, string> = {
  MEMBERS_PER_10000_INHABITANTS: 'Leden per 10.000 inwoners',
  MEMBER_MIN_FTE: 'Inzet per lid (fte)',
  TEAM_SIZE: 'Aantal leden',
  TEAM_TOTAL_FTE: 'Totale inzet (fte)',
  KNOWLEDGE_AREAS: 'Kennisgebieden',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A piece of markup whose every value went through escapeHtml. */
class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template: interpolated values are escaped unless they are Html already (or arrays of it). */
function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    const parts = Array.isArray(value) ? value : [value];
    out += parts.map((part) => (part instanceof Html ? part.value : escapeHtml(part))).join('');
    out += strings[i + 1];
  });
  return new Html(out);
}

const NOT_RECORDED = html`<p class="leeg">Niet vastgelegd in de sociale kaart.</p>`;

interface FigureLine {
  name: string;
  unit: string;
  value: number;
  year: number | null;
  derived: boolean;
  parent: number | null;
  parentDerived: boolean;
  municipality: number | null;
  municipalityDerived: boolean;
  previous: { year: number | null; value: number } | null;
  source: string | null;
}

function figureTable(lines: FigureLine[], parentName: string | null, municipalityName: string | null): Html {
  if (lines.length === 0) return NOT_RECORDED;
  const value = (v: number | null, unit: string) => (v === null ? '–' : formatValue(v, unit, 'nl'));
  const star = (derived: boolean) => (derived ? html`<sup>*</sup>` : '');
  return html`<table>
  <thead><tr><th>Kerncijfer</th><th>Jaar</th><th>Waarde</th>${parentName ? html`<th>${parentName}</th>` : ''}${municipalityName ? html`<th>${municipalityName}</th>` : ''}<th>Vorig jaar</th><th>Bron</th></tr></thead>
  <tbody>${lines.map(
    (line) => html`
    <tr><td>${line.name}</td><td>${line.year ?? 'onbekend'}</td><td class="getal">${value(line.value, line.unit)}${star(line.derived)}</td>${parentName ? html`<td class="getal">${value(line.parent, line.unit)}${star(line.parentDerived)}</td>` : ''}${municipalityName ? html`<td class="getal">${value(line.municipality, line.unit)}${star(line.municipalityDerived)}</td>` : ''}<td>${line.previous ? `${formatValue(line.previous.value, line.unit, 'nl')} (${line.previous.year})` : '–'}</td><td>${line.derived ? 'berekend uit de buurten' : (line.source ?? '')}</td></tr>`,
  )}
  </tbody>
</table>`;
}

function list(items: Html[]): Html {
  return items.length === 0 ? NOT_RECORDED : html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`;
}

function relation(r: ServingRelation): Html {
  return RELATION_NL[r] ? html` <span class="via">(${RELATION_NL[r]})</span>` : html``;
}

export interface WijkkaartOptions {
  /** Key persons only for logged-in users (res.locals.viewer is a user). */
  includeKeyPersons: boolean;
  generatedAt: Date;
  /** Nonce for the inline style and script (the page's Content-Security-Policy). */
  styleNonce: string;
  /**
   * `screen`: the page a person opens, with a way back to the area's dashboard, a print button
   * and the PDF link (none of them printed); `pdf`: the page alone, for the PDF (no script).
   */
  medium?: 'screen' | 'pdf';
}

/** The wijkkaart of an area as a printable HTML page (Dutch, as the book). */
export async function renderWijkkaart(ctx: RequestContext, view: NeighbourhoodView, options: WijkkaartOptions): Promise<string> {
  const area = view.area;
  const [figures, bySector, networksPart, coverage, gapGroups, children, keyPersons, planned] = await Promise.all([
    viewKeyFigures(ctx, view),
    viewBySector(ctx, view),
    viewNetworks(ctx, view),
    viewCoverage(ctx, view),
    viewGapGroups(ctx, view),
    ctx.loaders.areaChildren.load(area.id),
    options.includeKeyPersons ? viewKeyPersons(ctx, view) : Promise.resolve(null),
    plannedLocations(ctx, area),
  ]);
  const organisationIds = bySector.flatMap((group) => group.organisations.map((o) => o.organisationId));
  const serviceIds = bySector.flatMap((group) => group.services.map((s) => s.serviceId));
  const locationIds = bySector.flatMap((group) => group.locations.map((l) => l.locationId));
  const [organisations, services, locations, indicators, networks, targetGroups, memberLists] = await Promise.all([
    loadAll(ctx.loaders.organisationById, organisationIds),
    loadAll(ctx.loaders.serviceById, serviceIds),
    loadAll(ctx.loaders.locationById, locationIds),
    loadAll(ctx.loaders.indicatorById, figures.map((figure) => figure.indicatorId)),
    loadAll(ctx.loaders.networkById, networksPart.coverage.map((c) => c.networkId)),
    ctx.loaders.currentTargetGroups.load('all'),
    Promise.all(networksPart.coverage.map((c) => ctx.loaders.membersByNetwork.load(c.networkId))),
  ]);
  const personOrganisations = keyPersons ? await loadAll(ctx.loaders.organisationById, keyPersons.map((p) => p.organisationId).filter((id): id is string => !!id)) : [];
  const personRoles = keyPersons ? await loadAll(ctx.loaders.keyPersonRoleById, keyPersons.map((p) => p.roleId).filter((id): id is string => !!id)) : [];

  const organisationById = new Map([...organisations, ...personOrganisations].map((o) => [o.id, o]));
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const indicatorById = new Map(indicators.map((i) => [i.id, i]));
  const networkById = new Map(networks.map((n) => [n.id, n]));
  const targetGroupById = new Map(targetGroups.map((g) => [g.id, g]));
  const roleById = new Map(personRoles.map((r) => [r.id, r]));
  const parentName = view.parent?.name ?? null;
  const municipalityName = view.municipality && view.municipality.id !== area.id && view.municipality.id !== view.parent?.id ? view.municipality.name : null;

  const lines = (codes: (code: string) => boolean): FigureLine[] =>
    figures
      .filter((figure) => codes(figure.indicatorCode))
      .map((figure) => {
        const indicator = indicatorById.get(figure.indicatorId);
        return {
          name: indicator?.nameNl ?? figure.indicatorCode,
          unit: indicator?.unit ?? 'NUMBER',
          value: figure.value,
          year: figure.year,
          derived: figure.derived,
          parent: figure.parentValue,
          parentDerived: figure.parentDerived === true,
          municipality: figure.municipalityValue,
          municipalityDerived: figure.municipalityDerived === true,
          previous: figure.previousValue !== null ? { year: figure.previousYear, value: figure.previousValue } : null,
          source: figure.source,
        };
      });
  const section = (number: string) => (code: string) => SECTION_INDICATORS[number]?.includes(code) ?? false;
  const table = (rows: FigureLine[]) => figureTable(rows, parentName, municipalityName);

  // 2.2: target groups whose need indicator is above the municipality's, and the other figures.
  const needy = coverage.matrix.rows.filter((row) => row.need.status === 'ABOVE_MUNICIPALITY');
  const groupLines = needy.map((row) => {
    const group = targetGroupById.get(row.targetGroupId);
    const indicator = row.need.indicatorId ? indicatorById.get(row.need.indicatorId) : undefined;
    const unit = indicator?.unit ?? 'NUMBER';
    return html`${group?.nameNl ?? ''}: behoefte-indicator ${indicator?.nameNl ?? ''} ${formatValue(row.need.value!, unit, 'nl')} tegen ${formatValue(row.need.municipalityValue!, unit, 'nl')} in ${view.municipality?.name ?? 'de gemeente'}${row.need.year ? ` (${row.need.year})` : ''}; ${row.total.count} actieve dienst${row.total.count === 1 ? '' : 'en'}.`;
  });

  // 3.4 and 4.x from the grouped lists.
  const allLocations = bySector.flatMap((group) => group.locations);
  const facilities = allLocations.map((row) => {
    const location = locationById.get(row.locationId);
    return html`<strong>${location?.name ?? ''}</strong>${location?.kind ? ` — ${location.kind}` : ''}${relation(row.relation)}`;
  });
  const servicesOf = (organisationId: string) =>
    bySector
      .flatMap((group) => group.services)
      .map((row) => serviceById.get(row.serviceId))
      .filter((service) => service && service.organisationId === organisationId)
      .map((service) => service!.name);
  const organisationItems = (filter: (sector: string) => boolean) =>
    bySector
      .filter((group) => group.sector !== null && filter(group.sector))
      .flatMap((group) => group.organisations.map((row) => ({ row, sector: group.sector! })))
      .map(({ row, sector }) => {
        const organisation = organisationById.get(row.organisationId);
        const own = servicesOf(row.organisationId);
        return html`<strong>${organisation?.name ?? ''}</strong> <span class="sector">${SECTOR_NL[sector] ?? sector}</span>${relation(row.relation)}${own.length > 0 ? html`<br><span class="diensten">Diensten en projecten: ${own.join(', ')}</span>` : ''}`;
      });
  const networkItems = networksPart.coverage.map((c, i) => {
    const network = networkById.get(c.networkId);
    const members = memberLists[i].filter((member) => c.memberIds.includes(member.id));
    const memberNames = members.map((member) => {
      const name = member.organisationId ? organisationById.get(member.organisationId)?.name : null;
      return [name ?? member.organisationName ?? '', member.role ? `(${member.role})` : '', member.tier === 'SHELL' ? '[schil]' : ''].filter(Boolean).join(' ');
    });
    const norms = c.normsApply
      ? html`<table class="normen"><thead><tr><th>Norm (boek)</th><th>Waarde</th><th>Uitkomst</th><th>Toelichting</th></tr></thead><tbody>${c.normChecks.map(
          (check) =>
            html`<tr class="${check.status.toLowerCase()}"><td>${NORM_NL[check.norm] ?? check.norm}: ${check.normTextNl} <span class="bron">(${check.source})</span></td><td class="getal">${check.value === null ? 'onbekend' : formatNumber(check.value, 'nl')}</td><td>${STATUS_NL[check.status]}</td><td>${check.explanationNl}</td></tr>`,
        )}</tbody></table>${c.knowledgeAreasMissing.length > 0 ? html`<p>Kennisgebieden aanwezig: ${c.knowledgeAreasPresent.map((k) => knowledgeAreaLabel(k, 'nl')).join(', ') || 'geen vastgelegd'}; niet vastgelegd: ${c.knowledgeAreasMissing.map((k) => knowledgeAreaLabel(k, 'nl')).join(', ')}.</p>` : ''}`
      : html``;
    return html`<strong>${network?.name ?? ''}</strong>${network?.kindDescription ? ` — ${network.kindDescription}` : ''}${relation(c.relation)}${network?.meetingFrequency ? html`<br>Bijeenkomsten: ${network.meetingFrequency}` : ''}${memberNames.length > 0 ? html`<br>Leden: ${memberNames.join('; ')}` : ''}${norms}`;
  });

  const keyPersonSection = !options.includeKeyPersons
    ? html`<p class="leeg">Sleutelpersonen zijn persoonsgegevens: alleen zichtbaar voor ingelogde gebruikers.</p>`
    : list(
        (keyPersons ?? []).map((person) => {
          const role = person.roleId ? roleById.get(person.roleId)?.nameNl : person.roleDescription;
          const organisation = person.organisationId ? organisationById.get(person.organisationId)?.name : null;
          const contact = [person.phone, person.email].filter(Boolean).join(', ');
          return html`<strong>${person.name}</strong>${role ? ` — ${role}` : ''}${organisation ? ` (${organisation})` : ''}${contact ? html`<br>${contact}` : ''}`;
        }),
      );

  const text = (value: string | null) => (value && value.trim() ? html`${value.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph}</p>`)}` : NOT_RECORDED);
  const childrenText = children.filter((child) => !child.archivedAt);
  const needs = gapGroups.filter((group) => group.need.status === 'ABOVE_MUNICIPALITY');
  const contents: Record<string, Html> = {
    '1.1': text(area.history),
    '1.2': html`${text(area.futurePlans)}${planned.length > 0 ? html`<p>Geplande voorzieningen:</p>${list(planned.map((l) => html`${l.name}${l.kind ? ` — ${l.kind}` : ''}`))}` : ''}`,
    '2.1': table(lines(section('2.1'))),
    '2.2': html`${groupLines.length > 0 ? html`<p>Doelgroepen met een behoefte-indicator boven die van ${view.municipality?.name ?? 'de gemeente'}:</p>${list(groupLines)}` : ''}${table(lines((code) => !PLACED.has(code)))}`,
    '2.3': html`<p>Zie 5 (waardering van de sociale kwaliteit) en 3.2 (woningbouw).</p>`,
    '2.4': table(lines(section('2.4'))),
    '3.1': html`<p>${area.name} (${area.level === 'NEIGHBOURHOOD' ? 'buurt' : area.level === 'DISTRICT' ? 'wijk' : 'gemeente'})${view.parent ? html` ligt in ${view.parent.name}${view.municipality && view.municipality.id !== view.parent.id ? `, gemeente ${view.municipality.name}` : ''}` : ''}.</p>${childrenText.length > 0 ? html`<p>Buurten: ${childrenText.map((child: Area) => child.name).join(', ')}.</p>` : ''}`,
    '3.2': table(lines(section('3.2'))),
    '3.3': NOT_RECORDED,
    '3.4': list(facilities),
    '4.1': list(networkItems),
    '4.2': list(organisationItems((sector) => CARE_AND_WELFARE.has(sector))),
    '4.3': list(organisationItems((sector) => sector === Sector.VOLUNTEER)),
    '4.4': list(organisationItems((sector) => sector === Sector.CHURCH_MOSQUE)),
    '4.5': keyPersonSection,
    '5.': html`${lines(section('5.')).length > 0 ? table(lines(section('5.'))) : html`<p class="leeg">Geen cijfers van een sociale index vastgelegd.</p>`}<p class="noot">${WIJKKAART_FORMAT.noteAfterFormat}</p>`,
  };

  const thresholds = thresholdsOf(ctx);
  const body = WIJKKAART_FORMAT.sections.map(
    (s) => html`
<section>
  <h2>${s.number} ${s.title}</h2>
  ${s.subsections.length === 0 ? contents[s.number] ?? NOT_RECORDED : ''}
  ${s.subsections.map((sub) => html`<h3>${sub.number} ${sub.title}</h3>${contents[sub.number] ?? NOT_RECORDED}`)}
</section>`,
  );
  const derivedNote = figures.some((f) => f.derived || f.parentDerived || f.municipalityDerived)
    ? html`<p class="noot"><sup>*</sup> Berekend uit de cijfers van alle buurten van het gebied (aantallen opgeteld, percentages gewogen naar inwoners of woningen).</p>`
    : html``;

  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wijkkaart ${area.name}</title>
<style nonce="${options.styleNonce}">
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.4; color: #111; max-width: 60em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 20pt; margin-bottom: 0.2em; }
  h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 1.6em; }
  h3 { font-size: 11.5pt; margin: 1.2em 0 0.3em; }
  table { border-collapse: collapse; width: 100%; margin: 0.4em 0; font-size: 9.5pt; }
  th, td { border: 1px solid #bbb; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.getal { text-align: right; white-space: nowrap; }
  tr.fail td { background: #fbe9e7; }
  tr.unknown td { background: #f5f5f5; }
  .leeg, .noot, .via, .bron, .sector, .meta { color: #555; }
  .leeg { font-style: italic; }
  .noot, .meta { font-size: 9pt; }
  nav.acties { display: flex; flex-wrap: wrap; gap: 0.6em 1.2em; align-items: center; font-family: system-ui, sans-serif; font-size: 10.5pt; margin-bottom: 1em; }
  nav.acties a { color: #01689b; }
  nav.acties button { font: inherit; padding: 0.3em 0.9em; border: 1px solid #01689b; background: #01689b; color: #fff; border-radius: 3px; cursor: pointer; }
  nav.acties button:focus-visible, nav.acties a:focus-visible { outline: 3px solid #111; outline-offset: 2px; }
  ul { padding-left: 1.2em; }
  li { margin-bottom: 0.3em; }
  @page { size: A4; margin: 18mm 16mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10pt; }
    h2 { break-after: avoid; page-break-after: avoid; }
    h3 { break-after: avoid; page-break-after: avoid; }
    table, li { break-inside: avoid; page-break-inside: avoid; }
    a { color: inherit; text-decoration: none; }
    nav.acties { display: none; }
  }
</style>
</head>
<body>
${options.medium === 'pdf' ? '' : actions(area, view.year, options.styleNonce)}
<header>
  <h1>Wijkkaart ${area.name}</h1>
  <p class="meta">${WIJKKAART_FORMAT.title} uit <em>Schakels in de Buurt</em> (§${WIJKKAART_FORMAT.source}), gevuld uit de sociale kaart op ${longDutchDate(options.generatedAt)}${view.year ? html`; kerncijfers van ${view.year}` : html`; kerncijfers: het laatste jaar per cijfer`}. Vergelijking met ${[parentName, municipalityName].filter(Boolean).join(' en ') || 'geen groter gebied'}.</p>
  ${area.description ? html`<p>${area.description}</p>` : ''}
</header>
${body}
<section>
  <h2>Analyse: wat is er nodig?</h2>
  <p class="noot">Geen onderdeel van het format; de regels van Schakel (docs/neighbourhood-view.md): doelgroepen zonder of met te weinig (minder dan ${thresholds.coverageThinBelow}) actieve diensten, waar de behoefte-indicator boven die van de gemeente ligt (§6.3, §9.7 Beleid 5); per behoefte één uitspraak, de grootste behoefte eerst.</p>
  ${list(needs.map((group) => html`${group.statementNl}${list(group.gaps.map((gap) => html`${gap.lineNl}`))}`))}
  ${derivedNote}
</section>
</body>
</html>
`.value;
}

/**
 * The screen's way back (the area's dashboard in the admin app), print button and PDF link. The
 * button's one line of script runs under the page's nonce; nothing of it is printed.
 */
function actions(area: Area, year: number | null, nonce: string): Html {
  const slug = encodeURIComponent(area.slug);
  return html`<nav class="acties" aria-label="Acties">
  <a href="/wijken/${slug}">← Terug naar ${area.name}</a>
  <button type="button" id="afdrukken">Afdrukken</button>
  <a href="/reports/wijkkaart/${slug}/pdf${year ? `?year=${year}` : ''}" download>Download als PDF</a>
</nav>
<script nonce="${nonce}">document.getElementById('afdrukken').addEventListener('click', function () { window.print(); });</script>`;
}

/** Planned locations (status PLANNED) of the area, the areas below and above it: for 1.2. */
async function plannedLocations(ctx: RequestContext, area: Area): Promise<Array<{ name: string; kind: string | null }>> {
  const [ancestors, descendants] = await Promise.all([ctx.loaders.areaAncestorIds.load(area.id), ctx.loaders.areaDescendantIds.load(area.id)]);
  return ctx.manager.query(
    `SELECT name, kind FROM location WHERE status = 'PLANNED' AND archived_at IS NULL AND area_id = ANY($1::uuid[]) ORDER BY name, id`,
    [[area.id, ...ancestors, ...descendants]],
  );
}
