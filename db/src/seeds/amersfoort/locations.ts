import type { EntityManager } from 'typeorm';
import { type SeedContext, joinNotes, labelled, nfc, runJson } from './data';

type LocationStatus = 'ACTIVE' | 'PLANNED' | 'CLOSED';

/**
 * A facility's `status` text → Location.status. Only clear cases are mapped: "gepland …" →
 * PLANNED, "gesloten/opgeheven/gesloopt" → CLOSED. Anything else stays ACTIVE; the text is
 * always kept in the note. In the data set: "gepland (wijkactieplan)" (room for young people,
 * Kruiskamp) → PLANNED; "voormalige woonplek van cliënten" (Zon en Schild) → ACTIVE: the
 * grounds were a former home of the clients, the book does not say the site itself closed.
 */
export function locationStatus(status: string | null | undefined): LocationStatus {
  const text = nfc(status).toLowerCase();
  if (/\bgepland\b/.test(text)) return 'PLANNED';
  if (/\b(gesloten|opgeheven|gesloopt)\b/.test(text)) return 'CLOSED';
  return 'ACTIVE';
}

/**
 * The 24 facilities as locations: kind = the book's type, area = `neighbourhood` (a
 * neighbourhood or district; NULL when not stated), organisation = `operator` when it is an
 * organisation. No addresses or coordinates: the book gives none.
 */
export async function seedLocations(manager: EntityManager, context: SeedContext): Promise<void> {
  const { data, counter, areaSlugs, organisationSlugs } = context;
  const rows = data.facilities.map((facility) => ({
    slug: facility.slug,
    name: facility.name,
    aliases: facility.aliases ?? [],
    kind: facility.type ?? null,
    description: facility.description ?? null,
    organisation_slug: facility.operator && organisationSlugs.has(facility.operator) ? facility.operator : null,
    area_slug: facility.neighbourhood && areaSlugs.has(facility.neighbourhood) ? facility.neighbourhood : null,
    location_description: facility.locationAsPrinted ?? null,
    status: locationStatus(facility.status),
    source: facility.source ?? null,
    note: joinNotes(labelled('Status volgens het boek', facility.status), facility.note),
  }));
  const inserted = await runJson(
    manager,
    `INSERT INTO location
            (slug, name, aliases, kind, description, organisation_id, area_id, location_description, status, source, note)
     SELECT r.slug, r.name, r.aliases, r.kind, r.description, o.id, a.id, r.location_description, r.status, r.source, r.note
       FROM jsonb_to_recordset($1::jsonb)
            AS r(slug text, name text, aliases text[], kind text, description text, organisation_slug text, area_slug text,
                 location_description text, status text, source text, note text)
       LEFT JOIN organisation o ON o.slug = r.organisation_slug
       LEFT JOIN area a ON a.slug = r.area_slug
     ON CONFLICT (slug) DO NOTHING`,
    rows,
    'id',
  );
  counter.add('location', inserted.length);
}
