import { Heading3, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty } from '../../components/States';
import type { Comparison } from './documents';
import { useName } from './names';

/** How many services each area has per target group, coloured by coverage, with the areas of high need. */
export function CompareCoverage({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const name = useName();
  const thinBelow = comparison.views[0]?.coverage.thinBelow ?? 2;
  return (
    <>
      <Heading3 className="app-subheading">{t('compare.coverageTitle')}</Heading3>
      {comparison.coverage.length === 0 ? (
        <Empty>{t('compare.noCoverage')}</Empty>
      ) : (
        <>
          <ul className="app-legend" aria-label={t('dashboard.coverage.legend')}>
            {(['EMPTY', 'THIN', 'COVERED', 'UNKNOWN'] as const).filter((s) => s !== 'UNKNOWN' || comparison.coverage.some((row) => row.statuses.includes('UNKNOWN'))).map((s) => (
              <li key={s}>
                <span className={`app-coverage app-coverage--${s.toLowerCase()} app-legend__swatch`} aria-hidden="true" />
                {t(`dashboard.coverage.legendItem.${s}`, { thin: thinBelow })}
              </li>
            ))}
          </ul>
          <ScrollTable caption={t('compare.coverageCaption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('dashboard.coverage.targetGroup')}</TableHeaderCell>
                {comparison.areas.map((a) => (
                  <TableHeaderCell key={a.id} scope="col" className="app-coverage-head">
                    {a.name}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {comparison.coverage.map((row, rowIndex) => (
                <TableRow key={row.targetGroup?.id ?? rowIndex}>
                  <TableHeaderCell scope="row">{name(row.targetGroup, t('dashboard.coverage.unknownTargetGroup'))}</TableHeaderCell>
                  {row.serviceCounts.map((count, index) => {
                    const status = row.statuses[index] ?? 'UNKNOWN';
                    return (
                      <TableCell key={comparison.areas[index]?.id ?? index} className={`app-coverage app-coverage--${status.toLowerCase()}`}>
                        {count}
                        <span className="app-visually-hidden"> ({t(`coverageStatus.${status}`)})</span>
                        {row.needs[index]?.status === 'ABOVE_MUNICIPALITY' && (
                          <span className="app-block app-small">{t('dashboard.coverage.highNeed')}</span>
                        )}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        </>
      )}
    </>
  );
}
