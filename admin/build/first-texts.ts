import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * The texts the app needs before its first page renders — the header, the menu, the loading
 * and error states — as modules of their own (`virtual:schakel-first-texts/nl`, `/en`), picked
 * from src/i18n/<language>.json at build time. The whole translation file (about 18 kB
 * gzipped) loads beside the first page's code instead of before anything shows
 * (src/i18n/index.ts; the Layout waits for it before it renders a page).
 */
/** Sections (or `section.key`) of the translation files the frame renders before all texts are there. */
export const FIRST_TEXTS = ['app', 'layout', 'nav', 'role', 'state', 'error', 'notifications.title', 'notifications.bell'] as const;

function pick(all: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const picked: Record<string, Record<string, unknown> | unknown> = {};
  for (const entry of paths) {
    const [section, key] = entry.split('.', 2);
    if (!(section in all)) continue;
    if (key === undefined) picked[section] = all[section];
    else {
      const from = all[section] as Record<string, unknown>;
      if (key in from) picked[section] = { ...((picked[section] as Record<string, unknown>) ?? {}), [key]: from[key] };
    }
  }
  return picked;
}

const PREFIX = 'virtual:schakel-first-texts/';

export function firstTexts(root: string): Plugin {
  return {
    name: 'schakel-first-texts',
    resolveId(source) {
      return source.startsWith(PREFIX) ? `\0${source}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const language = id.slice(PREFIX.length + 1);
      if (!/^[a-z]{2}$/.test(language)) throw new Error(`${id}: not a language`);
      const file = path.join(root, 'src', 'i18n', `${language}.json`);
      this.addWatchFile(file);
      const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      return { code: `export default ${JSON.stringify(pick(all, FIRST_TEXTS))};\n`, map: null };
    },
  };
}
