import { AccessLog } from '../modules/access-log/access-log.entity';
import { Area } from '../modules/area/area.entity';
import { UserSession } from '../modules/auth/user-session.entity';
import { ChangeRecord } from '../modules/curation/change-record.entity';
import { IdempotencyKey } from '../modules/idempotency/idempotency-key.entity';
import { Indicator } from '../modules/indicator/indicator.entity';
import { BasicFunction } from '../modules/intervention-type/basic-function.entity';
import { InterventionType } from '../modules/intervention-type/intervention-type.entity';
import { KeyFigure } from '../modules/key-figure/key-figure.entity';
import { KeyPerson, KeyPersonArea, KeyPersonRole, KeyPersonRoleOrganisation } from '../modules/key-person/key-person.entity';
import { Location } from '../modules/location/location.entity';
import { NetworkMember } from '../modules/network/network-member.entity';
import { Network, NetworkArea, NetworkTargetGroup } from '../modules/network/network.entity';
import { Organisation, OrganisationArea } from '../modules/organisation/organisation.entity';
import { DossierCounter } from '../modules/referral/dossier-counter.entity';
import { ReferralAction } from '../modules/referral/referral-action.entity';
import { ReferralDeletion } from '../modules/referral/referral-deletion.entity';
import { ReferralEvent } from '../modules/referral/referral-event.entity';
import { Referral, ReferralInterventionType, ReferralTargetGroup } from '../modules/referral/referral.entity';
import {
  Service,
  ServiceArea,
  ServiceInterventionType,
  ServiceLocation,
  ServicePartner,
  ServiceTargetGroup,
} from '../modules/service/service.entity';
import { TargetGroup } from '../modules/target-group/target-group.entity';
import { ApiKey } from '../modules/user/api-key.entity';
import { DataSubjectErasure } from '../modules/user/erasure.entity';
import { User, UserArea } from '../modules/user/user.entity';
import { Webhook, WebhookDelivery, WebhookDeliveryAttempt } from '../modules/webhook/webhook.entity';

/** Every mapped table. The migrations in db/ must produce exactly this schema (see migrations.test.ts). */
export const entities = [
  Area,
  Indicator,
  KeyFigure,
  BasicFunction,
  InterventionType,
  TargetGroup,
  Organisation,
  OrganisationArea,
  Location,
  Service,
  ServicePartner,
  ServiceTargetGroup,
  ServiceInterventionType,
  ServiceArea,
  ServiceLocation,
  KeyPersonRole,
  KeyPersonRoleOrganisation,
  KeyPerson,
  KeyPersonArea,
  Network,
  NetworkArea,
  NetworkTargetGroup,
  NetworkMember,
  Referral,
  ReferralTargetGroup,
  ReferralInterventionType,
  ReferralAction,
  ReferralEvent,
  ReferralDeletion,
  DossierCounter,
  User,
  UserArea,
  ApiKey,
  UserSession,
  ChangeRecord,
  AccessLog,
  DataSubjectErasure,
  // partner integration
  IdempotencyKey,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryAttempt,
];
