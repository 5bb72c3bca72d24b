import { Figure, FigureCaption, FormField, FormLabel, Heading3, Paragraph, Select, SelectOption, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import '@utrecht/figure-css/dist/index.css';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyPart } from '../../components/LazyPart';
import { GroupedBarChart } from '../../components/lazyCharts';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty } from '../../components/States';
import { currentLanguage } from '../../i18n';
import { formatValue, isComparable } from '../../lib/format';
import type { Comparison } from './documents';
import { useName } from './names';

/** The municipality all compared areas lie in, when they share one (its value is then one column). */
function sharedCity(comparison: Comparison) {
  const cities = comparison.views.map((v) => v.municipality);
  const first = cities[0];
  if (!first || cities.some((c) => c?.id !== first.id)) return null;
  // A municipality compared with its own parts is already a column.
  return comparison.areas.some((a) => a.id === first.id) ? null : first;
}

/** The key figures of the areas side by side (and of their municipality), and one of them as a chart. */
export function CompareFigures({ comparison }: { comparison: Comparison }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const name = useName();
  const selectId = useId();
  const city = sharedCity(comparison);
  const chartable = comparison.indicators.filter((row) => row.values.filter((v) => v !== null).length > 1);
  const preferred = chartable.find((row) => row.indicator?.unit === 'PERCENT') ?? chartable[0];
  const [chosen, setChosen] = useState(preferred?.indicatorCode ?? '');

  if (comparison.indicators.length === 0) {
    return (
      <>
        <Heading3 className="app-subheading">{t('compare.figuresTitle')}</Heading3>
        <Empty>{t('compare.noFigures')}</Empty>
      </>
    );
  }

  const unitOf = (row: Comparison['indicators'][number]) => row.indicator?.unit ?? 'NUMBER';
  const cityValue = (row: Comparison['indicators'][number]) => row.values.find((v) => v?.municipalityValue !== null && v?.municipalityValue !== undefined)?.municipalityValue ?? null;
  const selected = chartable.find((row) => row.indicatorCode === chosen) ?? preferred;

  return (
    <>
      <Heading3 className="app-subheading">{t('compare.figuresTitle')}</Heading3>
      <ScrollTable caption={t('compare.figuresCaption', { year: comparison.year ?? t('compare.latestYear') })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('dashboard.keyFigures.indicator')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('dashboard.keyFigures.year')}</TableHeaderCell>
            {comparison.areas.map((a) => (
              <TableHeaderCell key={a.id} scope="col" className="app-numeric">
                {a.name}
              </TableHeaderCell>
            ))}
            {city && (
              <TableHeaderCell scope="col" className="app-numeric">
                {city.name}
              </TableHeaderCell>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {comparison.indicators.map((row) => {
            const unit = unitOf(row);
            const cv = cityValue(row);
            // One year for the whole row when the areas' values share it; otherwise each value says its own.
            const years = new Set(row.values.filter((v) => v !== null).map((v) => v?.year ?? null));
            const sharedYear = years.size === 1 ? [...years][0] : undefined;
            return (
              <TableRow key={row.indicatorCode}>
                <TableHeaderCell scope="row">{name(row.indicator, row.indicatorCode)}</TableHeaderCell>
                <TableCell>{sharedYear === undefined ? t('compare.differentYears') : (sharedYear ?? t('dashboard.keyFigures.noYear'))}</TableCell>
                {row.values.map((v, index) => (
                  <TableCell key={comparison.areas[index]?.id ?? index} className="app-numeric">
                    {v ? formatValue(v.value, unit, language) : t('dashboard.keyFigures.noValue')}
                    {v && (sharedYear === undefined || v.derived) && (
                      <span className="app-small app-muted app-block">
                        {[sharedYear === undefined ? (v.year ?? t('dashboard.keyFigures.noYear')) : null, v.derived ? t('compare.derived') : null].filter(Boolean).join(', ')}
                      </span>
                    )}
                  </TableCell>
                ))}
                {city && <TableCell className="app-numeric">{cv === null ? t('dashboard.keyFigures.noValue') : formatValue(cv, unit, language)}</TableCell>}
              </TableRow>
            );
          })}
        </TableBody>
      </ScrollTable>

      {selected ? (
        <div className="app-section-small">
          <form className="app-toolbar" aria-label={t('compare.chartIndicatorForm')} onSubmit={(event) => event.preventDefault()}>
            <FormField>
              <div className="utrecht-form-field__label">
                <FormLabel htmlFor={selectId}>{t('compare.chartIndicator')}</FormLabel>
              </div>
              <div className="utrecht-form-field__input">
                <Select id={selectId} value={selected.indicatorCode} onChange={(event) => setChosen(event.currentTarget.value)}>
                  {chartable.map((row) => (
                    <SelectOption key={row.indicatorCode} value={row.indicatorCode}>
                      {name(row.indicator, row.indicatorCode)}
                    </SelectOption>
                  ))}
                </Select>
              </div>
            </FormField>
          </form>
          <ChartOf row={selected} comparison={comparison} cityName={city?.name ?? null} cityValue={city ? cityValue(selected) : null} />
        </div>
      ) : (
        <Paragraph className="app-muted">{t('compare.nothingToChart')}</Paragraph>
      )}
    </>
  );
}

function ChartOf({ row, comparison, cityName, cityValue }: { row: Comparison['indicators'][number]; comparison: Comparison; cityName: string | null; cityValue: number | null }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const name = useName();
  const unit = row.indicator?.unit ?? 'NUMBER';
  const indicatorName = name(row.indicator, row.indicatorCode);
  const caption = t('compare.chartCaption', { indicator: indicatorName });
  const reference = cityName && cityValue !== null && isComparable(unit) ? { value: cityValue, label: `${cityName}: ${formatValue(cityValue, unit, language)}` } : undefined;
  return (
    <Figure className="app-figure">
      <FigureCaption>{caption}</FigureCaption>
      <LazyPart what={caption} loading={t('charts.loading')}>
        <GroupedBarChart
          title={caption}
          description={t('compare.chartDescription', { indicator: indicatorName })}
          series={[{ key: 'value', name: indicatorName }]}
          data={comparison.areas.map((a, index) => ({ label: a.name, value: row.values[index]?.value ?? null }))}
          format={(v) => formatValue(v, unit, language)}
          reference={reference}
        />
      </LazyPart>
    </Figure>
  );
}
