import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';

/** A term's name in the user's language (English when there is one), or the fallback. */
export function useName() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  return (item: { nameNl: string; nameEn: string | null } | null | undefined, fallback: string) =>
    (item ? (language === 'en' && item.nameEn ? item.nameEn : item.nameNl) : null) || fallback;
}
