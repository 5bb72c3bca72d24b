import type { Random } from './random';

/**
 * Dutch words for generated names and descriptions. The descriptions mix a Zipf-distributed
 * set of topics, so full-text searches hit anything from a handful to thousands of services,
 * as on a real social map.
 */

const PLACE_PREFIXES = [
  'Veen', 'Zand', 'Berg', 'Water', 'Hoog', 'Laag', 'Oud', 'Nieuw', 'Wester', 'Ooster', 'Zuider', 'Noorder', 'Bloem', 'Eiken', 'Beuken',
  'Linden', 'Wilgen', 'Molen', 'Kerk', 'Brug', 'Dijk', 'Heide', 'Vlied', 'Ravens', 'Vos', 'Haven', 'Kast', 'Rijs', 'Mark', 'Leeuw',
  'Goud', 'Zilver', 'Hazel', 'Elzen', 'Esch', 'Ter', 'Bos', 'Lange', 'Korte', 'Diep',
];
const PLACE_SUFFIXES = [
  'dam', 'dijk', 'veen', 'wijk', 'hoven', 'broek', 'horst', 'stein', 'burg', 'berg', 'woude', 'loo', 'hout', 'zand', 'kamp', 'meer',
  'haven', 'rade', 'sloot', 'gein',
];

/** Every prefix × suffix name, in an order drawn from `rng` (340 municipalities need 340 distinct names). */
export function placeNames(rng: Random, count: number): string[] {
  const all = PLACE_PREFIXES.flatMap((prefix) => PLACE_SUFFIXES.map((suffix) => `${prefix}${suffix}`));
  const names = rng.sample(all, Math.min(count, all.length));
  for (let i = names.length; i < count; i += 1) names.push(`${all[i % all.length]} ${Math.floor(i / all.length) + 1}`);
  return names;
}

const DISTRICT_WORDS = ['Centrum', 'Noord', 'Oost', 'Zuid', 'West', 'Binnenstad', 'Oude Dorp', 'Nieuwland', 'Kattenbroek', 'Schothorst', 'Vathorst', 'Hoogland', 'De Hoef', 'Liendert', 'Rustenburg', 'Soesterkwartier', 'Randenbroek', 'Zielhorst', 'Nieuwstad', 'Bergkwartier'];
const NEIGHBOURHOOD_WORDS = [
  'Bloemenbuurt', 'Schildersbuurt', 'Vogelwijk', 'Componistenbuurt', 'Rivierenbuurt', 'Bomenbuurt', 'Stationsbuurt', 'Havenkwartier', 'Kerkebuurt',
  'Molenwijk', 'De Hoven', 'Het Zand', 'Kruiskamp', 'De Koppel', 'Schuilenburg', 'Lichtenberg', 'Park Oost', 'Hof van Ter Weyde', 'Dichtersbuurt', 'Zeeheldenbuurt',
];

export function districtName(rng: Random, municipality: string, index: number): string {
  return index < DISTRICT_WORDS.length ? `${municipality} ${DISTRICT_WORDS[index]}` : `${municipality} ${rng.pick(PLACE_PREFIXES)}${rng.pick(PLACE_SUFFIXES)}`;
}

export function neighbourhoodName(rng: Random): string {
  return rng.chance(0.5) ? rng.pick(NEIGHBOURHOOD_WORDS) : `${rng.pick(PLACE_PREFIXES)}${rng.pick(['buurt', 'wijk', 'kwartier', 'hof', 'park', 'veld'])}`;
}

export const SECTORS = [
  'WELFARE', 'MENTAL_HEALTH_CARE', 'DISABILITY_CARE', 'ELDERLY_CARE', 'HOME_CARE', 'PRIMARY_CARE', 'VOLUNTEER', 'HOUSING', 'POLICE_SAFETY',
  'EDUCATION', 'MUNICIPALITY', 'CHURCH_MOSQUE', 'WORK_INCOME', 'KNOWLEDGE_INSTITUTE', 'OTHER',
] as const;
export type SectorCode = (typeof SECTORS)[number];
export const SECTOR_WEIGHTS = [18, 8, 6, 9, 6, 12, 10, 5, 3, 8, 2, 6, 3, 1, 3];

const SECTOR_NAMES: Record<SectorCode, { forms: string[]; words: string[] }> = {
  WELFARE: { forms: ['Stichting', 'Welzijnsorganisatie', 'Coöperatie'], words: ['Welzijn', 'Buurtwerk', 'Sociaal Werk', 'Samen Sterk', 'De Schakel', 'Wijkwerk'] },
  MENTAL_HEALTH_CARE: { forms: ['GGz', 'Stichting', 'Praktijk'], words: ['Centraal', 'Psychische Zorg', 'Herstelcentrum', 'De Brug', 'Lentis', 'Kwintes'] },
  DISABILITY_CARE: { forms: ['Stichting', 'Zorggroep'], words: ['Gehandicaptenzorg', "'s Heeren Loo", 'Abrona', 'De Hoogstraat', 'Ons Tweede Thuis'] },
  ELDERLY_CARE: { forms: ['Woonzorgcentrum', 'Zorggroep', 'Stichting'], words: ['De Linde', 'Het Zonnehuis', 'Beweging 3.0', 'Ouderenzorg', 'De Eik', 'Avondrood'] },
  HOME_CARE: { forms: ['Thuiszorg', 'Wijkverpleging'], words: ['Buurtzorg', 'Vérian', 'Zorg aan Huis', 'Thuiszorg Plus', 'Icare'] },
  PRIMARY_CARE: { forms: ['Huisartsenpraktijk', 'Gezondheidscentrum', 'Fysiotherapie', 'Apotheek'], words: ['De Linde', 'Het Hof', 'Centrum', 'De Bron', 'Zuid', 'Noord'] },
  VOLUNTEER: { forms: ['Vereniging', 'Stichting', 'Vrijwilligerscentrale'], words: ['Buurtbelangen', 'Humanitas', 'Vrijwillige Hulpdienst', 'Maatjesproject', 'Het Buurtnetwerk'] },
  HOUSING: { forms: ['Woningcorporatie', 'Stichting'], words: ['Portaal', 'De Alliantie', 'Woonbron', 'Mitros', 'Thuis Wonen'] },
  POLICE_SAFETY: { forms: ['Politie', 'Veiligheidshuis', 'Stichting'], words: ['Basisteam', 'Buurtpreventie', 'Slachtofferhulp', 'Halt'] },
  EDUCATION: { forms: ['Basisschool', 'Stichting', 'Scholengemeenschap'], words: ['De Regenboog', 'Het Kompas', 'De Wegwijzer', 'Montessori', 'De Vlinder'] },
  MUNICIPALITY: { forms: ['Gemeente', 'Sociaal Wijkteam'], words: ['Loket Wonen en Zorg', 'Wijkteam', 'Centrum Jeugd en Gezin', 'Wmo-loket'] },
  CHURCH_MOSQUE: { forms: ['Parochie', 'Protestantse Gemeente', 'Moskee', 'Stichting'], words: ['Sint Joris', 'De Open Hof', 'Al Fath', 'Diaconie', 'Caritas'] },
  WORK_INCOME: { forms: ['Stichting', 'Werkbedrijf'], words: ['Schuldhulpmaatje', 'Werk en Inkomen', 'Budgetbeheer', 'Re-integratie'] },
  KNOWLEDGE_INSTITUTE: { forms: ['Kenniscentrum', 'Hogeschool'], words: ['Movisie', 'Sociaal Domein', 'Lectoraat Wijkgericht Werken'] },
  OTHER: { forms: ['Stichting', 'Vereniging'], words: ['Bibliotheek', 'Sportclub', 'Cultuurhuis', 'Speeltuinvereniging'] },
};

export function organisationName(rng: Random, sector: SectorCode, place: string): string {
  const { forms, words } = SECTOR_NAMES[sector];
  return `${rng.pick(forms)} ${rng.pick(words)} ${place}`;
}

/** Topics of services, most common first; the Zipf weights follow this order. */
export const TOPICS = [
  'ontmoeting', 'ouderen', 'jongeren', 'eenzaamheid', 'mantelzorg', 'vrijwilligers', 'opvoeding', 'schulden', 'gezondheid', 'wonen', 'bewegen',
  'werk', 'taal', 'dagbesteding', 'armoede', 'inloop', 'huisbezoek', 'maatjes', 'sociale contacten', 'psychische klachten', 'integratie',
  'digitale vaardigheden', 'buurtbemiddeling', 'veiligheid', 'sport', 'cultuur', 'dementie', 'huiswerkbegeleiding', 'verslaving',
  'huiselijk geweld', 'statushouders', 'laaggeletterdheid', 'budgetcoaching', 'formulierenhulp', 'voedselbank', 'kledingbank', 'zingeving',
  'valpreventie', 'buurtmaaltijd', 'rouwverwerking',
];

const SERVICE_KINDS = ['Inloopspreekuur', 'Maatjesproject', 'Huisbezoek', 'Cursus', 'Groepsbijeenkomst', 'Ondersteuning', 'Advies', 'Training', 'Begeleiding', 'Activiteit', 'Informatiepunt', 'Spreekuur'];

export function serviceName(rng: Random, topic: string, place: string): string {
  return `${rng.pick(SERVICE_KINDS)} ${topic} ${place}`;
}

const OPENINGS = ['Voor bewoners van', 'Laagdrempelig aanbod in', 'Samen met partners in', 'Wekelijks in', 'Op afspraak in', 'Voor iedereen in'];
const MIDDLES = [
  'bieden wij hulp bij', 'is er aandacht voor', 'werken vrijwilligers en professionals aan', 'kunt u terecht voor vragen over', 'organiseren wij activiteiten rond',
  'ondersteunen wij bij',
];
const CLOSINGS = [
  'Aanmelden kan zonder verwijzing.', 'De eerste kennismaking is gratis.', 'Wij werken samen met het sociaal wijkteam.', 'Koffie en thee staan klaar.',
  'Ook voor mantelzorgers en familie.', 'Informatie via het wijkcentrum.',
];

/** A description of two to four sentences mentioning the topics (what full-text search finds). */
export function serviceDescription(rng: Random, topics: readonly string[], place: string): string {
  const sentences = [`${rng.pick(OPENINGS)} ${place} ${rng.pick(MIDDLES)} ${topics.join(' en ')}.`];
  if (rng.chance(0.6)) sentences.push(`Het gaat om ${rng.pick(TOPICS)} in de buurt en ${rng.pick(MIDDLES)} ${topics[0]}.`);
  sentences.push(rng.pick(CLOSINGS));
  return sentences.join(' ');
}

export function organisationDescription(rng: Random, sector: SectorCode, place: string): string {
  return `${rng.pick(SECTOR_NAMES[sector].words)} in ${place}: ${rng.pick(MIDDLES)} ${rng.pick(TOPICS)} en ${rng.pick(TOPICS)}. ${rng.pick(CLOSINGS)}`;
}

export const LOCATION_KINDS = ['wijkcentrum', 'buurthuis', 'woonzorgcentrum', 'informatiepunt', 'huisartsenpraktijk', 'bibliotheek', 'school', 'kerk', 'moskee', 'sportaccommodatie', 'kantoor'];
const STREETS = ['Dorpsstraat', 'Kerkstraat', 'Molenweg', 'Stationsweg', 'Schoolstraat', 'Julianastraat', 'Wilhelminalaan', 'Beatrixplein', 'Lindelaan', 'Havenkade', 'Marktplein', 'Parkweg'];

export function streetAddress(rng: Random): string {
  return `${rng.pick(STREETS)} ${rng.int(1, 250)}`;
}

export function postcode(rng: Random): string {
  const letters = 'ABCDEFGHJKLMNPRSTVWXZ';
  return `${rng.int(1000, 9999)} ${letters[rng.int(0, letters.length - 1)]}${letters[rng.int(0, letters.length - 1)]}`;
}

export const CASE_SUMMARIES = [
  'Bewoner trekt zich terug, weinig sociale contacten en oplopende huurachterstand.',
  'Gezin met opvoedingsvragen; school maakt zich zorgen over verzuim.',
  'Oudere bewoner met beginnende geheugenproblemen, mantelzorger overbelast.',
  'Signaal van de woningcorporatie: overlast en vervuiling van de woning.',
  'Jongere zonder dagbesteding, contact met verkeerde vrienden.',
  'Alleenstaande ouder met schulden en stapel ongeopende post.',
  'Buren melden spanningen; mogelijk psychische problematiek.',
  'Statushouder zoekt hulp bij taal, formulieren en werk.',
];

export const OUTCOMES = ['Hulpverlening loopt, regie bij de ontvangende organisatie.', 'Situatie gestabiliseerd; bewoner heeft een vast aanspreekpunt.', 'Doorverwezen naar specialistische zorg.'];
export const ACTION_DESCRIPTIONS = ['Huisbezoek afleggen', 'Contact opnemen met de huisarts', 'Schuldhulp aanvragen', 'Maatje koppelen', 'Terugkoppelen in het schakelteam'];
export const NETWORK_ROLES = ['wijkagent', 'opbouwwerker', 'maatschappelijk werker', 'wijkverpleegkundige', 'consulent wonen', 'ouderenadviseur', 'jongerenwerker', 'huisarts'];
