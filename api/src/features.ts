import type { FeatureModule } from './common/feature';
import { accessLogModule } from './modules/access-log/access-log.module';
import { areaModule } from './modules/area/area.module';
import { cbsImportModule } from './modules/cbs-import/cbs-import.module';
import { authModule } from './modules/auth/auth.module';
import { csvModule } from './modules/csv/csv.module';
import { curationModule } from './modules/curation/curation.module';
import { hsdsModule } from './modules/hsds/hsds.module';
import { idempotencyModule } from './modules/idempotency/idempotency.module';
import { indicatorModule } from './modules/indicator/indicator.module';
import { interventionTypeModule } from './modules/intervention-type/intervention-type.module';
import { keyFigureModule } from './modules/key-figure/key-figure.module';
import { keyPersonModule } from './modules/key-person/key-person.module';
import { locationModule } from './modules/location/location.module';
import { neighbourhoodModule } from './modules/neighbourhood/neighbourhood.module';
import { notificationModule } from './modules/notification/notification.module';
import { networkModule } from './modules/network/network.module';
import { organisationModule } from './modules/organisation/organisation.module';
import { proposalModule } from './modules/proposal/proposal.module';
import { referralModule } from './modules/referral/referral.module';
import { searchModule } from './modules/search/search.module';
import { serviceModule } from './modules/service/service.module';
import { targetGroupModule } from './modules/target-group/target-group.module';
import { userModule } from './modules/user/user.module';
import { webhookModule } from './modules/webhook/webhook.module';

/**
 * The composition root: the features Schakel is made of. The kernel builds everything from this
 * list and is handed it (createApp, createDataSource, migrateDatabase, getSchema, contextFactoryOf);
 * it never imports it (api/.dependency-cruiser.cjs). Adding a feature: a folder under modules/
 * with its `<feature>.module.ts`, and one line here.
 *
 * Order matters only where the kernel runs features in turn: the schema-work hooks after the
 * migrations, the Apollo plugins, and the background work started (and stopped) at start-up.
 */
export const features: readonly FeatureModule[] = [
  // the social map
  areaModule,
  indicatorModule,
  keyFigureModule,
  interventionTypeModule,
  targetGroupModule,
  organisationModule,
  locationModule,
  serviceModule,
  keyPersonModule,
  networkModule,
  searchModule,
  // referrals
  referralModule,
  accessLogModule,
  // accounts and sign-in
  userModule,
  authModule,
  // curation
  curationModule,
  proposalModule,
  // partner integration
  idempotencyModule,
  webhookModule,
  notificationModule,
  // neighbourhood view and reports
  neighbourhoodModule,
  // REST APIs beside GraphQL
  csvModule,
  hsdsModule,
  cbsImportModule,
];
