import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';

/**
 * The dossier number a notification shows (its referral's; never anything of the case). One
 * statement per request level, whatever the number of notifications.
 */
export interface NotificationLoaders {
  notificationDossierNumber: DataLoader<string, string | null>;
}

declare module '../../common/loaders' {
  interface Loaders extends NotificationLoaders {}
}

export function createNotificationLoaders(manager: EntityManager): NotificationLoaders {
  return {
    notificationDossierNumber: new DataLoader(async (referralIds) => {
      const found: Array<{ id: string; dossier_number: string }> = await manager.query(`SELECT id, dossier_number FROM referral WHERE id = ANY ($1::uuid[])`, [[...referralIds]]);
      const byId = new Map(found.map((row) => [row.id, row.dossier_number]));
      return referralIds.map((id) => byId.get(id) ?? null);
    }),
  };
}
