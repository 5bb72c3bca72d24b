import { AreaLevel } from '../area/area.entity';
import { IndicatorUnit } from '../indicator/indicator.entity';

/*
 * What Schakel makes of a column of the Kerncijfers wijken en buurten (pure, no database):
 * which indicator it feeds, in which unit and scale; which shares it derives from two counts;
 * which regions are areas. CBS's own keys and titles are used where Schakel has no indicator of
 * its own for the measure; where it has one (the demo data's `population`, `dwellings`, …), the
 * figure joins it, so a neighbourhood view compares like with like.
 */

/** The columns that name the region, not a figure. */
export const REGION_STEMS = {
  region: 'WijkenEnBuurten',
  code: 'Codering',
  kind: 'SoortRegio',
  municipalityName: 'Gemeentenaam',
  period: 'Perioden',
} as const;

/** Columns that are neither figures nor regions (KWB descriptors). */
export const DESCRIPTOR_STEMS = new Set(['ID', 'IndelingswijzigingWijkenEnBuurten', 'MeestVoorkomendePostcode', 'Dekkingspercentage', 'MateVanStedelijkheid']);

/** A KWB measure Schakel knows without metadata (a CSV download has none). */
export interface KnownMeasure {
  titleNl: string;
  titleEn: string;
  /** The unit as CBS writes it in DataProperties. */
  cbsUnit: string;
  /** Schakel's own indicator for it, where it has one. */
  code?: string;
}

/** The measures of the KWB tables of recent years most neighbourhood views use (CBS keys by stem). */
export const KNOWN_MEASURES: Readonly<Record<string, KnownMeasure>> = {
  AantalInwoners: { titleNl: 'Aantal inwoners', titleEn: 'Population', cbsUnit: 'aantal', code: 'population' },
  Mannen: { titleNl: 'Mannen', titleEn: 'Men', cbsUnit: 'aantal' },
  Vrouwen: { titleNl: 'Vrouwen', titleEn: 'Women', cbsUnit: 'aantal' },
  k_0Tot15Jaar: { titleNl: '0 tot 15 jaar', titleEn: 'Aged 0 to 15', cbsUnit: 'aantal' },
  k_15Tot25Jaar: { titleNl: '15 tot 25 jaar', titleEn: 'Aged 15 to 25', cbsUnit: 'aantal' },
  k_25Tot45Jaar: { titleNl: '25 tot 45 jaar', titleEn: 'Aged 25 to 45', cbsUnit: 'aantal' },
  k_45Tot65Jaar: { titleNl: '45 tot 65 jaar', titleEn: 'Aged 45 to 65', cbsUnit: 'aantal' },
  k_65JaarOfOuder: { titleNl: '65 jaar of ouder', titleEn: 'Aged 65 or over', cbsUnit: 'aantal' },
  HuishoudensTotaal: { titleNl: 'Huishoudens totaal', titleEn: 'Households', cbsUnit: 'aantal' },
  Eenpersoonshuishoudens: { titleNl: 'Eenpersoonshuishoudens', titleEn: 'Single-person households', cbsUnit: 'aantal' },
  HuishoudensMetKinderen: { titleNl: 'Huishoudens met kinderen', titleEn: 'Households with children', cbsUnit: 'aantal' },
  GemiddeldeHuishoudensgrootte: { titleNl: 'Gemiddelde huishoudensgrootte', titleEn: 'Average household size', cbsUnit: 'aantal' },
  Bevolkingsdichtheid: { titleNl: 'Bevolkingsdichtheid', titleEn: 'Population density', cbsUnit: 'aantal inwoners per km²' },
  Woningvoorraad: { titleNl: 'Woningvoorraad', titleEn: 'Dwellings', cbsUnit: 'aantal', code: 'dwellings' },
  GemiddeldeWOZWaardeVanWoningen: { titleNl: 'Gemiddelde WOZ-waarde van woningen', titleEn: 'Average WOZ value of dwellings', cbsUnit: 'x 1 000 euro' },
  Koopwoningen: { titleNl: 'Koopwoningen', titleEn: 'Owner-occupied dwellings', cbsUnit: '%', code: 'pct_owner_occupied' },
  HuurwoningenTotaal: { titleNl: 'Huurwoningen totaal', titleEn: 'Rented dwellings', cbsUnit: '%', code: 'pct_rented' },
  GemiddeldInkomenPerInwoner: { titleNl: 'Gemiddeld inkomen per inwoner', titleEn: 'Average income per inhabitant', cbsUnit: 'x 1 000 euro' },
  PersonenPerSoortUitkeringBijstand: { titleNl: 'Personen per soort uitkering; Bijstand', titleEn: 'Persons on social assistance', cbsUnit: 'aantal' },
  OppervlakteTotaal: { titleNl: 'Oppervlakte totaal', titleEn: 'Total area', cbsUnit: 'ha' },
};

/** A share Schakel derives from two counts of the same row (flagged `derived`). */
export interface DerivedShare {
  code: string;
  numerator: string;
  denominator: string;
  nameNl: string;
  nameEn: string;
}

export const DERIVED_SHARES: readonly DerivedShare[] = [
  { code: 'pct_age_65_plus', numerator: 'k_65JaarOfOuder', denominator: 'AantalInwoners', nameNl: '65 jaar of ouder, in procenten van de inwoners', nameEn: 'Aged 65 or over, per cent of the population' },
  { code: 'pct_age_0_to_14', numerator: 'k_0Tot15Jaar', denominator: 'AantalInwoners', nameNl: '0 tot 15 jaar, in procenten van de inwoners', nameEn: 'Aged 0 to 15, per cent of the population' },
  { code: 'pct_single_person_households', numerator: 'Eenpersoonshuishoudens', denominator: 'HuishoudensTotaal', nameNl: 'Eenpersoonshuishoudens, in procenten van de huishoudens', nameEn: 'Single-person households, per cent of households' },
];

/** The share, rounded to one decimal, or null when it cannot be computed (no denominator). */
export function deriveShare(numerator: number, denominator: number): number | null {
  if (!(denominator > 0) || numerator < 0 || numerator > denominator) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

/** Schakel's unit for a CBS unit, and the factor that turns CBS's value into it (`x 1 000 euro` → euros). */
export function unitOf(cbsUnit: string | null): { unit: IndicatorUnit; factor: number } {
  const unit = (cbsUnit ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (unit === '%' || unit === 'procent' || unit === 'percentage') return { unit: IndicatorUnit.PERCENT, factor: 1 };
  if (unit === 'aantal') return { unit: IndicatorUnit.COUNT, factor: 1 };
  if (unit === 'x 1 000') return { unit: IndicatorUnit.COUNT, factor: 1000 };
  if (unit === 'euro') return { unit: IndicatorUnit.EUR, factor: 1 };
  if (unit === 'x 1 000 euro') return { unit: IndicatorUnit.EUR, factor: 1000 };
  if (unit === 'x 1 000 000 euro' || unit === 'mln euro') return { unit: IndicatorUnit.EUR, factor: 1_000_000 };
  return { unit: IndicatorUnit.NUMBER, factor: 1 };
}

/** `k_65JaarOfOuder` → `cbs_k_65_jaar_of_ouder`: the code of an indicator made from a CBS key. */
export function indicatorCodeOf(stem: string): string {
  const snake = stem
    .replace(/([a-z])([A-Z0-9])/g, '$1_$2')
    .replace(/([0-9])([A-Za-z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `cbs_${snake}`.slice(0, 100);
}

/** The level of a `SoortRegio` value (`Gemeente  `, `Wijk`, `Buurt`); `Land` and others are null. */
export function levelOfRegionKind(kind: string | null): AreaLevel | null | 'country' {
  const k = (kind ?? '').trim().toLowerCase();
  if (k === 'gemeente') return AreaLevel.MUNICIPALITY;
  if (k === 'wijk') return AreaLevel.DISTRICT;
  if (k === 'buurt') return AreaLevel.NEIGHBOURHOOD;
  if (k === 'land') return 'country';
  return null;
}

/** `2023JJ00` (a year in a multi-year table) → 2023; null for other periods. */
export function yearOfPeriod(period: string | null): number | null {
  const match = /^(\d{4})JJ00$/.exec((period ?? '').trim());
  return match ? Number(match[1]) : null;
}

/** The source of the figures of one year, the same for the CSV and the OData of that year (so either imports as the other). */
export function sourceOf(year: number): string {
  return `CBS, Kerncijfers wijken en buurten ${year}`;
}
