import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { graphql } from '../../gql';
import type { NeighbourhoodDashboardQuery } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';
import { formatDate, formatDifference, formatNumber, formatValue, isComparable } from '../../lib/format';
import { headlineFigures, summaryOf } from './summary';

type View = NeighbourhoodDashboardQuery['neighbourhoodView'];

/** Referral flow in aggregate (small counts suppressed): admins and municipality users only, so a query of its own. */
export const NeighbourhoodReferralFlowDocument = graphql(`
  query NeighbourhoodReferralFlow($area: String!) {
    neighbourhoodView(area: $area) {
      area {
        id
      }
      referralFlow {
        inScope
        areaCounts {
          area {
            id
            name
          }
          count
          suppressed
        }
        statistics {
          threshold
          total {
            count
            suppressed
          }
          overdueActions {
            count
            suppressed
          }
          medianDaysToClose {
            value
            suppressed
          }
        }
      }
    }
  }
`);

/** One headline: a figure, what it means, and the section with the detail. */
function Headline({ label, value, detail, href, to }: { label: string; value: string; detail?: string; href: string; to: string }) {
  return (
    <li className="app-headline">
      <a className="app-headline__link" href={href}>
        <span className="app-headline__label">{label}</span>
        {/* A number large; words ("fewer than 5 (not shown)") smaller. */}
        <span className={/^[\d.,%\s…]+$/.test(value) ? 'app-headline__value' : 'app-headline__value app-headline__value--words'}>{value}</span>
        {detail && <span className="app-headline__detail">{detail}</span>}
        <span className="app-headline__more">{to}</span>
      </a>
    </li>
  );
}

/**
 * The neighbourhood at a glance (issue 18): population, the key figures that differ most from
 * the municipality, the share of target groups covered, the gaps, the team-norm verdicts, the
 * referral flow in aggregate and how fresh the map is — each a link to its section below.
 */
export function DashboardSummary({ view, areaSlug }: { view: View; areaSlug: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const { viewer } = useViewer();
  const mayReadFlow = permissions.readReferralFlow(viewer);
  const flow = useQuery(NeighbourhoodReferralFlowDocument, { variables: { area: areaSlug }, skip: !mayReadFlow });
  const summary = summaryOf(view);
  const figures = headlineFigures(view.keyFigures, 3);
  const name = (indicator: { nameNl: string; nameEn?: string | null } | null | undefined, code: string) =>
    indicator ? (language === 'en' && indicator.nameEn ? indicator.nameEn : indicator.nameNl) : code;
  const percent = (share: number | null) => (share === null ? t('dashboard.summary.unknown') : `${formatNumber(Math.round(share * 100), language)}%`);
  const more = (section: string) => t('dashboard.summary.more', { section });

  const referralFlow = flow.data?.neighbourhoodView.referralFlow;
  const areaCount = referralFlow?.areaCounts.find((c) => c.area?.id === view.area.id);

  return (
    <section className="app-section app-summary" aria-labelledby="summary">
      <Heading2 id="summary" tabIndex={-1}>
        {t('dashboard.summary.title')}
      </Heading2>
      <ul className="app-headlines">
        <Headline
          label={t('dashboard.summary.population')}
          value={summary.population === null ? t('dashboard.summary.unknown') : formatNumber(summary.population.value, language)}
          detail={summary.population?.year ? t('dashboard.summary.inYear', { year: summary.population.year }) : undefined}
          href="#key-figures"
          to={more(t('dashboard.keyFigures.title'))}
        />
        <Headline
          label={t('dashboard.summary.covered')}
          value={percent(summary.coveredShare)}
          detail={t('dashboard.summary.coveredDetail', { covered: summary.coveredRows, total: summary.rows })}
          href="#coverage"
          to={more(t('dashboard.coverage.title'))}
        />
        <Headline
          label={t('dashboard.summary.gaps')}
          value={formatNumber(summary.gaps, language)}
          detail={summary.gapsAboveNeed > 0 ? t('dashboard.summary.gapsAboveNeed', { count: summary.gapsAboveNeed }) : t('dashboard.summary.gapsNoNeed')}
          href="#gaps"
          to={more(t('dashboard.gaps.title'))}
        />
        <Headline
          label={t('dashboard.summary.teamNorms')}
          value={
            summary.teams.total === 0
              ? t('dashboard.summary.noTeams')
              : t('dashboard.summary.teamsPass', { pass: summary.teams.pass, total: summary.teams.total })
          }
          detail={summary.teams.total === 0 ? undefined : t('dashboard.summary.teamsDetail', { fail: summary.teams.fail, unknown: summary.teams.unknown })}
          href="#networks"
          to={more(t('dashboard.networks.title'))}
        />
        {mayReadFlow && (
          <Headline
            label={t('dashboard.summary.referrals')}
            value={
              !referralFlow
                ? flow.loading
                  ? '…'
                  : t('dashboard.summary.unknown')
                : !referralFlow.inScope
                  ? t('dashboard.summary.notInScope')
                  : areaCount && !areaCount.suppressed && areaCount.count !== null && areaCount.count !== undefined
                    ? formatNumber(areaCount.count, language)
                    : t('dashboard.summary.suppressed', { threshold: referralFlow.statistics?.threshold ?? 5 })
            }
            detail={
              referralFlow?.statistics && referralFlow.inScope
                ? t('dashboard.summary.referralsDetail', {
                    overdue: referralFlow.statistics.overdueActions.suppressed ? '—' : formatNumber(referralFlow.statistics.overdueActions.count ?? 0, language),
                    median: referralFlow.statistics.medianDaysToClose.suppressed || referralFlow.statistics.medianDaysToClose.value === null ? '—' : formatNumber(referralFlow.statistics.medianDaysToClose.value ?? 0, language),
                  })
                : undefined
            }
            href="#referral-flow"
            to={more(t('dashboard.referralFlow.title'))}
          />
        )}
        <Headline
          label={t('dashboard.summary.freshness')}
          value={percent(view.freshness.total.share ?? null)}
          detail={t('dashboard.summary.freshnessDetail', {
            verified: view.freshness.total.verified,
            records: view.freshness.total.records,
            since: formatDate(view.freshness.since, language),
          })}
          href="#freshness"
          to={more(t('dashboard.freshness.title'))}
        />
      </ul>
      {figures.length > 0 && (
        <>
          <Paragraph className="app-headlines__figures-title">
            <strong>{t('dashboard.summary.differ', { municipality: view.municipality?.name ?? '' })}</strong>
          </Paragraph>
          <ul className="app-headline-figures">
            {figures.map((figure) => (
              <li key={figure.indicatorCode}>
                <a className="utrecht-link utrecht-link--html-a" href="#key-figures">
                  {name(figure.indicator, figure.indicatorCode)}
                </a>
                {': '}
                {figure.indicator && formatValue(figure.value, figure.indicator.unit, language)}{' '}
                <span className="app-muted">
                  {t('dashboard.summary.against', {
                    municipality: figure.indicator && figure.municipalityValue !== null ? formatValue(figure.municipalityValue, figure.indicator.unit, language) : '—',
                    difference:
                      figure.indicator && figure.differenceFromMunicipality !== null && isComparable(figure.indicator.unit)
                        ? formatDifference(figure.differenceFromMunicipality, figure.indicator.unit, language) + (figure.indicator.unit === 'PERCENT' ? ` ${t('dashboard.summary.points')}` : '')
                        : '—',
                  })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The referral flow section (admins and municipality users): the published counts per area below this one. */
export function ReferralFlowSection({ areaSlug }: { areaSlug: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const flow = useQuery(NeighbourhoodReferralFlowDocument, { variables: { area: areaSlug } });
  const data = flow.data?.neighbourhoodView.referralFlow;
  if (!data) return <Paragraph className="app-muted">{flow.loading ? t('state.loading') : t('dashboard.summary.unknown')}</Paragraph>;
  if (!data.inScope) return <Paragraph>{t('dashboard.referralFlow.notInScope')}</Paragraph>;
  const threshold = data.statistics?.threshold ?? 5;
  return (
    <>
      <Paragraph>{t('dashboard.referralFlow.intro', { threshold })}</Paragraph>
      <ul>
        {data.areaCounts.map((cell, index) => (
          <li key={cell.area?.id ?? index}>
            {cell.area?.name ?? t('dashboard.referralFlow.noArea')}: {cell.suppressed || cell.count === null || cell.count === undefined ? t('dashboard.summary.suppressed', { threshold }) : formatNumber(cell.count, language)}
          </li>
        ))}
      </ul>
    </>
  );
}
