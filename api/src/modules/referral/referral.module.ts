import type { FeatureModule } from '../../common/feature';
import { DossierCounter } from './dossier-counter.entity';
import { ReferralAction } from './referral-action.entity';
import { ReferralConsent } from './referral-consent.entity';
import { ReferralConsultation } from './referral-consultation.entity';
import { ReferralDeletion } from './referral-deletion.entity';
import { ReferralEvent } from './referral-event.entity';
import { Referral, ReferralInterventionType, ReferralTargetGroup } from './referral.entity';
import { createReferralLoaders } from './referral.loaders';
import {
  AccessLogResolver,
  ConsentRecordResolver,
  ConsentResolver,
  NetworkAgendaResolver,
  ReferralActionResolver,
  ReferralAreaCountResolver,
  ReferralConsultationResolver,
  ReferralEventResolver,
  ReferralResolver,
  ReferralStatisticsResolver,
  ReferralTargetGroupCountResolver,
} from './referral.resolver';

/** Referrals between organisations (docs/api-guide.md, "Referrals for partner systems"; docs/security.md, "Referrals and webhooks"): their lifecycle, consent, actions, the network agenda, statistics and retention. */
export const referralModule: FeatureModule = {
  name: 'referral',
  entities: [Referral, ReferralTargetGroup, ReferralInterventionType, ReferralAction, ReferralConsent, ReferralConsultation, ReferralEvent, ReferralDeletion, DossierCounter],
  resolvers: [ReferralResolver, ConsentResolver, ConsentRecordResolver, ReferralConsultationResolver, ReferralEventResolver, ReferralActionResolver, NetworkAgendaResolver, ReferralStatisticsResolver, ReferralAreaCountResolver, ReferralTargetGroupCountResolver, AccessLogResolver],
  loaders: createReferralLoaders,
};
