import type { FeatureModule } from '../../common/feature';
import { Notification, NotificationSetting } from './notification.entity';
import { createNotificationLoaders } from './notification.loaders';
import { NotificationResolver } from './notification.resolver';
import { startNotificationWorker } from './notification.worker';

/**
 * Notifications (docs/operations.md, "Notifications"): the in-app list with its unread count,
 * filled by the trigger on referral events (in their transaction) and by the worker's due-date
 * pass; e-mail through SMTP when SMTP_URL is set, immediately or as a daily digest.
 */
export const notificationModule: FeatureModule = {
  name: 'notification',
  entities: [Notification, NotificationSetting],
  resolvers: [NotificationResolver],
  loaders: createNotificationLoaders,
  async start({ config, dataSource, logger, log }) {
    const settings = config.notifications;
    if (!settings.worker) {
      log('notification worker not started (NOTIFICATION_WORKER=false): no due-date notices or e-mail from this process');
      return null;
    }
    const worker = await startNotificationWorker({ dataSource, settings, logger, staleAfterMonths: config.staleAfterMonths });
    log(settings.smtpUrl ? 'notification worker started (e-mail on)' : 'notification worker started (SMTP_URL not set: notifications in the app only)');
    return { name: 'notification worker', stop: () => worker.stop() };
  },
};
