import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  Figure,
  FigureCaption,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  Select,
  SelectOption,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import '@utrecht/checkbox-css/dist/index.css';
import '@utrecht/figure-css/dist/index.css';
import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { AppLink } from '../../components/AppLink';
import { TextField } from '../../components/fields';
import { LazyPart } from '../../components/LazyPart';
import { GroupedBarChart } from '../../components/lazyCharts';
import { usePageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty, ErrorState, Loading } from '../../components/States';
import { graphql } from '../../gql';
import type { CompareAreasQuery } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { useAreaTree } from '../../lib/areas';
import { toProblem } from '../../lib/errors';
import { formatValue, isComparable } from '../../lib/format';
import '../../insights.css';

/** compareAreas takes 1–20 areas; comparing needs at least two. */
const MIN_AREAS = 2;
const MAX_AREAS = 20;

export const CompareAreasDocument = graphql(`
  query CompareAreas($areas: [String!]!, $year: Int) {
    compareAreas(areas: $areas, year: $year) {
      year
      areas {
        id
        slug
        name
        level
      }
      views {
        municipality {
          id
          name
        }
        coverage {
          thinBelow
        }
      }
      indicators {
        indicatorCode
        indicator {
          id
          code
          nameNl
          nameEn
          unit
        }
        values {
          value
          year
          derived
          municipalityValue
        }
      }
      coverage {
        targetGroup {
          id
          code
          nameNl
          nameEn
        }
        serviceCounts
        statuses
        needs {
          status
        }
      }
    }
  }
`);

type Comparison = CompareAreasQuery['compareAreas'];

function parseAreas(value: string | null): string[] {
  return [...new Set((value ?? '').split(',').map((s) => s.trim()).filter(Boolean))].slice(0, MAX_AREAS);
}

function parseYear(value: string | null): number | null {
  return value && /^\d{4}$/.test(value) ? Number(value) : null;
}

/** /vergelijken?gebieden=kruiskamp,schuilenburg: several areas' key figures and coverage side by side. */
export function ComparePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const areas = parseAreas(params.get('gebieden'));
  const year = parseYear(params.get('jaar'));
  usePageTitle(t('compare.title'));

  function apply(next: { areas: string[]; year: string }) {
    const query = new URLSearchParams();
    query.set('gebieden', next.areas.join(','));
    if (next.year.trim()) query.set('jaar', next.year.trim());
    setParams(query);
  }

  return (
    <>
      <Heading1>{t('compare.title')}</Heading1>
      <Paragraph>{t('compare.intro')}</Paragraph>
      <CompareForm key={`${areas.join(',')}|${year ?? ''}`} areas={areas} year={year} onApply={apply} />
      {areas.length >= MIN_AREAS && <CompareResult key={`${areas.join(',')}|${year ?? ''}`} areas={areas} year={year} />}
    </>
  );
}

function CompareForm({ areas, year, onApply }: { areas: string[]; year: number | null; onApply(next: { areas: string[]; year: string }): void }) {
  const { t } = useTranslation();
  const { flat, loading, error, refetch } = useAreaTree();
  const [chosen, setChosen] = useState<string[]>(areas);
  const [yearText, setYearText] = useState(year ? String(year) : '');
  const [problem, setProblem] = useState<{ field: 'areas' | 'year'; message: string } | null>(null);
  const firstBox = useRef<HTMLInputElement>(null);
  const yearRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (problem?.field === 'areas') firstBox.current?.focus();
    if (problem?.field === 'year') yearRef.current?.focus();
  }, [problem]);

  if (loading && flat.length === 0) return <Loading label={t('dashboard.loadingAreas')} />;
  if (error && flat.length === 0) return <ErrorState error={error} onRetry={() => void refetch()} what={t('dashboard.areas')} />;
  if (flat.length === 0) return <Empty>{t('dashboard.noAreas')}</Empty>;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (chosen.length < MIN_AREAS) return setProblem({ field: 'areas', message: t('compare.errorTooFew', { min: MIN_AREAS }) });
    if (chosen.length > MAX_AREAS) return setProblem({ field: 'areas', message: t('compare.errorTooMany', { max: MAX_AREAS }) });
    if (yearText.trim() && !/^\d{4}$/.test(yearText.trim())) return setProblem({ field: 'year', message: t('compare.errorYear') });
    setProblem(null);
    // In tree order, so the columns follow the area tree.
    onApply({ areas: flat.filter((a) => chosen.includes(a.slug)).map((a) => a.slug), year: yearText });
  }

  const areasError = problem?.field === 'areas' ? problem.message : null;
  const toggle = (slug: string, on: boolean) => setChosen((list) => (on ? [...list.filter((s) => s !== slug), slug] : list.filter((s) => s !== slug)));

  return (
    <form className="app-form app-compare-form" onSubmit={submit} noValidate aria-label={t('compare.formLabel')}>
      <Fieldset invalid={Boolean(areasError)} aria-describedby={['compare-areas-description', areasError ? 'compare-areas-error' : ''].filter(Boolean).join(' ')}>
        <FieldsetLegend>{t('compare.areasLegend')}</FieldsetLegend>
        <FormFieldDescription id="compare-areas-description" className="utrecht-form-field__description">
          {t('compare.areasHint', { min: MIN_AREAS, max: MAX_AREAS })}
        </FormFieldDescription>
        {areasError && (
          <FormFieldErrorMessage id="compare-areas-error" className="utrecht-form-field__error-message">
            {areasError}
          </FormFieldErrorMessage>
        )}
        <ul className="app-checklist">
          {flat.map((area, index) => {
            const id = `compare-area-${area.slug}`;
            const checked = chosen.includes(area.slug);
            return (
              <li key={area.id} className={`app-checklist__item app-checklist__item--depth-${Math.min(area.depth, 3)}`}>
                <FormField type="checkbox">
                  <div className="utrecht-form-field__input">
                    <Checkbox
                      id={id}
                      name="gebieden"
                      value={area.slug}
                      ref={index === 0 ? firstBox : undefined}
                      checked={checked}
                      invalid={Boolean(areasError)}
                      onChange={(event) => toggle(area.slug, event.currentTarget.checked)}
                    />
                  </div>
                  <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                    <FormLabel htmlFor={id} type="checkbox" checked={checked}>
                      {t('dashboard.areaOption', { name: area.name, level: t(`areaLevel.${area.level}`) })}
                    </FormLabel>
                  </div>
                </FormField>
              </li>
            );
          })}
        </ul>
      </Fieldset>
      <TextField
        id="compare-year"
        label={t('compare.year')}
        description={t('compare.yearHint')}
        value={yearText}
        onChange={setYearText}
        error={problem?.field === 'year' ? problem.message : null}
        inputRef={yearRef}
      />
      <Button appearance="primary-action-button" type="submit">
        {t('compare.submit')}
      </Button>
    </form>
  );
}

function CompareResult({ areas, year }: { areas: string[]; year: number | null }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(CompareAreasDocument, { variables: { areas, year } });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const comparison = data?.compareAreas;

  // A new comparison: move focus to its heading, so keyboard and screen reader users land on the result.
  useEffect(() => {
    if (comparison) headingRef.current?.focus();
  }, [comparison]);

  if (loading && !comparison) return <Loading label={t('compare.loading')} />;
  if (error && !comparison) {
    const problem = toProblem(error);
    if (problem.kind === 'fields' && problem.fields.areas) {
      return (
        <Alert type="error">
          <Paragraph>{t('compare.unknownArea')}</Paragraph>
        </Alert>
      );
    }
    return <ErrorState error={error} onRetry={() => void refetch()} what={t('compare.title')} />;
  }
  if (!comparison) return null;

  const names = comparison.areas.map((a) => a.name).join(', ');
  return (
    <section className="app-section" aria-labelledby="compare-result">
      <Heading2 id="compare-result" ref={headingRef} tabIndex={-1}>
        {t('compare.resultTitle', { areas: names })}
      </Heading2>
      <Paragraph>
        {comparison.areas.map((a, index) => (
          <span key={a.id}>
            {index > 0 && ' · '}
            <AppLink to={`/wijken/${a.slug}`}>{t('compare.dashboardOf', { area: a.name })}</AppLink>
          </span>
        ))}
      </Paragraph>
      <CompareFigures comparison={comparison} />
      <CompareCoverage comparison={comparison} />
    </section>
  );
}

function useName() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  return (item: { nameNl: string; nameEn: string | null } | null | undefined, fallback: string) =>
    (item ? (language === 'en' && item.nameEn ? item.nameEn : item.nameNl) : null) || fallback;
}

/** The municipality all compared areas lie in, when they share one (its value is then one column). */
function sharedCity(comparison: Comparison) {
  const cities = comparison.views.map((v) => v.municipality);
  const first = cities[0];
  if (!first || cities.some((c) => c?.id !== first.id)) return null;
  // A municipality compared with its own parts is already a column.
  return comparison.areas.some((a) => a.id === first.id) ? null : first;
}

function CompareFigures({ comparison }: { comparison: Comparison }) {
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

function CompareCoverage({ comparison }: { comparison: Comparison }) {
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
