import { Heading1, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ownAreas, permissions } from '../../auth/permissions';
import { useViewer } from '../../auth/viewer';
import { usePageTitle } from '../../components/PageTitle';
import { CbsImportSection } from './CbsImportSection';
import { CsvImportSection } from './CsvImportSection';
import { GeocodeSection } from './GeocodeSection';
import { HsdsImportSection } from './HsdsImportSection';
import { TaxonomyMappingSection } from './TaxonomyMappingSection';
import '../../insights.css';

/**
 * /importeren: exchange the map as files. CSV import of key figures (admins; municipality
 * users for their own areas), organisations and services (admins), CBS's Kerncijfers wijken en
 * buurten with their areas (admins, docs/adopting.md), HSDS 3.0 import (admins) —
 * each with a dry run first — and the exports (CSV, Open Referral HSDS), which anyone who
 * may read the map can download.
 */
export function ImportExportPage() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const all = permissions.importAll(viewer);
  usePageTitle(t('imports.title'));

  return (
    <>
      <Heading1>{t('imports.title')}</Heading1>
      <Paragraph>{all ? t('imports.intro') : t('imports.introMunicipality')}</Paragraph>

      <section className="app-section" aria-labelledby="csv-import">
        <Heading2 id="csv-import">{all ? t('imports.csv.title') : t('imports.csv.titleKeyFigures')}</Heading2>
        <Paragraph>{t('imports.csv.intro')}</Paragraph>
        <CsvImportSection kinds={all ? ['key-figures', 'organisations', 'services'] : ['key-figures']} />
      </section>

      {all && (
        <section className="app-section" aria-labelledby="cbs-import">
          <Heading2 id="cbs-import">{t('imports.cbs.title')}</Heading2>
          <Paragraph>{t('imports.cbs.intro')}</Paragraph>
          <CbsImportSection />
        </section>
      )}

      {all && (
        <section className="app-section" aria-labelledby="geocode">
          <Heading2 id="geocode">{t('imports.geocode.title')}</Heading2>
          <Paragraph>{t('imports.geocode.intro')}</Paragraph>
          <GeocodeSection />
        </section>
      )}

      {all && (
        <section className="app-section" aria-labelledby="hsds-import">
          <Heading2 id="hsds-import">{t('imports.hsds.title')}</Heading2>
          <Paragraph>{t('imports.hsds.intro')}</Paragraph>
          <HsdsImportSection />
        </section>
      )}

      {all && (
        <section className="app-section" aria-labelledby="taxonomy-mappings">
          <Heading2 id="taxonomy-mappings">{t('imports.mappings.title')}</Heading2>
          <Paragraph>{t('imports.mappings.intro')}</Paragraph>
          <TaxonomyMappingSection />
        </section>
      )}

      <section className="app-section" aria-labelledby="exports">
        <Heading2 id="exports">{t('exports.title')}</Heading2>
        <Paragraph>{t('exports.intro')}</Paragraph>
        <Heading3>{t('exports.csv')}</Heading3>
        <UnorderedList>
          {ownAreas(viewer).map((area) => (
            <UnorderedListItem key={area.id}>
              <ExportLink href={`/csv/key-figures?area=${encodeURIComponent(area.slug)}`} label={t('exports.keyFiguresOf', { area: area.name })} />
            </UnorderedListItem>
          ))}
          {(['key-figures', 'organisations', 'services', 'networks', 'network-members'] as const).map((kind) => (
            <UnorderedListItem key={kind}>
              <ExportLink href={`/csv/${kind}`} label={t(`exports.kind.${kind}`)} />{' '}
              <span className="app-muted">
                (<ExportLink href={`/csv/${kind}?separator=semicolon`} label={t('exports.excel')} />)
              </span>
            </UnorderedListItem>
          ))}
        </UnorderedList>
        <Heading3>{t('exports.hsds')}</Heading3>
        <Paragraph>{t('exports.hsdsIntro')}</Paragraph>
        <UnorderedList>
          <UnorderedListItem>
            <ExportLink href="/hsds/organizations?full_service=true&per_page=100" label={t('exports.hsdsOrganisations')} />
          </UnorderedListItem>
          <UnorderedListItem>
            <ExportLink href="/hsds/services?full=true&per_page=100" label={t('exports.hsdsServices')} />
          </UnorderedListItem>
          <UnorderedListItem>
            <ExportLink href="/hsds/openapi.json" label={t('exports.hsdsOpenApi')} />
          </UnorderedListItem>
          <UnorderedListItem>
            <ExportLink href="/hsds/export.zip" label={t('exports.hsdsZip')} />
          </UnorderedListItem>
          <UnorderedListItem>
            <ExportLink href="/hsds/export.json" label={t('exports.hsdsJson')} />
          </UnorderedListItem>
        </UnorderedList>
      </section>
    </>
  );
}

/** A file the API serves (not a route of this app): a plain link, so the browser downloads it. */
function ExportLink({ href, label }: { href: string; label: string }) {
  return (
    <a className="utrecht-link utrecht-link--html-a" href={href}>
      {label}
    </a>
  );
}
