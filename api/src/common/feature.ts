import type { ApolloServerPlugin } from '@apollo/server';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { DataSource, EntitySchema } from 'typeorm';
import type { AppConfig, WebhookSettings } from '../config';
import { type ContextFactory, type RequestContext, createContextFactory } from '../context';
import type { DirectRead } from '../graphql/direct-execution';
import type { CredentialCheck } from '../http/authenticate';
import type { RouteDependencies } from '../http/routes';
import type { LoaderFactory } from './loaders';

/**
 * A feature as the kernel sees it: one value per feature folder (`modules/<feature>/<feature>.module.ts`),
 * and one list of them (`src/features.ts`) composes the app. The kernel (everything in src outside
 * modules/ and that list) builds the data source, the schema, the request context, the REST mounting,
 * the migration run and the start-up from the list it is handed, and imports no feature itself
 * (api/.dependency-cruiser.cjs, "kernel-imports-no-feature"). Adding a feature is a folder and one
 * line in features.ts.
 *
 * Everything is optional but the name: a feature may be a table and nothing else (the access log).
 */
export interface FeatureModule {
  /** The folder's name, for messages and for the start-up log. */
  readonly name: string;
  /** The TypeORM entities it maps; the migrations must produce exactly their tables (db/migrations.test.ts). */
  readonly entities?: readonly EntityClass[];
  /** Its type-graphql resolver classes. */
  readonly resolvers?: readonly ResolverClass[];
  /** Its share of every request's DataLoaders (it augments `Loaders`, common/loaders.ts). */
  readonly loaders?: LoaderFactory;
  /** The REST routers it mounts beside GraphQL. */
  readonly routes?: readonly RestRoute[];
  /**
   * Its root Query fields that may be answered from a streaming replica (graphql/read-routing.ts):
   * only reads that write nothing (no access log) and may be a few seconds behind (REPLICA_MAX_LAG_MS).
   */
  readonly replicaReads?: readonly string[];
  /**
   * Root Query fields it answers as plain data in one statement, before Apollo's pipeline
   * (graphql/direct-execution.ts); Apollo answers whatever a read does not.
   */
  readonly directReads?: readonly DirectRead[];
  /** Apollo plugins it runs on every GraphQL request, in list order after the kernel's own. */
  readonly graphqlPlugins?: (deps: PluginDependencies) => ApolloServerPlugin<RequestContext>[];
  /** How the caller's credentials are checked (http/authenticate.ts); exactly one feature provides it. */
  readonly credentials?: CredentialCheck;
  /** Schema work of its own, run as the owner after the migrations (db/migrate.ts). */
  readonly migrate?: (options: MigrationHookOptions) => Promise<void>;
  /** Background work started once the app listens (main.ts); null when its settings leave it off. */
  readonly start?: (deps: StartDependencies) => Promise<BackgroundWork | null>;
}

// TypeORM and type-graphql take classes typed as bare functions; the `Function` type is theirs.
export type EntityClass = Function | EntitySchema;
export type ResolverClass = Function;

/** A REST router and the path it is mounted at. */
export interface RestRoute {
  path: string;
  create(deps: RouteDependencies): Router;
  /**
   * Parse JSON bodies up to MAX_BODY_BYTES before the router (sign-in). Routers that take larger
   * bodies (the imports) set their own parsers and limits.
   */
  jsonBody?: boolean;
}

export interface PluginDependencies {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
}

export interface MigrationHookOptions {
  /** The owner's URL: hooks run DDL. */
  ownerUrl: string;
  webhooks: WebhookSettings;
}

export interface StartDependencies {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
  /** The URL requests run on (the app role's). */
  databaseUrl: string;
  /** The start-up log (`[schakel] …` lines on stdout). */
  log: (message: string) => void;
}

/** Something a feature started; stopped, in list order, during graceful shutdown (ops/shutdown.ts). */
export interface BackgroundWork {
  /** How the shutdown log names the step, e.g. "webhook worker (drained)". */
  name: string;
  stop(): Promise<void>;
}

export function entitiesOf(features: readonly FeatureModule[]): EntityClass[] {
  return features.flatMap((feature) => feature.entities ?? []);
}

/** The root Query fields every feature declared lag-tolerant (FeatureModule.replicaReads). */
export function replicaReadsOf(features: readonly FeatureModule[]): Set<string> {
  return new Set(features.flatMap((feature) => feature.replicaReads ?? []));
}

/** Every feature's direct reads (FeatureModule.directReads). */
export function directReadsOf(features: readonly FeatureModule[]): DirectRead[] {
  return features.flatMap((feature) => feature.directReads ?? []);
}

export function resolversOf(features: readonly FeatureModule[]): ResolverClass[] {
  return features.flatMap((feature) => feature.resolvers ?? []);
}

/** The context factory of an app made of `features`: every feature's loaders in every context. */
export function contextFactoryOf(features: readonly FeatureModule[]): ContextFactory {
  return createContextFactory(features.flatMap((feature) => (feature.loaders ? [feature.loaders] : [])));
}

/** The one credential check of the app; a list without one, or with two, is a composition mistake. */
export function credentialsOf(features: readonly FeatureModule[]): CredentialCheck {
  const providers = features.filter((feature) => feature.credentials);
  if (providers.length !== 1) {
    throw new Error(`Exactly one feature must check credentials (FeatureModule.credentials); found ${providers.length}: ${providers.map((f) => f.name).join(', ') || 'none'}`);
  }
  return providers[0].credentials!;
}
