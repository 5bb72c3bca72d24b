import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { geocoderSettingsFromEnv } from '../../config';
import { BadUserInputError, ServiceUnavailableError, throwIfProblems } from '../../common/errors';
import type { RequestContext } from '../../context';
import { type GeocodeCandidate, GeocoderUnavailableError, geocodeAddress, houseNumberOf, readGeocodeQuery } from './location.geocode';
import type { GeocodeAddressArgs } from './location.inputs';

/*
 * `geocodeAddress`: the positions the configured geocoder (location.geocode.ts, GEOCODER_URL)
 * gives for a Dutch address, for the location form to offer; nothing is written — the curator
 * saves the chosen position with the location. The REST twin for admins is
 * `GET /imports/geocode` (cbs-import.router.ts); both read the query and the answer through
 * location.geocode.ts.
 */

@ObjectType('GeocodeCandidate', { description: 'A position the geocoder gives for an address; choose one and save it on the location.' })
export class GeocodeCandidateObject {
  @Field(() => String, { description: 'The address as the geocoder writes it ("Stadhuisplein 1, 3811LM Amersfoort").' })
  address: string;

  @Field(() => String, { nullable: true })
  street: string | null;

  @Field(() => Int, { nullable: true })
  houseNumber: number | null;

  @Field(() => String, { nullable: true })
  addition: string | null;

  @Field(() => String, { nullable: true })
  postcode: string | null;

  @Field(() => String, { nullable: true })
  city: string | null;

  @Field(() => Float)
  latitude: number;

  @Field(() => Float)
  longitude: number;

  @Field(() => String, { nullable: true, description: 'CBS buurt code (BU…).' })
  neighbourhoodCode: string | null;

  @Field(() => String, { nullable: true, description: 'CBS wijk code (WK…).' })
  districtCode: string | null;

  @Field(() => String, { nullable: true, description: 'CBS gemeente code.' })
  municipalityCode: string | null;

  @Field(() => Float, { nullable: true })
  score: number | null;

  /** The Schakel area whose CBS code is the candidate's neighbourhood code (resolved through `areaById`). */
  @Field(() => ID, { nullable: true, description: "The id of the area whose CBS code is the candidate's neighbourhood code, when there is one." })
  areaId: string | null;
}

const QUERY_RULES: Record<string, { rule: string; params?: Record<string, unknown> }> = {
  postcode: { rule: 'matches' },
  houseNumber: { rule: 'houseNumber', params: { min: 1, max: 99999 } },
  addition: { rule: 'maxLength', params: { max: 6 } },
};

/** The candidates for the address, each with the area of its neighbourhood; SERVICE_UNAVAILABLE when the geocoder is off or does not answer. */
export async function lookUpAddress(ctx: RequestContext, args: GeocodeAddressArgs): Promise<GeocodeCandidateObject[]> {
  // The form sends its address line; the house number at its end is read as the REST lookup reads it.
  const fromAddress = args.houseNumber == null ? houseNumberOf(args.address ?? null) : null;
  const read = readGeocodeQuery({ postcode: args.postcode, houseNumber: args.houseNumber ?? fromAddress?.houseNumber, addition: args.addition ?? fromAddress?.addition });
  if ('problems' in read) {
    throwIfProblems(read.problems.map((problem) => new BadUserInputError(problem.field, problem.message, QUERY_RULES[problem.field] ?? {})));
    return [];
  }
  let candidates: GeocodeCandidate[];
  try {
    candidates = await geocodeAddress(ctx.settings.geocoder ?? geocoderSettingsFromEnv(), read.query);
  } catch (error) {
    if (error instanceof GeocoderUnavailableError) throw new ServiceUnavailableError(error.message, 'geocoder');
    throw error;
  }
  const codes = [...new Set(candidates.map((candidate) => candidate.neighbourhoodCode).filter((code): code is string => code !== null))];
  const areas: Array<{ id: string; code: string }> = codes.length > 0 ? await ctx.manager.query(`SELECT id, code FROM area WHERE code = ANY($1::text[]) AND archived_at IS NULL`, [codes]) : [];
  const areaByCode = new Map(areas.map((area) => [area.code, area.id]));
  return candidates.map((candidate) => ({ ...candidate, areaId: (candidate.neighbourhoodCode && areaByCode.get(candidate.neighbourhoodCode)) || null }));
}
