import type { EntityManager } from 'typeorm';
import { type SeedContext, insertLinks, joinNotes, labelled, runJson } from './data';

/** The compiler's sector values (meta.conventions.sectorValues) → Organisation.sector. */
const SECTORS: Record<string, string> = {
  welzijn: 'WELFARE',
  'zorg-ggz': 'MENTAL_HEALTH_CARE',
  'zorg-vgz': 'DISABILITY_CARE',
  'zorg-ouderen': 'ELDERLY_CARE',
  thuiszorg: 'HOME_CARE',
  eerstelijn: 'PRIMARY_CARE',
  vrijwilligers: 'VOLUNTEER',
  wonen: 'HOUSING',
  veiligheid: 'POLICE_SAFETY',
  onderwijs: 'EDUCATION',
  gemeente: 'MUNICIPALITY',
  kerk: 'CHURCH_MOSQUE',
  'werk-inkomen': 'WORK_INCOME',
  kennis: 'KNOWLEDGE_INSTITUTE',
  overig: 'OTHER',
};

const SCOPES: Record<string, string> = { lokaal: 'LOCAL', regionaal: 'REGIONAL', landelijk: 'NATIONAL' };

function sector(value: string): string {
  const mapped = SECTORS[value];
  if (!mapped) throw new Error(`amersfoort seed: unknown organisation sector "${value}"`);
  return mapped;
}

/**
 * The 91 organisations (status ACTIVE: the book describes them as working in 2009), their
 * parents (second pass, only for organisations created by this run) and the areas they are
 * active in (`activeIn`; every value is an area of the map).
 */
export async function seedOrganisations(manager: EntityManager, context: SeedContext): Promise<void> {
  const { data, counter, areaSlugs, organisationSlugs } = context;
  const rows = data.organisations.map((organisation) => {
    const scope = organisation.scope ? SCOPES[organisation.scope] : null;
    if (scope === undefined) throw new Error(`amersfoort seed: unknown organisation scope "${organisation.scope}"`);
    return {
      slug: organisation.slug,
      name: organisation.name,
      abbreviation: organisation.abbreviation ?? null,
      aliases: organisation.aliases ?? [],
      description: organisation.description ?? null,
      sector: sector(organisation.sector),
      secondary_sector: organisation.secondarySector ? sector(organisation.secondarySector) : null,
      subsector: organisation.subsector ?? null,
      scope,
      works_without_indication: organisation.worksWithoutIndication ?? null,
      generic: organisation.generic === true,
      source: organisation.source ?? null,
      note: joinNotes(organisation.note, labelled('Sectorindeling door de samensteller', organisation.sectorBasis)),
    };
  });
  const inserted = await runJson<{ slug: string }>(
    manager,
    `INSERT INTO organisation
            (slug, name, abbreviation, aliases, description, sector, secondary_sector, subsector, scope,
             works_without_indication, generic, status, source, note)
     SELECT r.slug, r.name, r.abbreviation, r.aliases, r.description, r.sector, r.secondary_sector, r.subsector, r.scope,
            r.works_without_indication, r.generic, 'ACTIVE', r.source, r.note
       FROM jsonb_to_recordset($1::jsonb)
            AS r(slug text, name text, abbreviation text, aliases text[], description text, sector text,
                 secondary_sector text, subsector text, scope text, works_without_indication boolean, generic boolean,
                 source text, note text)
     ON CONFLICT (slug) DO NOTHING`,
    rows,
    'slug',
  );
  counter.add('organisation', inserted.length);

  const created = new Set(inserted.map((row) => row.slug));
  const parents = data.organisations
    .filter((organisation) => created.has(organisation.slug) && organisation.parentOrganisation)
    .filter((organisation) => organisationSlugs.has(organisation.parentOrganisation as string))
    .map((organisation) => ({ slug: organisation.slug, parent_slug: organisation.parentOrganisation }));
  await runJson(
    manager,
    `UPDATE organisation o
        SET parent_id = parent.id
       FROM jsonb_to_recordset($1::jsonb) AS r(slug text, parent_slug text)
       JOIN organisation parent ON parent.slug = r.parent_slug
      WHERE o.slug = r.slug AND o.parent_id IS NULL`,
    parents,
    'o.id',
  );

  const activeIn = data.organisations.flatMap((organisation) =>
    (organisation.activeIn ?? [])
      .filter((area) => areaSlugs.has(area))
      .map((area) => [organisation.slug, area] as const),
  );
  counter.add(
    'organisation_area',
    await insertLinks(
      manager,
      {
        table: 'organisation_area',
        left: { column: 'organisation_id', table: 'organisation', key: 'slug' },
        right: { column: 'area_id', table: 'area', key: 'slug' },
      },
      activeIn,
    ),
  );
}
