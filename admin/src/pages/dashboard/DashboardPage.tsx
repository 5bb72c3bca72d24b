import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { AppLink } from '../../components/AppLink';
import { usePageTitle } from '../../components/PageTitle';
import { ErrorState, Loading } from '../../components/States';
import { graphql } from '../../gql';
import { toProblem } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { AreaOrganisations, AreaServices } from './AreaLists';
import { useAreaTree } from '../../lib/areas';
import { AreaPicker, AreaTreeList } from './AreaPicker';
import { CoverageMatrix } from './CoverageMatrix';
import { GapGroups } from './GapGroups';
import { DashboardSummary, ReferralFlowSection } from './DashboardSummary';
import { KeyFigureCharts } from './KeyFigureVisuals';
import { KeyFiguresTable } from './KeyFiguresTable';
import { LocationsSection } from './LocationsSection';
import { NetworksSection } from './NetworksSection';

graphql(`
  fragment CoverageCellFields on CoverageCell {
    status
    count
    services {
      id
      name
      organisation {
        id
        name
      }
    }
  }
`);

/** The dashboard's picture of one area, computed by the API (`neighbourhoodView`). */
export const NeighbourhoodDashboardDocument = graphql(`
  query NeighbourhoodDashboard($area: String!) {
    neighbourhoodView(area: $area) {
      year
      area {
        id
        slug
        name
        level
        code
        description
        ancestors {
          id
          slug
          name
          level
        }
        children {
          id
          slug
          name
          level
        }
      }
      parentArea {
        id
        name
      }
      municipality {
        id
        name
      }
      keyFigures {
        indicatorCode
        indicator {
          id
          code
          nameNl
          nameEn
          unit
        }
        value
        year
        source
        derived
        municipalityValue
        differenceFromMunicipality
        parentValue
        countryValue
      }
      coverage {
        serviceCount
        thinBelow
        withoutBasicFunction
        basicFunctions {
          id
          code
          number
          nameNl
          nameEn
        }
        rows {
          targetGroup {
            id
            code
            nameNl
            nameEn
          }
          need {
            status
          }
          cells {
            ...CoverageCellFields
          }
          unclassified {
            ...CoverageCellFields
          }
          total {
            ...CoverageCellFields
          }
        }
        withoutTargetGroup {
          count
        }
      }
      gapGroups {
        rank
        statement
        statementNl
        targetGroupCount
        need {
          status
        }
        gaps {
          rank
          line
          lineNl
        }
      }
      allGaps: gaps(first: 1000) {
        rank
        need {
          status
        }
      }
      freshness {
        months
        since
        total {
          records
          verified
          share
        }
        organisations {
          records
          verified
        }
        services {
          records
          verified
        }
        locations {
          records
          verified
        }
      }
      networks {
        relation
        normsApply
        overall
        network {
          id
          name
          kind
          meetingFrequency
          coordinatorOrganisation {
            id
            name
          }
        }
        normChecks {
          norm
          status
          normText
          normTextNl
          explanation
          explanationNl
          source
        }
        members {
          id
          organisation {
            id
            name
          }
          organisationName
          role
          tier
          contribution
          fte
        }
      }
    }
  }
`);

/** /wijken: choose an area. */
export function DashboardIndexPage() {
  const { t } = useTranslation();
  const { roots } = useAreaTree();
  usePageTitle(t('dashboard.title'));
  return (
    <>
      <Heading1>{t('dashboard.title')}</Heading1>
      <Paragraph>{t('dashboard.intro')}</Paragraph>
      <AreaPicker />
      {roots.length > 0 && (
        <section className="app-section" aria-labelledby="all-areas">
          <Heading2 id="all-areas">{t('dashboard.allAreas')}</Heading2>
          <AreaTreeList areas={roots} />
        </section>
      )}
    </>
  );
}

/** /wijken/:slug: the neighbourhood dashboard of one area. */
export function DashboardPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { viewer } = useViewer();
  const { data, loading, error, refetch } = useQuery(NeighbourhoodDashboardDocument, { variables: { area: slug } });
  const view = data?.neighbourhoodView;
  const unknownArea = !view && error !== undefined && (() => {
    const problem = toProblem(error);
    return problem.kind === 'fields' && 'area' in problem.fields;
  })();
  usePageTitle(view ? t('dashboard.areaTitle', { area: view.area.name }) : unknownArea ? t('dashboard.notFound.title') : t('dashboard.title'));

  if (loading && !view) return <Loading label={t('dashboard.loadingArea')} />;
  if (unknownArea) {
    return (
      <>
        <Heading1>{t('dashboard.notFound.title')}</Heading1>
        <Paragraph>{t('dashboard.notFound.text', { slug })}</Paragraph>
        <AreaPicker />
      </>
    );
  }
  if (!view) return <ErrorState error={error} onRetry={() => void refetch()} what={t('dashboard.title')} />;

  const { area } = view;
  const path = [...area.ancestors].reverse();
  const mayReadFlow = permissions.readReferralFlow(viewer);
  const sections: Array<[string, string]> = [
    ['summary', t('dashboard.summary.title')],
    ['key-figures', t('dashboard.keyFigures.title')],
    ['coverage', t('dashboard.coverage.title')],
    ['gaps', t('dashboard.gaps.title')],
    ['networks', t('dashboard.networks.title')],
    ...(mayReadFlow ? ([['referral-flow', t('dashboard.referralFlow.title')]] as Array<[string, string]>) : []),
    ['freshness', t('dashboard.freshness.title')],
    ['locations', t('map.title')],
    ['organisations', t('dashboard.organisations.title')],
    ['services', t('dashboard.services.title')],
  ];
  const language = i18n.language.startsWith('en') ? 'en' : 'nl';
  const freshness = view.freshness;
  const share = (verified: number, records: number) => (records === 0 ? '—' : `${Math.round((verified / records) * 100)}%`);

  return (
    <>
      {path.length > 0 && (
        <nav aria-label={t('dashboard.breadcrumb')}>
          <ol className="app-breadcrumb">
            {path.map((a) => (
              <li key={a.id}>
                <AppLink to={`/wijken/${a.slug}`}>{a.name}</AppLink>
              </li>
            ))}
            <li aria-current="page">{area.name}</li>
          </ol>
        </nav>
      )}
      <Heading1>{t('dashboard.areaTitle', { area: area.name })}</Heading1>
      <Paragraph className="app-lead-line">
        {t(`areaLevel.${area.level}`)}
        {area.code ? ` · ${t('dashboard.cbsCode', { code: area.code })}` : ''}
        {' · '}
        {/* Served by the API (not a route of this app): a full page load. */}
        <a className="utrecht-link utrecht-link--html-a" href={`/reports/wijkkaart/${encodeURIComponent(area.slug)}`}>
          {t('dashboard.wijkkaart', { area: area.name })}
        </a>
      </Paragraph>

      {/* First what a reader takes in at a glance, each headline a link to its section. */}
      <DashboardSummary view={view} areaSlug={area.slug} />

      <nav className="app-section app-jump" aria-label={t('dashboard.onThisPage')}>
        <ul className="app-inline-list">
          {sections.map(([id, label]) => (
            <li key={id}>
              <a className="utrecht-link utrecht-link--html-a" href={`#${id}`}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {area.description && <Paragraph>{area.description}</Paragraph>}
      <AreaPicker key={area.slug} current={area.slug} />

      <section className="app-section" aria-labelledby="key-figures">
        <Heading2 id="key-figures" tabIndex={-1}>
          {t('dashboard.keyFigures.title')}
        </Heading2>
        <KeyFiguresTable area={area} figures={view.keyFigures} parent={view.parentArea} municipality={view.municipality} />
        {view.keyFigures.length > 0 && <KeyFigureCharts key={area.id} area={area} figures={view.keyFigures} municipality={view.municipality} />}
      </section>

      <section className="app-section" aria-labelledby="coverage">
        <Heading2 id="coverage" tabIndex={-1}>
          {t('dashboard.coverage.title')}
        </Heading2>
        <CoverageMatrix coverage={view.coverage} areaName={area.name} />
      </section>

      <section className="app-section" aria-labelledby="gaps">
        <Heading2 id="gaps" tabIndex={-1}>
          {t('dashboard.gaps.title')}
        </Heading2>
        <Paragraph>{t('dashboard.gaps.intro')}</Paragraph>
        <GapGroups groups={view.gapGroups} />
      </section>

      <section className="app-section" aria-labelledby="networks">
        <Heading2 id="networks" tabIndex={-1}>
          {t('dashboard.networks.title')}
        </Heading2>
        <NetworksSection networks={view.networks} areaName={area.name} />
      </section>

      {mayReadFlow && (
        <section className="app-section" aria-labelledby="referral-flow">
          <Heading2 id="referral-flow" tabIndex={-1}>
            {t('dashboard.referralFlow.title')}
          </Heading2>
          <ReferralFlowSection areaSlug={area.slug} />
        </section>
      )}

      <section className="app-section" aria-labelledby="freshness">
        <Heading2 id="freshness" tabIndex={-1}>
          {t('dashboard.freshness.title')}
        </Heading2>
        <Paragraph>{t('dashboard.freshness.intro', { months: freshness.months, since: formatDate(freshness.since, language) })}</Paragraph>
        <ul>
          {(['organisations', 'services', 'locations'] as const).map((kind) => (
            <li key={kind}>
              {t(`dashboard.freshness.${kind}`, { verified: freshness[kind].verified, records: freshness[kind].records, share: share(freshness[kind].verified, freshness[kind].records) })}
            </li>
          ))}
        </ul>
      </section>

      <section className="app-section" aria-labelledby="locations">
        <Heading2 id="locations" tabIndex={-1}>
          {t('map.title')}
        </Heading2>
        <LocationsSection
          key={area.slug}
          area={area.slug}
          areaName={area.name}
          // A neighbourhood is shown among the neighbourhoods of its district.
          scope={area.level === 'NEIGHBOURHOOD' && view.parentArea ? view.parentArea.id : area.slug}
          figures={view.keyFigures.map((f) => ({ code: f.indicatorCode, name: (language === 'en' ? f.indicator?.nameEn : f.indicator?.nameNl) ?? f.indicatorCode, unit: f.indicator?.unit ?? 'NUMBER' }))}
        />
      </section>

      <section className="app-section" aria-labelledby="organisations">
        <Heading2 id="organisations" tabIndex={-1}>
          {t('dashboard.organisations.title')}
        </Heading2>
        <AreaOrganisations key={area.slug} area={area.slug} areaName={area.name} />
      </section>

      <section className="app-section" aria-labelledby="services">
        <Heading2 id="services" tabIndex={-1}>
          {t('dashboard.services.title')}
        </Heading2>
        <AreaServices key={area.slug} area={area.slug} areaName={area.name} />
      </section>

      {area.children.length > 0 && (
        <section className="app-section" aria-labelledby="sub-areas">
          <Heading2 id="sub-areas">{t('dashboard.subAreas')}</Heading2>
          <ul>
            {area.children.map((child) => (
              <li key={child.id}>
                <AppLink to={`/wijken/${child.slug}`}>{child.name}</AppLink> <span className="app-muted">({t(`areaLevel.${child.level}`)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
