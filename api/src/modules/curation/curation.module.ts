import type { FeatureModule } from '../../common/feature';
import { ChangeRecord } from './change-record.entity';
import { ChangeHistoryResolver, FreshnessResolver, SimilarRecordResolver } from './curation.resolver';

/** Curation: the change history every curated record keeps and the freshness of what is shown (docs/api-guide.md, "Curation: keeping the map current"). */
export const curationModule: FeatureModule = {
  name: 'curation',
  entities: [ChangeRecord],
  resolvers: [ChangeHistoryResolver, FreshnessResolver, SimilarRecordResolver],
};
