import { Button } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';

/** Switches between Dutch and English; the button names the other language in that language. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <Button appearance="secondary-action-button" lang={other} onClick={() => void i18n.changeLanguage(other)}>
      {other === 'en' ? 'English' : 'Nederlands'}
    </Button>
  );
}
