/**
 * The auth feature's public face: what other features, the scripts and the benchmarks may use
 * (sign-in, sessions, password and API key secrets). Its entities (*.entity.ts) are imported directly, being the shared
 * data model; its resolvers and its module (auth.module.ts) are not exported here: only features.ts
 * composes them (api/.dependency-cruiser.cjs, "feature-through-public-face").
 */
export { MIN_PASSWORD_LENGTH, hashPassword, newApiKeySecret, randomToken } from './auth.service';
