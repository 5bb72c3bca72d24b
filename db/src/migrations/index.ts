import { InitialSchema1764300000000 } from './1764300000000-initial-schema';
import { UserSessions1764400000000 } from './1764400000000-user-sessions';
import { Curation1764500000000 } from './1764500000000-curation';
import { Referrals1764600000000 } from './1764600000000-referrals';
import { PartnerIntegration1764700000000 } from './1764700000000-partner-integration';
import { NeighbourhoodView1764800000000 } from './1764800000000-neighbourhood-view';
import { RateLimitCounter1765000000000 } from './1765000000000-rate-limit-counter';
import { DataSubjectRights1765100000000 } from './1765100000000-data-subject-rights';
import { ReferralLayers1765200000000 } from './1765200000000-referral-layers';
import { CbsOnboarding1765300000000 } from './1765300000000-cbs-onboarding';
import { CredentialNotifications1765400000000 } from './1765400000000-credential-notifications';
import { DutchNames1765500000000 } from './1765500000000-dutch-names';
import { Notifications1765600000000 } from './1765600000000-notifications';
import { LookAgainNotices1765700000000 } from './1765700000000-look-again-notices';
import { NetworkFoundedOn1765800000000 } from './1765800000000-network-founded-on';
import { TargetGroupHierarchy1765900000000 } from './1765900000000-target-group-hierarchy';
import { NameSimilarity1766100000000 } from './1766100000000-name-similarity';
import { HsdsFidelity1766200000000 } from './1766200000000-hsds-fidelity';
import { HsdsTaxonomyMapping1766200000001 } from './1766200000001-hsds-taxonomy-mapping';
import { ExactDuplicates1766400000000 } from './1766400000000-exact-duplicates';
import { StaleRecordNotices1766600000000 } from './1766600000000-stale-record-notices';
import { Proposals1766800000000 } from './1766800000000-proposals';
import { SearchSynonyms1766800001000 } from './1766800001000-search-synonyms';
import { CountryKeyFigures1766910000000 } from './1766910000000-country-key-figures';

/** All migrations, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Function[] = [InitialSchema1764300000000, UserSessions1764400000000, Curation1764500000000, Referrals1764600000000, PartnerIntegration1764700000000, NeighbourhoodView1764800000000, RateLimitCounter1765000000000, DataSubjectRights1765100000000, ReferralLayers1765200000000, CbsOnboarding1765300000000, CredentialNotifications1765400000000, DutchNames1765500000000, Notifications1765600000000, LookAgainNotices1765700000000, NetworkFoundedOn1765800000000, TargetGroupHierarchy1765900000000, NameSimilarity1766100000000, HsdsFidelity1766200000000, HsdsTaxonomyMapping1766200000001, ExactDuplicates1766400000000, StaleRecordNotices1766600000000, Proposals1766800000000, SearchSynonyms1766800001000, CountryKeyFigures1766910000000];
