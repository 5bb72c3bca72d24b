import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ApiKey } from './api-key.entity';
import { ApiKeyScope } from './api-key.entity';
import { User } from './user.entity';

export enum ViewerKind {
  ANONYMOUS = 'ANONYMOUS',
  USER = 'USER',
  API_KEY = 'API_KEY',
}

registerEnumType(ViewerKind, { name: 'ViewerKind' });

@ObjectType({ description: 'Who the server takes the caller for.' })
export class ViewerInfo {
  @Field(() => ViewerKind)
  kind: ViewerKind;

  /** Internal: the user id, resolved to `user` by a field resolver. */
  userId: string | null;

  /** Internal: the organisation acted for. */
  organisationId: string | null;

  /** Internal: areas of a MUNICIPALITY user. */
  areaIds: string[];

  @Field(() => [ApiKeyScope], { description: 'Scopes of the API key (empty for people).' })
  scopes: ApiKeyScope[];
}

@ObjectType({ description: 'A newly created API key. `key` is shown only here, once: store it now.' })
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field(() => String)
  key: string;
}

@ObjectType({ description: 'An account with a password the server made (inviteUser, resetUserPassword).' })
export class UserCredentials {
  @Field(() => User)
  user: User;

  @Field(() => Boolean, { description: 'Whether the password was mailed to the person (SMTP configured); then `password` is null.' })
  emailed: boolean;

  @Field(() => String, { nullable: true, description: 'The password, shown here once when it was not mailed: hand it over now, it is stored nowhere.' })
  password: string | null;
}
