/** The notification feature's public face: what other features and scripts may use. */
export { NotificationKind, EmailMode } from './notification.entity';
export { type NotificationWorker, startNotificationWorker, addActionNotices } from './notification.worker';
export { emailMessage, notificationKindOf, notifiedOrganisations, actionNoticeOf } from './notification.rules';
export { type MailMessage, sendMail } from './notification.mail';
export { addProposalNotices } from './notification.proposals';
