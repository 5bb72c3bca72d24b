import type { EntityManager } from 'typeorm';
import { type AmersfoortData, type SeedCounter, joinNotes, labelled, runJson, slugify } from './data';

type AreaLevel = 'MUNICIPALITY' | 'DISTRICT' | 'NEIGHBOURHOOD';

interface AreaRow {
  slug: string;
  name: string;
  level: AreaLevel;
  parent_slug: string | null;
  alternative_names: string[];
  description: string | null;
  history: string | null;
  source: string | null;
}

/**
 * The wijkkaart's 1.1 "Geschiedenis van de wijk" (§6.3): the compiler's summary of the
 * history the book gives (§3.1, §4.1, §5.1), its sections cited in a last paragraph.
 */
export function areaHistory(history: string | null | undefined, source: string | null | undefined): string | null {
  if (!history || history.trim() === '') return null;
  const sections = (source ?? '').split(';').map((section) => section.trim()).filter(Boolean);
  return sections.length > 0 ? `${history}\n\n(Schakels in de Buurt, §${sections.join(', §')})` : history;
}

/**
 * The area tree: Amersfoort > its three project districts > their six neighbourhoods, plus the
 * neighbourhoods the book mentions only in passing (Liendert, Leusderkwartier) directly under
 * Amersfoort because the book does not say which district they belong to. `code` stays NULL:
 * the book gives no CBS codes. Returned in insertion order (parents first).
 */
export function buildAreaRows(data: AmersfoortData): AreaRow[] {
  const municipality = data.municipality;
  const rows: AreaRow[] = [
    {
      slug: municipality.slug,
      name: municipality.name,
      level: 'MUNICIPALITY',
      parent_slug: null,
      alternative_names: [],
      description: null,
      history: null,
      source: municipality.source ?? null,
    },
  ];
  for (const district of data.districts) {
    rows.push({
      slug: district.slug,
      name: district.name,
      level: 'DISTRICT',
      parent_slug: municipality.slug,
      alternative_names: district.alternativeNames ?? [],
      description: joinNotes(district.description, labelled('Status', district.status)),
      history: areaHistory(district.history, district.historySource),
      source: district.source ?? null,
    });
  }
  for (const district of data.districts) {
    for (const neighbourhood of district.neighbourhoods) {
      rows.push({
        slug: neighbourhood.slug,
        name: neighbourhood.name,
        level: 'NEIGHBOURHOOD',
        parent_slug: district.slug,
        alternative_names: [],
        description: neighbourhood.description ?? null,
        history: areaHistory(neighbourhood.history, neighbourhood.historySource),
        source: neighbourhood.source ?? null,
      });
    }
  }
  for (const mentioned of municipality.otherNeighbourhoodsMentioned ?? []) {
    rows.push({
      slug: slugify(mentioned.name),
      name: mentioned.name,
      level: 'NEIGHBOURHOOD',
      parent_slug: municipality.slug,
      alternative_names: [],
      description: joinNotes(
        'Buiten de projectwijken; het boek noemt dit gebied alleen terloops en vermeldt niet tot welke wijk het behoort.',
        labelled('Context in het boek', mentioned.context),
      ),
      history: null,
      source: mentioned.source ?? null,
    });
  }
  return rows;
}

/** Inserts the areas level by level, so that every parent exists before its children. */
export async function seedAreas(manager: EntityManager, counter: SeedCounter, rows: AreaRow[]): Promise<void> {
  for (const level of ['MUNICIPALITY', 'DISTRICT', 'NEIGHBOURHOOD'] as const) {
    const inserted = await runJson(
      manager,
      `INSERT INTO area (slug, name, level, parent_id, alternative_names, description, history, source)
       SELECT r.slug, r.name, r.level, parent.id, r.alternative_names, r.description, r.history, r.source
         FROM jsonb_to_recordset($1::jsonb)
              AS r(slug text, name text, level text, parent_slug text, alternative_names text[], description text, history text,
                   source text)
         LEFT JOIN area parent ON parent.slug = r.parent_slug
       ON CONFLICT (slug) DO NOTHING`,
      rows.filter((row) => row.level === level),
      'id',
    );
    counter.add('area', inserted.length);
  }
}
