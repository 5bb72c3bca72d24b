import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { byIdLoader, groupBy } from '../../common/loaders';
import { Indicator } from '../indicator/indicator.entity';
import { KeyFigure } from './key-figure.entity';
import { KeyFigureMissing } from './key-figure-missing.entity';
import { CountryKeyFigure } from './country-key-figure.entity';

export interface KeyFigureLoaders {
  indicatorById: DataLoader<string, Indicator | null>;
  /** What the sources published without a value, per area: latest year first, then by indicator. */
  missingKeyFiguresByArea: DataLoader<string, KeyFigureMissing[]>;
  /** Key figures per area for one (year, indicator code) combination; one loader per combination. */
  keyFiguresByArea(year: number | null, indicatorCode: string | null): DataLoader<string, KeyFigure[]>;
  /** Figures of the whole country (CBS's NL00 row) per indicator id: latest year first, then by source. */
  countryKeyFiguresByIndicator: DataLoader<string, CountryKeyFigure[]>;
}

export function createKeyFigureLoaders(manager: EntityManager): KeyFigureLoaders {
  const family = new Map<string, DataLoader<string, KeyFigure[]>>();
  return {
    indicatorById: byIdLoader(manager, Indicator),
    missingKeyFiguresByArea: new DataLoader(async (areaIds) => {
      const rows = await manager
        .getRepository(KeyFigureMissing)
        .createQueryBuilder('m')
        .innerJoin('m.indicator', 'indicator')
        .where('m.areaId = ANY(:areaIds)', { areaIds: [...areaIds] })
        .orderBy('m.year', 'DESC')
        .addOrderBy('indicator.code')
        .addOrderBy('m.source')
        .getMany();
      return groupBy(areaIds, rows, (row) => row.areaId);
    }),
    countryKeyFiguresByIndicator: new DataLoader(async (indicatorIds) => {
      const rows = await manager
        .getRepository(CountryKeyFigure)
        .createQueryBuilder('c')
        .where('c.indicatorId = ANY(:indicatorIds)', { indicatorIds: [...indicatorIds] })
        .orderBy('c.year', 'DESC')
        .addOrderBy('c.source')
        .getMany();
      return groupBy(indicatorIds, rows, (row) => row.indicatorId);
    }),
    keyFiguresByArea(year, indicatorCode) {
      const familyKey = JSON.stringify([year, indicatorCode]);
      let loader = family.get(familyKey);
      if (!loader) {
        loader = new DataLoader(async (areaIds) => {
          const qb = manager
            .getRepository(KeyFigure)
            .createQueryBuilder('kf')
            .innerJoin('kf.indicator', 'indicator')
            .where('kf.areaId = ANY(:areaIds)', { areaIds: [...areaIds] });
          if (year !== null) qb.andWhere('kf.year = :year', { year });
          if (indicatorCode !== null) qb.andWhere('indicator.code = :indicatorCode', { indicatorCode });
          const rows = await qb.orderBy('indicator.code').addOrderBy('kf.year', 'DESC', 'NULLS LAST').addOrderBy('kf.source').getMany();
          return groupBy(areaIds, rows, (row) => row.areaId);
        });
        family.set(familyKey, loader);
      }
      return loader;
    },
  };
}

// Part of every request's `ctx.loaders` (declaration merging into the kernel's Loaders, common/loaders.ts).
declare module '../../common/loaders' {
  interface Loaders extends KeyFigureLoaders {}
}
