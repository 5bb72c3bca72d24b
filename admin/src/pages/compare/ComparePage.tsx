import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { usePageTitle } from '../../components/PageTitle';
import { CompareForm } from './CompareForm';
import { CompareResult } from './CompareResult';
import { MAX_AREAS, MIN_AREAS } from './documents';
import '../../insights.css';

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
