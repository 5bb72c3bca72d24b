import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../components/AppLink';
import { ErrorState, Loading } from '../../components/States';
import { toProblem } from '../../lib/errors';
import { CompareCoverage } from './CompareCoverage';
import { CompareFigures } from './CompareFigures';
import { CompareAreasDocument } from './documents';

/** The comparison of the chosen areas: their key figures, then their coverage, each with links to the dashboards. */
export function CompareResult({ areas, year }: { areas: string[]; year: number | null }) {
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
