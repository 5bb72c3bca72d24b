import { ArrayMaxSize } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { EmailMode } from './notification.entity';

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only the unread ones (default: all, newest first).' })
  unreadOnly?: boolean | null;
}

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], { nullable: true, description: 'The notifications to mark read (at most 100); leave out to mark all of yours read.' })
  @ArrayMaxSize(100)
  ids?: string[] | null;
}

@ArgsType()
export class SetNotificationEmailModeArgs {
  @Field(() => EmailMode)
  emailMode: EmailMode;
}
