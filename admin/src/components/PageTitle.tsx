import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title (WCAG 2.4.2): "<page> — Schakel". */
export function usePageTitle(title: string | null | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? t('app.documentTitle', { page: title }) : t('app.name');
  }, [title, t]);
}
