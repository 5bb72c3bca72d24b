/**
 * Keeping identity out of the anonymous layer of a case (§4.5: "Noch in de verslaglegging,
 * noch in de dossiers zijn namen of initialen van de besproken personen terug te vinden").
 * Pure rules, no database: `findIdentity` finds what identifies a person in free text — a name
 * or initials after a title (mevrouw, meneer, mw., dhr., de heer …), a date of birth, a street
 * address with a house number, a postcode, a phone number, an e-mail address, a BSN — and says
 * where (the span, as UTF-16 offsets into the trimmed text the API stores). The service refuses
 * such text in every anonymous field (summary, notes, actions, outcome, …) with the field, the
 * span and a Dutch message saying where it belongs: the identifying details.
 *
 * What passes on purpose: age and sex ("oudere vrouw van 80"), a neighbourhood or district
 * ("woont in Schuilenburg"), a title without a name ("mevrouw is zorgmijdend"), a street without
 * a house number ("in de buurt van de Schuilenburgerweg"), a birth year alone, dates that are not
 * said to be a birth date ("huisbezoek op 12-05-2008"), numbers that fail the elfproef. The
 * corpus in identity.rules.test.ts holds both sides; docs/security.md has its counts.
 */

export enum IdentityKind {
  NAME = 'NAME',
  DATE_OF_BIRTH = 'DATE_OF_BIRTH',
  ADDRESS = 'ADDRESS',
  POSTCODE = 'POSTCODE',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  BSN = 'BSN',
}

export interface IdentityHit {
  kind: IdentityKind;
  /** Offset of the first character (UTF-16 code units, as JavaScript strings count). */
  start: number;
  /** Offset after the last character. */
  end: number;
  text: string;
}

/** How each kind is named in a message (Dutch, the users' language; the admin translates by `kind`). */
export const IDENTITY_LABEL_NL: Record<IdentityKind, string> = {
  [IdentityKind.NAME]: 'een naam of initialen met aanhef',
  [IdentityKind.DATE_OF_BIRTH]: 'een geboortedatum',
  [IdentityKind.ADDRESS]: 'een adres met huisnummer',
  [IdentityKind.POSTCODE]: 'een postcode',
  [IdentityKind.PHONE]: 'een telefoonnummer',
  [IdentityKind.EMAIL]: 'een e-mailadres',
  [IdentityKind.BSN]: 'een burgerservicenummer (BSN)',
};

const UPPER = 'A-ZÀ-ÖØ-Þ';
const LOWER = 'a-zß-öø-ÿ';
/** A capitalised name part: Jansen, El-Amrani, O'Neill, Özdemir. */
const NAME_PART = `[${UPPER}][${LOWER}]+(?:[-'’][${UPPER}]?[${LOWER}]+)*`;
/** Dutch name particles (tussenvoegsels), lower or capitalised. */
const PARTICLE = `(?:[vV]an|[dD]e|[dD]er|[dD]en|[tT]en|[tT]er|[tT]e|[iI]n ['’]t|['’]t|[vV]on|[dD]i|[dD]a|[lL]a|[lL]e|[eE]l|[bB]en|[aA]l)`;
const INITIALS = `(?:[${UPPER}]\\.\\s?){1,4}`;
/** Titles, first letter in either case (the name after them must be capitalised, so no case-insensitive flag). */
const TITLE = `(?:[mM](?:evrouw|evr\\.?|w\\.?|ej\\.?|ejuffrouw|eneer|ijnheer|nr\\.?)|[jJ]uffrouw|[dD]hr\\.?|[dD]e\\s+[hH]eer|[hH]r\\.|[fF]amilie|[fF]am\\.)`;

/** Title, then initials and/or a surname (with particles): "mevrouw Jansen", "dhr. P. de Vries", "mw. J.", "de heer Van den Berg". */
const NAME_WITH_TITLE = new RegExp(
  `(?<![${LOWER}${UPPER}])${TITLE}\\s+(?:${INITIALS}(?:${PARTICLE}\\s+)*(?:${NAME_PART})?|(?:${PARTICLE}\\s+)*${NAME_PART})`,
  'gu',
);

/** Words that follow a title at the start of a sentence without being a name ("Mevrouw Heeft …" does not occur; these do). */
const NOT_A_NAME = new Set(['Is', 'Heeft', 'Wil', 'Kan', 'Zegt', 'Woont', 'Wordt', 'Was', 'Had', 'En', 'Of', 'Die', 'Zelf', 'Geeft', 'Komt', 'Gaat']);

const MONTHS = '(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\\.?';
const NUMERIC_DATE = '\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})';
const WRITTEN_DATE = `\\d{1,2}\\s+${MONTHS}\\s+\\d{4}`;
const BIRTH_CUE = '(?:geboren(?:\\s+op)?|geb\\.|geboortedatum|geb\\.?\\s?datum|geboortedag|d\\.o\\.b\\.?|°|\\*)';
const DATE_OF_BIRTH = new RegExp(`${BIRTH_CUE}\\s*:?\\s*(?:${NUMERIC_DATE}|${WRITTEN_DATE})`, 'giu');

const STREET_SUFFIX = '(?:straat|weg|laan|plein|singel|kade|gracht|dijk|hof|pad|steeg|dreef|park|erf|baan|plantsoen|wal|markt|ring|allee|boulevard|passage|haven|veld|hoek|poort|burgwal|donk|akker|kamp)';
/** A number after a place that is a year or a count is not a house number ("Kruiskamp 2007", "Kruiskamp 2 gezinnen"). */
const NOT_A_YEAR = '(?!(?:19|20)\\d\\d(?!\\d))';
const NOT_A_COUNT = '(?!\\s*(?:jaar|jaren|weken|week|maanden|maand|dagen|dag|keer|uur|kinderen|gezinnen|personen|mensen|bewoners|procent|%))';
const HOUSE_NUMBER = '\\d{1,4}(?:\\s?[a-zA-Z](?![a-zA-Z]))?(?:\\s?[-/]\\s?\\d{1,4}(?:[a-zA-Z](?![a-zA-Z]))?)?(?:\\s?(?:bis|hs|bg)(?![a-zA-Z]))?';
/** "Schuilenburgerweg 4", "Lange Beekstraat 12a", "Dr. Schaepmanlaan 3-II". */
const STREET_ADDRESS = new RegExp(
  `(?<![${LOWER}${UPPER}])(?:[${UPPER}][${LOWER}.]*\\s+)*[${UPPER}][${LOWER}-]*${STREET_SUFFIX}\\s+${NOT_A_YEAR}${HOUSE_NUMBER}(?![\\d])${NOT_A_COUNT}`,
  'gu',
);
/** "woont op/aan (de/het) Kruiskamp 12", "woont op nummer 12 van …" — a place and a house number. */
const LIVES_AT_NUMBER = new RegExp(`(?<=(?:woont|wonend|verblijft|adres)\\s+(?:op|aan|in)\\s+(?:de\\s+|het\\s+)?)[${UPPER}][${LOWER}-]+(?:\\s+[${UPPER}][${LOWER}-]+)*\\s+${NOT_A_YEAR}\\d{1,4}[a-zA-Z]?(?![\\d])${NOT_A_COUNT}`, 'gu');

/** A Dutch postcode: four digits (not starting with 0) and two letters (never SA, SD or SS). */
const POSTCODE = /(?<![\d])[1-9]\d{3}(?:\s?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?![A-Za-z])/g;

/** Dutch phone numbers: 06-12345678, 033 456 78 90, +31 6 1234 5678, 0031 (0)33 4567890. */
const PHONE = /(?<![\d+])(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?|0)(?:[\s-]?\d){9}(?![\d])/g;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Nine digits, possibly grouped (1234.56.782, 1234 56 782), not part of a longer number. */
const NINE_DIGITS = /(?<![\d.])(\d{4}[ .]?\d{2}[ .]?\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\d])/g;

/** The elfproef of a burgerservicenummer. */
export function isBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

function hits(text: string, pattern: RegExp, kind: IdentityKind, accept: (match: RegExpMatchArray) => boolean = () => true): IdentityHit[] {
  const found: IdentityHit[] = [];
  for (const match of text.matchAll(pattern)) {
    if (match.index === undefined || !accept(match)) continue;
    const value = match[0].replace(/\s+$/, '');
    found.push({ kind, start: match.index, end: match.index + value.length, text: value });
  }
  return found;
}

function isName(match: RegExpMatchArray): boolean {
  const words = match[0].trim().split(/\s+/);
  const last = words[words.length - 1];
  if (/\.$/.test(last) && /^[A-ZÀ-ÖØ-Þ]\.$/.test(last.slice(-2))) return true; // ends with initials
  return !NOT_A_NAME.has(last);
}

/**
 * Everything in `text` that identifies a person, first to last; overlapping hits keep the
 * earliest and longest (a phone number is not also a postcode).
 */
export function findIdentity(text: string): IdentityHit[] {
  const all = [
    ...hits(text, NAME_WITH_TITLE, IdentityKind.NAME, isName),
    ...hits(text, DATE_OF_BIRTH, IdentityKind.DATE_OF_BIRTH),
    ...hits(text, STREET_ADDRESS, IdentityKind.ADDRESS),
    ...hits(text, LIVES_AT_NUMBER, IdentityKind.ADDRESS),
    ...hits(text, EMAIL, IdentityKind.EMAIL),
    ...hits(text, PHONE, IdentityKind.PHONE),
    ...hits(text, POSTCODE, IdentityKind.POSTCODE),
    ...hits(text, NINE_DIGITS, IdentityKind.BSN, (m) => isBsn(m[1].replace(/[ .]/g, ''))),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: IdentityHit[] = [];
  for (const hit of all) {
    const previous = kept[kept.length - 1];
    if (previous && hit.start < previous.end) continue;
    kept.push(hit);
  }
  return kept;
}

/** The Dutch message for the first hit in a field: what, where, and where it belongs. */
export function identityMessage(hit: IdentityHit): string {
  return (
    `Het anonieme deel van de casus bevat ${IDENTITY_LABEL_NL[hit.kind]}: "${hit.text}" (teken ${hit.start + 1} tot ${hit.end}). ` +
    'Laat het weg of zet het bij de identificerende gegevens; die leest alleen wie toestemming heeft.'
  );
}
