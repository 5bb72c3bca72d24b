/** Date and time of an event in the user's language, e.g. "28 nov 2026 15:04". */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A file size in kB or MB. */
export function formatBytes(bytes: number, language: string): string {
  const locale = language.startsWith('en') ? 'en-GB' : 'nl-NL';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}
