import i18next from 'i18next';
import { useEffect, useState } from 'react';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'schakel.language';

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

/**
 * The texts come in two parts per language, each a chunk of its own. The first texts (header,
 * menu, loading and error states; admin/build/first-texts.ts) load before the first render; all
 * texts load right after, beside the first page's code, and the Layout renders a page only once
 * they are there (`useAllTexts`). A Dutch reader never downloads the English texts, nor the
 * other way round; switching language loads the other language's texts first.
 */
const FIRST: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  nl: () => import('virtual:schakel-first-texts/nl'),
  en: () => import('virtual:schakel-first-texts/en'),
};
const ALL: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  nl: () => import('./nl.json'),
  en: () => import('./en.json'),
};

const loaded = new Map<Language, Promise<void>>();

/** Loads every text of `language` (once); resolves when i18next has them. */
export function loadAllTexts(language: Language): Promise<void> {
  let loading = loaded.get(language);
  if (!loading) {
    loading = ALL[language]().then((texts) => {
      i18next.addResourceBundle(language, 'translation', texts.default, true, true);
    });
    loading.catch(() => loaded.delete(language));
    loaded.set(language, loading);
  }
  return loading;
}

/** Whether all texts of the current language are there; re-renders when they arrive, or with `error` when they could not be loaded (`retry`). */
export function useAllTexts(): { ready: boolean; error: unknown; retry: () => void } {
  const language = currentLanguage(i18next.language ?? 'nl');
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; ready: boolean; error: unknown }>({ key: '', ready: false, error: null });
  const key = `${language}:${attempt}`;
  useEffect(() => {
    let current = true;
    loadAllTexts(language).then(
      () => current && setState({ key, ready: true, error: null }),
      (error: unknown) => current && setState({ key, ready: false, error }),
    );
    return () => {
      current = false;
    };
  }, [language, key]);
  const retry = () => setAttempt((n) => n + 1);
  return state.key === key ? { ready: state.ready, error: state.error, retry } : { ready: false, error: null, retry };
}

/** Switches language once all its texts are loaded (the page never shows half-translated). */
export async function changeLanguage(language: Language): Promise<void> {
  await loadAllTexts(language);
  await i18next.changeLanguage(language);
}

/** Dutch by default; English when the user chose it (remembered in this browser). Resolves once the first texts are there. */
export async function initI18n() {
  const lng = storedLanguage();
  // All texts start loading now, beside the first texts; the Layout waits for them before a page.
  void loadAllTexts(lng).catch(() => undefined);
  const first = await FIRST[lng]();
  await i18next.use(initReactI18next).init({
    resources: { [lng]: { translation: first.default } },
    partialBundledLanguages: true,
    lng,
    // English is complete (e2e/translations.test.mjs), so an English reader needs no Dutch fallback texts.
    fallbackLng: false,
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
    react: { useSuspense: false, bindI18nStore: 'added' },
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  });
  return i18next;
}

export function currentLanguage(language: string): Language {
  return language.startsWith('en') ? 'en' : 'nl';
}
