import { Field, ObjectType } from 'type-graphql';
import { EmailMode } from './notification.entity';

@ObjectType('NotificationSettings', { description: "The signed-in user's choice of e-mail for notifications." })
export class NotificationSettingsNode {
  @Field(() => EmailMode)
  emailMode: EmailMode;

  @Field(() => Boolean, { description: 'Whether this installation sends e-mail at all (SMTP configured); if not, notifications are in the app only.' })
  emailConfigured: boolean;
}
