import type { GeocoderSettings } from '../../config';

/*
 * Positions for locations from their Dutch address (postcode + house number) through PDOK's
 * Locatieserver or a server that answers the same way (GEOCODER_URL, docs/adopting.md): the
 * `free` search with `q=postcode:… and huisnummer:…` and `fq=type:adres`, whose documents carry
 * the address's WGS 84 point as `centroide_ll` ("POINT(lon lat)") and its CBS buurt, wijk and
 * gemeente codes. The candidates are shown for confirmation; nothing is written here.
 */

export interface GeocodeQuery {
  /** 3811 AB or 3811AB. */
  postcode: string;
  houseNumber: number;
  /** Huisletter and/or toevoeging (`a`, `bis`, `2`, `A-3`). */
  addition?: string | null;
}

export interface GeocodeCandidate {
  /** The address as the Locatieserver writes it ("Stadhuisplein 1, 3811LM Amersfoort"). */
  address: string;
  street: string | null;
  houseNumber: number | null;
  addition: string | null;
  postcode: string | null;
  city: string | null;
  latitude: number;
  longitude: number;
  neighbourhoodCode: string | null;
  districtCode: string | null;
  municipalityCode: string | null;
  score: number | null;
}

/** The geocoder could not be asked or did not answer usefully (the caller answers 503). */
export class GeocoderUnavailableError extends Error {}

/** A normalised query, or the problems with it by field. */
export function readGeocodeQuery(raw: { postcode?: unknown; houseNumber?: unknown; addition?: unknown }): { query: GeocodeQuery } | { problems: Array<{ field: string; message: string }> } {
  const problems: Array<{ field: string; message: string }> = [];
  const postcode = typeof raw.postcode === 'string' ? raw.postcode.replace(/\s+/g, '').toUpperCase() : '';
  if (!/^[1-9]\d{3}[A-Z]{2}$/.test(postcode)) problems.push({ field: 'postcode', message: 'postcode must be a Dutch postcode such as 3811 AB' });
  const houseNumber = typeof raw.houseNumber === 'number' ? raw.houseNumber : typeof raw.houseNumber === 'string' && /^\d{1,5}$/.test(raw.houseNumber.trim()) ? Number(raw.houseNumber) : NaN;
  if (!Number.isInteger(houseNumber) || houseNumber < 1 || houseNumber > 99999) problems.push({ field: 'houseNumber', message: 'houseNumber must be a whole number from 1 to 99999' });
  const addition = typeof raw.addition === 'string' && raw.addition.trim() ? raw.addition.trim() : null;
  if (addition !== null && !/^[A-Za-z0-9-]{1,6}$/.test(addition)) problems.push({ field: 'addition', message: 'addition must be a house letter or addition of at most 6 letters, digits or hyphens' });
  return problems.length > 0 ? { problems } : { query: { postcode, houseNumber, addition } };
}

/** The house number at the end of a location's address ("Neptunusplein 1a" → 1, "a"), or null. */
export function houseNumberOf(address: string | null): { houseNumber: number; addition: string | null } | null {
  const match = /\s(\d{1,5})\s*-?\s*([A-Za-z]{1,4}|\d{1,4})?\s*$/.exec(address ?? '');
  return match ? { houseNumber: Number(match[1]), addition: match[2] ?? null } : null;
}

/** The request for `query` (PDOK Locatieserver v3.1 `free`). */
export function geocodeUrl(base: string, query: GeocodeQuery): URL {
  const url = new URL(base);
  url.searchParams.set('q', `postcode:${query.postcode} and huisnummer:${query.houseNumber}`);
  url.searchParams.set('fq', 'type:adres');
  url.searchParams.set('rows', '10');
  url.searchParams.set('fl', 'weergavenaam,straatnaam,huisnummer,huisletter,huisnummertoevoeging,postcode,woonplaatsnaam,centroide_ll,buurtcode,wijkcode,gemeentecode,score');
  return url;
}

const POINT = /^POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/i;

/**
 * The candidates in a Locatieserver answer, those matching the addition first (an address with
 * one is asked for it; one without is the number without letter or addition).
 */
export function readGeocodeAnswer(body: unknown, query: GeocodeQuery): GeocodeCandidate[] {
  const docs = (body as { response?: { docs?: unknown } } | null)?.response?.docs;
  if (!Array.isArray(docs)) throw new GeocoderUnavailableError('The geocoder answered without response.docs');
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  const candidates: Array<GeocodeCandidate & { matches: boolean }> = [];
  for (const doc of docs) {
    const d = (doc ?? {}) as Record<string, unknown>;
    const point = POINT.exec(text(d.centroide_ll) ?? '');
    if (!point) continue;
    const [longitude, latitude] = [Number(point[1]), Number(point[2])];
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) continue;
    const addition = [text(d.huisletter), text(d.huisnummertoevoeging)].filter(Boolean).join('-') || null;
    const wanted = (query.addition ?? '').replace(/-/g, '').toLowerCase();
    candidates.push({
      address: text(d.weergavenaam) ?? '',
      street: text(d.straatnaam),
      houseNumber: typeof d.huisnummer === 'number' ? d.huisnummer : null,
      addition,
      postcode: text(d.postcode),
      city: text(d.woonplaatsnaam),
      latitude,
      longitude,
      neighbourhoodCode: text(d.buurtcode),
      districtCode: text(d.wijkcode),
      municipalityCode: text(d.gemeentecode),
      score: typeof d.score === 'number' ? d.score : null,
      matches: (addition ?? '').replace(/-/g, '').toLowerCase() === wanted,
    });
  }
  return candidates.sort((a, b) => Number(b.matches) - Number(a.matches)).map(({ matches: _matches, ...candidate }) => candidate);
}

/** Asks the configured geocoder. Throws GeocoderUnavailableError when it is off, fails or is too slow. */
export async function geocodeAddress(settings: GeocoderSettings, query: GeocodeQuery): Promise<GeocodeCandidate[]> {
  if (!settings.url) throw new GeocoderUnavailableError('Geocoding is off (GEOCODER_URL=off)');
  let response: Response;
  try {
    response = await fetch(geocodeUrl(settings.url, query), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(settings.timeoutMs) });
  } catch (error) {
    const reason = (error as { name?: unknown } | null)?.name === 'TimeoutError' ? `no answer within ${settings.timeoutMs} ms` : 'it could not be reached';
    throw new GeocoderUnavailableError(`The geocoder did not answer: ${reason}`);
  }
  if (!response.ok) throw new GeocoderUnavailableError(`The geocoder answered HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new GeocoderUnavailableError('The geocoder answered something other than JSON');
  }
  return readGeocodeAnswer(body, query);
}
