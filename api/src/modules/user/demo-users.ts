import type { EntityManager } from 'typeorm';
import { hashPassword, randomToken } from '../auth';
import { User, UserArea, UserRole } from './user.entity';

export interface DemoAccount {
  email: string;
  password: string;
  role: UserRole;
  description: string;
}

const DEMO_ACCOUNTS: Array<{ email: string; displayName: string; role: UserRole; organisationSlug?: string; areaSlug?: string; description: string }> = [
  { email: 'beheer@schakel.local', displayName: 'Informatiebeheerder', role: UserRole.ADMIN, description: 'admin / curator' },
  {
    email: 'wijkmanager@schakel.local',
    displayName: 'Wijkmanager Randenbroek-Schuilenburg',
    role: UserRole.MUNICIPALITY,
    areaSlug: 'randenbroek-schuilenburg',
    description: 'municipality, district Randenbroek-Schuilenburg',
  },
  { email: 'swa@schakel.local', displayName: 'Welzijn Amersfoort', role: UserRole.ORGANISATION, organisationSlug: 'swa', description: 'organisation Welzijn Amersfoort (SWA)' },
  { email: 'riagg@schakel.local', displayName: 'Riagg Amersfoort', role: UserRole.ORGANISATION, organisationSlug: 'riagg-amersfoort', description: 'organisation Riagg Amersfoort' },
];

/**
 * On a database without users that holds the demo data, creates one account per role with a
 * random password, and returns the passwords so start-up can print them once.
 */
export async function ensureDemoUsers(manager: EntityManager): Promise<DemoAccount[]> {
  return manager.transaction(async (tx) => {
    if ((await tx.getRepository(User).count()) > 0) return [];
    const created: DemoAccount[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const organisation = account.organisationSlug
        ? await tx.query(`SELECT id FROM organisation WHERE slug = $1`, [account.organisationSlug])
        : [];
      const area = account.areaSlug ? await tx.query(`SELECT id FROM area WHERE slug = $1`, [account.areaSlug]) : [];
      if ((account.organisationSlug && organisation.length === 0) || (account.areaSlug && area.length === 0)) continue;
      const password = randomToken(12);
      const user = await tx.getRepository(User).save(
        tx.getRepository(User).create({
          email: account.email,
          displayName: account.displayName,
          role: account.role,
          organisationId: organisation[0]?.id ?? null,
          passwordHash: await hashPassword(password),
        }),
      );
      if (area[0]) await tx.getRepository(UserArea).insert({ userId: user.id, areaId: area[0].id });
      created.push({ email: account.email, password, role: account.role, description: account.description });
    }
    return created;
  });
}
