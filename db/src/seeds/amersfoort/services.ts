import type { EntityManager } from 'typeorm';
import { type ClassificationData, type ProjectClassification, classificationPairs } from './classification';
import { type ProjectData, type SeedContext, insertLinks, joinNotes, labelled, nfc, runJson, unique } from './data';

type ServiceStatus = 'ACTIVE' | 'INACTIVE' | 'DEFUNCT';

/**
 * A project's `status` text → Service.status; the text is kept in the note. In the data set:
 * "afgezien" (the Schothorst team's website, given up) → DEFUNCT; "in onderzoek" (a recovery
 * group in De Roef that a welfare worker is looking into) → INACTIVE, as it is not offered yet.
 * Projects without a status stay ACTIVE, as the book describes them.
 */
export function serviceStatus(status: string | null | undefined): ServiceStatus {
  const text = nfc(status).toLowerCase();
  if (/afgezien|gestopt|beëindigd|opgeheven/.test(text)) return 'DEFUNCT';
  if (/in onderzoek|gepland|voorgenomen/.test(text)) return 'INACTIVE';
  return 'ACTIVE';
}

/** "niet (nader) beschreven" is the compiler's way of saying the book gives no target group. */
function eligibility(description: string | null | undefined): string | null {
  if (!description || /^niet (nader )?beschreven$/i.test(description.trim())) return null;
  return description;
}

function projectNote(project: ProjectData, classified: ProjectClassification | undefined): string | null {
  return joinNotes(
    labelled('Status volgens het boek', project.status),
    project.note,
    labelled('Partners (samensteller)', project.partnersBasis),
    classified ? `Interventietypen (indeling samensteller, boek §${classified.source.split('; ').join(', §')}): ${classified.basis}` : null,
    labelled('Leeftijd', project.targetGroup?.ageNote),
    labelled('Achtergrond', project.background),
    labelled('Initiatief', project.initiatedBy),
    labelled('Succesfactoren', project.successFactors?.join('; ')),
    labelled('Aanmelding door', project.referrers?.join(', ')),
    labelled('Bronvermelding in het boek', project.sourceReference),
    project.external ? 'Extern voorbeeld, geen project in Amersfoort.' : null,
  );
}

/**
 * Facility slugs a project points at explicitly: its `facilities` (the Eetclub in Nijenstede,
 * §4.6) and "zie facilities: wijkinformatiepunt" cross-references in its text.
 */
function referencedFacilities(project: ProjectData): string[] {
  const text = [project.description, project.note].filter(Boolean).join('\n');
  return unique([...(project.facilities ?? []), ...[...text.matchAll(/zie facilities:\s*([a-z0-9-]+)/g)].map((match) => match[1])]);
}

/**
 * The 39 projects as services. The providing organisation is the first partner that is an
 * organisation; every other such partner becomes a service partner. Target groups come from
 * the project's targetGroupSlugs and from targetGroups[].relatedProjects; areas from
 * `neighbourhoods` (`nederland` is not an area and is skipped). Intervention types come from
 * the compiler's classification (db/data/amersfoort-2009-classification.json, each entry with
 * the section saying what the project does) and from an intervention type's `exampleInBook`
 * naming the project; locations from the project's `facilities` and "zie facilities: <slug>"
 * cross-references. Links are inserted ON CONFLICT DO NOTHING, so a database seeded before
 * the classification existed gets its links on the next run.
 */
export async function seedServices(manager: EntityManager, context: SeedContext, classification: ClassificationData): Promise<void> {
  const { data, counter, areaSlugs, organisationSlugs } = context;
  const classified = classificationPairs(data, classification);
  const classificationOf = new Map(classification.classification.map((entry) => [entry.project, entry]));
  const targetGroupSlugs = new Set(data.targetGroups.map((group) => group.slug));
  const facilitySlugs = new Set(data.facilities.map((facility) => facility.slug));
  const projectSlugs = new Set(data.projects.map((project) => project.slug));

  const partnersOf = (project: ProjectData) =>
    unique((project.partners ?? []).filter((partner) => organisationSlugs.has(partner)));

  const rows = data.projects.map((project) => ({
    slug: project.slug,
    organisation_slug: partnersOf(project)[0] ?? null,
    name: project.name,
    abbreviation: project.abbreviation ?? null,
    aliases: project.aliases ?? [],
    description: project.description ?? null,
    eligibility: eligibility(project.targetGroup?.description),
    min_age: project.targetGroup?.ageRange?.min ?? null,
    max_age: project.targetGroup?.ageRange?.max ?? null,
    status: serviceStatus(project.status),
    period_description: project.period ?? null,
    funding: project.funding ?? null,
    frequency: project.frequency ?? null,
    results: project.results ?? [],
    source: project.source ?? null,
    note: projectNote(project, classificationOf.get(project.slug)),
  }));
  const inserted = await runJson(
    manager,
    `INSERT INTO service
            (slug, organisation_id, name, abbreviation, aliases, description, eligibility, min_age, max_age, status,
             period_description, funding, frequency, results, source, note)
     SELECT r.slug, o.id, r.name, r.abbreviation, r.aliases, r.description, r.eligibility, r.min_age, r.max_age, r.status,
            r.period_description, r.funding, r.frequency, r.results, r.source, r.note
       FROM jsonb_to_recordset($1::jsonb)
            AS r(slug text, organisation_slug text, name text, abbreviation text, aliases text[], description text,
                 eligibility text, min_age smallint, max_age smallint, status text, period_description text, funding text,
                 frequency text, results text[], source text, note text)
       LEFT JOIN organisation o ON o.slug = r.organisation_slug
     ON CONFLICT (slug) DO NOTHING`,
    rows,
    'id',
  );
  counter.add('service', inserted.length);

  /** Links every service to rows of another table, by the services' slugs and the other table's key. */
  const link = async (table: string, column: string, target: string, key: string, pairs: Array<readonly [string, string]>) =>
    counter.add(
      table,
      await insertLinks(
        manager,
        { table, left: { column: 'service_id', table: 'service', key: 'slug' }, right: { column, table: target, key } },
        pairs,
      ),
    );

  const partners = data.projects.flatMap((project) =>
    partnersOf(project)
      .slice(1)
      .map((partner) => [project.slug, partner] as const),
  );
  await link('service_partner', 'organisation_id', 'organisation', 'slug', partners);

  const targetGroups = [
    ...data.projects.flatMap((project) =>
      (project.targetGroup?.targetGroupSlugs ?? []).map((group) => [project.slug, group] as const),
    ),
    ...data.targetGroups.flatMap((group) =>
      (group.relatedProjects ?? []).map((project) => [project, group.slug] as const),
    ),
  ].filter(([project, group]) => projectSlugs.has(project) && targetGroupSlugs.has(group));
  await link('service_target_group', 'target_group_id', 'target_group', 'code', targetGroups);

  const areas = data.projects.flatMap((project) =>
    (project.neighbourhoods ?? []).filter((area) => areaSlugs.has(area)).map((area) => [project.slug, area] as const),
  );
  await link('service_area', 'area_id', 'area', 'slug', areas);

  const interventionTypes = [
    ...data.interventionTypes
      .filter((type) => type.exampleInBook && projectSlugs.has(type.exampleInBook))
      .map((type) => [type.exampleInBook as string, type.slug] as const),
    ...classified,
  ];
  await link('service_intervention_type', 'intervention_type_id', 'intervention_type', 'code', interventionTypes);

  const locations = data.projects.flatMap((project) =>
    referencedFacilities(project)
      .filter((facility) => facilitySlugs.has(facility))
      .map((facility) => [project.slug, facility] as const),
  );
  await link('service_location', 'location_id', 'location', 'slug', locations);
}
