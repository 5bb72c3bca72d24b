import type { EntityManager } from 'typeorm';
import { type SeedContext, insertLinks, runJson } from './data';

/**
 * The 53 key person roles (wijkagent, huisarts, diaken, …) and the organisations the book
 * connects them with. No key_person rows: the book names no persons.
 */
export async function seedKeyPersonRoles(manager: EntityManager, context: SeedContext): Promise<void> {
  const { data, counter, organisationSlugs } = context;
  const rows = data.keyPersonRoles.map((role) => ({
    code: role.slug,
    name_nl: role.role,
    context: role.context ?? null,
    explicitly_key_figure: role.explicitlyCalledKeyFigure === true,
    source: role.source ?? null,
    note: role.note ?? null,
  }));
  const inserted = await runJson(
    manager,
    `INSERT INTO key_person_role (code, name_nl, context, explicitly_key_figure, source, note)
     SELECT r.code, r.name_nl, r.context, r.explicitly_key_figure, r.source, r.note
       FROM jsonb_to_recordset($1::jsonb)
            AS r(code text, name_nl text, context text, explicitly_key_figure boolean, source text, note text)
     ON CONFLICT (code) DO NOTHING`,
    rows,
    'id',
  );
  counter.add('key_person_role', inserted.length);

  const links = data.keyPersonRoles.flatMap((role) =>
    (role.organisations ?? [])
      .filter((organisation) => organisationSlugs.has(organisation))
      .map((organisation) => [role.slug, organisation] as const),
  );
  counter.add(
    'key_person_role_organisation',
    await insertLinks(
      manager,
      {
        table: 'key_person_role_organisation',
        left: { column: 'key_person_role_id', table: 'key_person_role', key: 'code' },
        right: { column: 'organisation_id', table: 'organisation', key: 'slug' },
      },
      links,
    ),
  );
}
