// The first texts of a language (admin/build/first-texts.ts): sections of src/i18n/<language>.json.
declare module 'virtual:schakel-first-texts/*' {
  const texts: Record<string, unknown>;
  export default texts;
}
