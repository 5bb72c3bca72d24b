import { KnowledgeArea } from '../network/network.entity';

/**
 * The rules of the neighbourhood view (docs/neighbourhood-view.md has the same rules in words,
 * with their source in the book "Schakels in de Buurt"). Pure functions: no SQL, no GraphQL; the
 * services feed them rows and turn their answers into the API's types. One file per rule, each
 * the rule's only home; this one holds what they share (the knowledge areas, number formatting,
 * rounding):
 *
 * 1. Key figures (neighbourhood.rules.figures.ts; §3.1, §4.1, §5.1 print each neighbourhood
 *    beside Amersfoort): per indicator the given year, or else the latest year the area has;
 *    compared with the parent area and the municipality for the same indicator and year, and
 *    with the area's previous year. An area without its own figure gets one derived from ALL its
 *    child areas, only for the indicators in DERIVATIONS (sums; weighted shares to one decimal);
 *    never estimated otherwise.
 * 2. Team norms (neighbourhood.rules.team.ts; §9.7 Beleid 4, §6.3 "Omvang", §9.7 Praktijk 2) for
 *    networks of the kinds in `normNetworkKinds` (switch teams): members per 10,000 inhabitants,
 *    fte per member, team size, total fte, knowledge areas. Each check is PASS, FAIL or UNKNOWN;
 *    UNKNOWN whenever the data lack what the check needs (no fte recorded, no population) —
 *    never a guess.
 * 3. Coverage (neighbourhood.rules.coverage.ts; §6.1 the ten basic functions; §6.3 "Wat is er
 *    nodig?"): per target group and basic function the number of active services serving the area.
 * 4. Gaps (neighbourhood.rules.gaps.ts): empty or thin cells, grouped under one need statement
 *    per need indicator and ranked by need — above the municipality's value first, by how far
 *    above and how many target groups are uncovered (§6.3: "een inschatting maken van
 *    specifieke behoeften in de wijk … mede gezien de demografische samenstelling"; §9.7
 *    Beleid 5).
 * 5. Freshness (neighbourhood.rules.freshness.ts): the share of records verified recently.
 */

export type CheckStatus = 'PASS' | 'FAIL' | 'UNKNOWN';

/** The eight knowledge areas (§9.7 Praktijk 2) with their Dutch labels, in the book's order. */
export const KNOWLEDGE_AREAS: ReadonlyArray<{ code: KnowledgeArea; nl: string; en: string }> = [
  { code: KnowledgeArea.COMMUNITY_BUILDING, nl: 'samenlevingsopbouw', en: 'community building' },
  { code: KnowledgeArea.SOCIAL_CULTURAL_WORK, nl: 'sociaal-cultureel werk', en: 'social-cultural work' },
  { code: KnowledgeArea.SOCIAL_WORK, nl: 'maatschappelijk werk', en: 'social work' },
  { code: KnowledgeArea.SOCIAL_LEGAL_SERVICES, nl: 'sociaaljuridische dienstverlening', en: 'social-legal services' },
  { code: KnowledgeArea.SOCIAL_HOUSING, nl: 'sociale huisvesting', en: 'social housing' },
  { code: KnowledgeArea.HEALTH_CARE, nl: 'gezondheidszorg', en: 'health care' },
  { code: KnowledgeArea.ELDERLY_CARE, nl: 'ouderenzorg', en: 'elderly care' },
  { code: KnowledgeArea.DISABILITY_CARE, nl: 'gehandicaptenzorg', en: 'disability care' },
];

const KNOWLEDGE_LABEL = new Map(KNOWLEDGE_AREAS.map((area) => [area.code, area]));

export function knowledgeAreaLabel(code: KnowledgeArea, language: 'nl' | 'en'): string {
  return KNOWLEDGE_LABEL.get(code)?.[language] ?? code;
}

/** Rounding of every computed figure: differences to three decimals unless a rule says otherwise. */
export function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

const NUMBER_FORMATS = {
  nl: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/** "38", "5,4" / "5.4", "143.211" / "143,211": numbers as a reader of the book expects them. */
export function formatNumber(value: number, language: 'nl' | 'en'): string {
  // One formatter per language: building an Intl.NumberFormat per call cost more than the formatting.
  return NUMBER_FORMATS[language].format(value);
}

export function formatValue(value: number, unit: string, language: 'nl' | 'en'): string {
  const number = formatNumber(value, language);
  if (unit === 'PERCENT') return `${number}%`;
  if (unit === 'EUR') return `€ ${number}`;
  if (unit === 'RATING_10') return language === 'nl' ? `${number} (rapportcijfer)` : `${number} (out of 10)`;
  return number;
}
