/**
 * The location feature's public face: what other features, the scripts and the benchmarks may use
 * (see the files below). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (location.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { applyLocationInput, createLocation, locationCuration, updateLocation } from './location.service';
export { CreateLocationInput, UpdateLocationInput } from './location.inputs';
export { GeocoderUnavailableError, geocodeAddress, houseNumberOf, readGeocodeQuery, type GeocodeCandidate, type GeocodeQuery } from './location.geocode';
