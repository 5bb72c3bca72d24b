import { Figure, FigureCaption, Heading3, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import '@utrecht/figure-css/dist/index.css';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { LazyPart } from '../../components/LazyPart';
import { GroupedBarChart, TrendLineChart } from '../../components/lazyCharts';
import { ScrollTable } from '../../components/ScrollTable';
import { ErrorState, Loading } from '../../components/States';
import { graphql } from '../../gql';
import type { IndicatorUnit, NeighbourhoodDashboardQuery } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatValue, isComparable } from '../../lib/format';
import '../../insights.css';

type View = NeighbourhoodDashboardQuery['neighbourhoodView'];
type Figure = View['keyFigures'][number];

/** Units in the order their charts appear; counts depend on the area's size and are not charted against the city. */
const CHART_UNITS: readonly Exclude<IndicatorUnit, 'COUNT'>[] = ['PERCENT', 'RATING_10', 'EUR', 'NUMBER'];

export const KeyFigureTrendsDocument = graphql(`
  query KeyFigureTrends($area: ID!, $city: ID!, $withCity: Boolean!) {
    area(id: $area) {
      id
      keyFigures {
        id
        year
        value
        source
        indicator {
          id
          code
          nameNl
          nameEn
          unit
        }
      }
    }
    city: area(id: $city) @include(if: $withCity) {
      id
      keyFigures {
        id
        year
        value
        source
        indicator {
          id
          code
        }
      }
    }
  }
`);

interface Props {
  area: View['area'];
  figures: readonly Figure[];
  municipality: View['municipality'];
}

function useIndicatorName() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  return (indicator: { nameNl: string; nameEn: string | null } | null | undefined, code: string) =>
    (indicator ? (language === 'en' && indicator.nameEn ? indicator.nameEn : indicator.nameNl) : null) || code;
}

/**
 * The key figures as charts: per unit, the area's value beside the city's (the table above
 * has the same numbers), and the development over the years for indicators with more than one.
 */
export function KeyFigureCharts({ area, figures, municipality }: Props) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const name = useIndicatorName();
  const city = municipality && municipality.id !== area.id ? municipality : null;

  const groups = CHART_UNITS.map((unit) => {
    const rows = figures.filter((f) => (f.indicator?.unit ?? 'NUMBER') === unit && isComparable(unit) && (!city || f.municipalityValue !== null));
    return { unit, rows };
  }).filter((group) => group.rows.length > 0);

  const series = city
    ? [
        { key: 'area', name: area.name },
        { key: 'city', name: city.name },
      ]
    : [{ key: 'area', name: area.name }];

  return (
    <div className="app-charts">
      <Heading3 id="key-figure-charts" className="app-subheading">{t('charts.title')}</Heading3>
      {groups.length === 0 ? (
        <Paragraph className="app-muted">{t('charts.noComparable')}</Paragraph>
      ) : (
        <LazyPart what={t('charts.title')} loading={t('charts.loading')}>
          {groups.map(({ unit, rows }) => {
            const caption = city ? t(`charts.unitTitle.${unit}`, { area: area.name, city: city.name }) : t(`charts.unitTitleAlone.${unit}`, { area: area.name });
            return (
              <Figure key={unit} className="app-figure">
                <FigureCaption>{caption}</FigureCaption>
                <GroupedBarChart
                  title={caption}
                  description={city ? t('charts.barDescription', { area: area.name, city: city.name }) : t('charts.barDescriptionAlone', { area: area.name })}
                  series={series}
                  data={rows.map((f) => ({ label: name(f.indicator, f.indicatorCode), area: f.value, city: f.municipalityValue ?? null }))}
                  format={(value) => formatValue(value, unit, language)}
                />
              </Figure>
            );
          })}
          <Paragraph className="app-small app-muted">{t('charts.tableAlternative')}</Paragraph>
        </LazyPart>
      )}
      <KeyFigureTrends area={area} city={city} />
    </div>
  );
}

interface Point {
  year: number;
  value: number;
  source: string;
}

/** Per indicator and year one value: with several sources for a year, the first by source name (as the API's view does). */
function byYear(points: readonly Point[]): Map<number, number> {
  const result = new Map<number, { value: number; source: string }>();
  for (const point of points) {
    const current = result.get(point.year);
    if (!current || point.source.localeCompare(current.source) < 0) result.set(point.year, { value: point.value, source: point.source });
  }
  return new Map([...result].map(([year, { value }]) => [year, value]));
}

/** Indicators with figures for more than one year: a line per area (and the city), with the numbers in a table. */
function KeyFigureTrends({ area, city }: { area: View['area']; city: { id: string; name: string } | null }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const name = useIndicatorName();
  const { data, loading, error, refetch } = useQuery(KeyFigureTrendsDocument, {
    variables: { area: area.id, city: city?.id ?? area.id, withCity: city !== null },
  });

  if (loading && !data) return <Loading label={t('charts.trendsLoading')} />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} what={t('charts.trendsTitle')} />;

  const areaFigures = data?.area?.keyFigures ?? [];
  const cityFigures = data?.city?.keyFigures ?? [];
  const indicators = new Map<string, { indicator: (typeof areaFigures)[number]['indicator']; points: Point[] }>();
  for (const f of areaFigures) {
    if (f.year === null) continue;
    const entry = indicators.get(f.indicator.code) ?? { indicator: f.indicator, points: [] };
    entry.points.push({ year: f.year, value: f.value, source: f.source });
    indicators.set(f.indicator.code, entry);
  }
  const trends = [...indicators.values()]
    .map((entry) => ({ ...entry, years: byYear(entry.points) }))
    .filter((entry) => entry.years.size > 1)
    .sort((a, b) => name(a.indicator, a.indicator.code).localeCompare(name(b.indicator, b.indicator.code)));

  if (trends.length === 0) {
    return (
      <Paragraph className="app-muted app-section-small" id="key-figure-trends">
        {t('charts.noTrends')}
      </Paragraph>
    );
  }

  return (
    <LazyPart what={t('charts.trendsTitle')} loading={t('charts.loading')}>
      <Heading3 id="key-figure-trends" className="app-subheading">{t('charts.trendsTitle')}</Heading3>
      {trends.map(({ indicator, years }) => {
        const unit = indicator.unit;
        const withCity = city !== null && isComparable(unit);
        const cityYears = withCity
          ? byYear(cityFigures.filter((f) => f.indicator.code === indicator.code && f.year !== null).map((f) => ({ year: f.year as number, value: f.value, source: f.source })))
          : new Map<number, number>();
        const allYears = [...new Set([...years.keys(), ...cityYears.keys()])].sort((a, b) => a - b);
        const rows = allYears.map((year) => ({ year, area: years.get(year) ?? null, city: cityYears.get(year) ?? null }));
        const series = withCity && city ? [{ key: 'area', name: area.name }, { key: 'city', name: city.name }] : [{ key: 'area', name: area.name }];
        const indicatorName = name(indicator, indicator.code);
        const caption = t('charts.trendCaption', { indicator: indicatorName, area: area.name });
        const value = (v: number | null) => (v === null ? t('dashboard.keyFigures.noValue') : formatValue(v, unit, language));
        return (
          <Figure key={indicator.code} className="app-figure">
            <FigureCaption>{caption}</FigureCaption>
            <TrendLineChart
              title={caption}
              description={t('charts.trendDescription', { indicator: indicatorName, from: allYears[0], to: allYears[allYears.length - 1] })}
              series={series}
              data={rows}
              format={(v) => formatValue(v, unit, language)}
            />
            <ScrollTable caption={t('charts.trendTableCaption', { indicator: indicatorName })}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('dashboard.keyFigures.year')}</TableHeaderCell>
                  {series.map((s) => (
                    <TableHeaderCell key={s.key} scope="col" className="app-numeric">
                      {s.name}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.year}>
                    <TableHeaderCell scope="row">{row.year}</TableHeaderCell>
                    <TableCell className="app-numeric">{value(row.area)}</TableCell>
                    {series.length > 1 && <TableCell className="app-numeric">{value(row.city)}</TableCell>}
                  </TableRow>
                ))}
              </TableBody>
            </ScrollTable>
          </Figure>
        );
      })}
    </LazyPart>
  );
}
