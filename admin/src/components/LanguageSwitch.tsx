import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n';
import { ShellButton } from './Shell';

/** Switches between Dutch and English; the button names the other language in that language. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <ShellButton lang={other} onClick={() => void changeLanguage(other)}>
      {other === 'en' ? 'English' : 'Nederlands'}
    </ShellButton>
  );
}
