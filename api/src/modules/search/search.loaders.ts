import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byForeignKeyLoader } from '../../common/loaders';
import { SearchSynonymTerm } from './search-synonym.entity';

export interface SearchLoaders {
  /** Synonym group id → its terms in the curator's order. */
  searchSynonymTerms: DataLoader<string, SearchSynonymTerm[]>;
}

export function createSearchLoaders(manager: EntityManager): SearchLoaders {
  return { searchSynonymTerms: byForeignKeyLoader(manager, SearchSynonymTerm, 'synonymId', 'position') };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends SearchLoaders {}
}
