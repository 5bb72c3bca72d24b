import { Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty } from '../../components/States';
import type { NeighbourhoodDashboardQuery } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDifference, formatValue, isComparable } from '../../lib/format';

type View = NeighbourhoodDashboardQuery['neighbourhoodView'];
type Figure = View['keyFigures'][number];

interface Props {
  area: View['area'];
  figures: readonly Figure[];
  /** The area it lies in; shown as a column when it is not the municipality. */
  parent: View['parentArea'];
  /** The municipality; null (no comparison) for a municipality itself. */
  municipality: View['municipality'];
}

/**
 * Key figures of an area against its municipality (and its district, for a neighbourhood):
 * value, the city's value and the difference, as `neighbourhoodView` computes them (figures
 * of a district without its own come from its neighbourhoods); the country's value beside
 * them when the CBS import brought national figures (its NL00 row).
 */
export function KeyFiguresTable({ area, figures, parent, municipality }: Props) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  if (figures.length === 0) return <Empty>{t('dashboard.keyFigures.empty')}</Empty>;

  const city = municipality && municipality.id !== area.id ? municipality : null;
  const district = parent && city && parent.id !== city.id ? parent : null;
  const country = figures.some((f) => f.countryValue !== null && f.countryValue !== undefined);
  const name = (f: Figure) => (f.indicator ? (language === 'en' ? f.indicator.nameEn : f.indicator.nameNl) : null) || f.indicatorCode;
  const unitOf = (f: Figure) => f.indicator?.unit ?? 'NUMBER';
  const value = (f: Figure, v: number | null | undefined) => (v === null || v === undefined ? t('dashboard.keyFigures.noValue') : formatValue(v, unitOf(f), language));

  function difference(f: Figure): string {
    if (f.differenceFromMunicipality === null || f.differenceFromMunicipality === undefined) return t('dashboard.keyFigures.noCityValue');
    if (!isComparable(unitOf(f))) return t('dashboard.keyFigures.notComparable');
    const formatted = formatDifference(f.differenceFromMunicipality, unitOf(f), language);
    return unitOf(f) === 'PERCENT' ? t('dashboard.keyFigures.percentagePoints', { value: formatted }) : formatted;
  }

  return (
    <>
      <ScrollTable
        caption={city ? t('dashboard.keyFigures.captionCompared', { area: area.name, city: city.name }) : t('dashboard.keyFigures.caption', { area: area.name })}
      >
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('dashboard.keyFigures.indicator')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('dashboard.keyFigures.year')}</TableHeaderCell>
            <TableHeaderCell scope="col" className="app-numeric">
              {area.name}
            </TableHeaderCell>
            {district && (
              <TableHeaderCell scope="col" className="app-numeric">
                {district.name}
              </TableHeaderCell>
            )}
            {city && (
              <>
                <TableHeaderCell scope="col" className="app-numeric">
                  {city.name}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="app-numeric">
                  {t('dashboard.keyFigures.difference')}
                </TableHeaderCell>
              </>
            )}
            {country && (
              <TableHeaderCell scope="col" className="app-numeric">
                {t('dashboard.keyFigures.country')}
              </TableHeaderCell>
            )}
            <TableHeaderCell scope="col">{t('dashboard.keyFigures.source')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {figures.map((figure) => (
            <TableRow key={`${figure.indicatorCode}:${figure.year ?? ''}`}>
              <TableHeaderCell scope="row">{name(figure)}</TableHeaderCell>
              <TableCell>{figure.year ?? t('dashboard.keyFigures.noYear')}</TableCell>
              <TableCell className="app-numeric">{value(figure, figure.value)}</TableCell>
              {district && <TableCell className="app-numeric">{value(figure, figure.parentValue)}</TableCell>}
              {city && (
                <>
                  <TableCell className="app-numeric">{value(figure, figure.municipalityValue)}</TableCell>
                  <TableCell className="app-numeric">{difference(figure)}</TableCell>
                </>
              )}
              {country && <TableCell className="app-numeric">{value(figure, figure.countryValue)}</TableCell>}
              <TableCell className="app-small">{figure.derived ? t('dashboard.keyFigures.derived') : (figure.source ?? '')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      {city && <Paragraph className="app-small app-muted">{t('dashboard.keyFigures.explanation', { city: city.name })}</Paragraph>}
    </>
  );
}
