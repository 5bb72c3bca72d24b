import { useEffect, useMemo, useState } from 'react';

/**
 * The few parts of i18next and react-i18next this app uses, in 2 kB instead of their 15 kB
 * gzipped in the first download (docs/benchmarks.md). vite.config.ts and tsconfig.json point
 * `i18next` and `react-i18next` here, so the pages keep `useTranslation()` and `t`.
 * What it does, as i18next does it (i18n/index.ts sets the options that make it so):
 * keys are dotted paths into one namespace (`translation`); `count` picks `key_one`/`key_other`
 * by the language's plural rules (Intl.PluralRules), else `key`; `{{name}}` takes an option's
 * value unescaped (React escapes), and stays as written when the option is absent; a missing
 * key (or one that names a section) answers the key itself; no fallback language.
 */
export type Texts = Record<string, unknown>;
export type TOptions = { count?: number; [name: string]: unknown };
export type TFunction = (key: string, options?: TOptions) => string;
type Listener = (...args: string[]) => void;
interface InitOptions {
  lng: string;
  resources?: Record<string, { translation: Texts }>;
  [option: string]: unknown;
}

const isTexts = (value: unknown): value is Texts => typeof value === 'object' && value !== null;

function merge(into: Texts, from: Texts) {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (isTexts(value) && isTexts(existing)) merge(existing, value);
    else into[key] = isTexts(value) ? merge({}, value) : value;
  }
  return into;
}

class Translations {
  language = '';
  private readonly texts = new Map<string, Texts>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly plurals = new Map<string, Intl.PluralRules>();

  use(_plugin: unknown): this {
    return this;
  }

  async init(options: InitOptions): Promise<TFunction> {
    for (const [lng, bundle] of Object.entries(options.resources ?? {})) this.addResourceBundle(lng, 'translation', bundle.translation);
    this.language = options.lng;
    this.emit('initialized');
    return this.t;
  }

  /** Adds (deeply, overwriting) texts of `lng`; the one namespace is `translation`. */
  addResourceBundle(lng: string, _namespace: 'translation', texts: Texts, _deep = true, _overwrite = true): this {
    this.texts.set(lng, merge(this.texts.get(lng) ?? {}, texts));
    this.emit('added', lng, 'translation');
    return this;
  }

  async changeLanguage(lng: string): Promise<TFunction> {
    this.language = lng;
    this.emit('languageChanged', lng);
    return this.t;
  }

  on(event: string, listener: Listener): this {
    const listeners = this.listeners.get(event) ?? new Set();
    listeners.add(listener);
    this.listeners.set(event, listeners);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  exists = (key: string, options?: TOptions): boolean => this.find(key, options) !== undefined;

  t: TFunction = (key, options) => {
    const text = this.find(key, options);
    if (text === undefined) return key;
    return options ? text.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (all, name: string) => (options[name] === undefined ? all : String(options[name]))) : text;
  };

  private find(key: string, options?: TOptions): string | undefined {
    if (typeof options?.count === 'number') {
      let rules = this.plurals.get(this.language);
      if (!rules) this.plurals.set(this.language, (rules = new Intl.PluralRules(this.language)));
      const plural = this.lookup(`${key}_${rules.select(options.count)}`);
      if (plural !== undefined) return plural;
    }
    return this.lookup(key);
  }

  private lookup(key: string): string | undefined {
    let at: unknown = this.texts.get(this.language);
    for (const part of key.split('.')) at = isTexts(at) ? at[part] : undefined;
    return typeof at === 'string' ? at : undefined;
  }

  private emit(event: string, ...args: string[]) {
    changes += 1;
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

let changes = 0;
const i18next = new Translations();
export default i18next;
export type { Translations as i18n };

/** react-i18next's plugin: nothing to wire here, `useTranslation` listens itself. */
export const initReactI18next = { type: '3rdParty' as const };

/**
 * `t` for the current language; the component renders again, with a new `t` (as
 * react-i18next gives, so `useMemo(..., [t])` recomputes), when the language changes or
 * texts arrive.
 */
export function useTranslation(): { t: TFunction; i18n: Translations; ready: true } {
  const [seen, setSeen] = useState(changes);
  useEffect(() => {
    const changed = () => setSeen(changes);
    i18next.on('languageChanged', changed).on('added', changed);
    changed(); // texts that arrived between this render and now
    return () => void i18next.off('languageChanged', changed).off('added', changed);
  }, []);
  const t = useMemo<TFunction>(() => (key, options) => i18next.t(key, options), [seen]);
  return { t, i18n: i18next, ready: true };
}
