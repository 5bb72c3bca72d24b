import { Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../../common/connection';
import { notificationSettingsFromEnv } from '../../config';
import type { RequestContext } from '../../context';
import { LoggedIn } from '../../auth/auth.rules';
import { Notification } from './notification.entity';
import { MarkNotificationsReadArgs, NotificationsArgs, SetNotificationEmailModeArgs } from './notification.inputs';
import { listNotifications, markNotificationsRead, notificationRecordName, notificationSettings, setNotificationEmailMode, unreadNotificationCount } from './notification.service';
import { NotificationSettingsNode } from './notification.types';

export const NotificationConnection = ConnectionType(Notification, 'Notification');

const emailConfigured = () => notificationSettingsFromEnv().smtpUrl !== null;

/** The signed-in user's own notifications (never another's; API keys have none). */
@LoggedIn()
@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  notifications(@Args() args: NotificationsArgs, @Ctx() ctx: RequestContext) {
    return listNotifications(ctx, args);
  }

  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@Ctx() ctx: RequestContext) {
    return unreadNotificationCount(ctx);
  }

  @Query(() => NotificationSettingsNode, { description: 'Your choice of e-mail for notifications.' })
  notificationSettings(@Ctx() ctx: RequestContext) {
    return notificationSettings(ctx, emailConfigured());
  }

  @Mutation(() => Int, { description: 'Mark the notifications `ids` read (all of yours when left out); answers the unread count after.' })
  markNotificationsRead(@Args() args: MarkNotificationsReadArgs, @Ctx() ctx: RequestContext) {
    return markNotificationsRead(ctx, args);
  }

  @Mutation(() => NotificationSettingsNode, { description: 'Choose an e-mail for each notification (IMMEDIATE), one a day (DIGEST) or none (OFF).' })
  setNotificationEmailMode(@Args() { emailMode }: SetNotificationEmailModeArgs, @Ctx() ctx: RequestContext) {
    return setNotificationEmailMode(ctx, emailMode, emailConfigured());
  }

  @FieldResolver(() => String, { nullable: true, description: "The referral's dossier number." })
  dossierNumber(@Root() notification: Notification, @Ctx() ctx: RequestContext) {
    return notification.referralId ? ctx.loaders.notificationDossierNumber.load(notification.referralId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The name of the record that went stale (STALE_RECORD), as its form shows it; null once it is gone.' })
  recordName(@Root() notification: Notification, @Ctx() ctx: RequestContext) {
    return notificationRecordName(ctx, notification);
  }
}
