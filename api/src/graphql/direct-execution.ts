import type { ApolloServerPlugin } from '@apollo/server';
import { validateSync } from 'class-validator';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  type FieldNode,
  GraphQLEnumType,
  type GraphQLField,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLScalarType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getArgumentValues,
  getVariableValues,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { type RuleName, ruleAllows } from '../auth/auth.rules';
import type { Viewer } from '../auth/viewer';
import { type RequestContext, moveContextTo } from '../context';
import { sqlTallyStorage } from '../db/sql-counter';

/**
 * Direct execution: a query whose every root field a feature can answer as plain data in one
 * statement (its compiled read, common/compiled-read.ts) is answered here, before Apollo's request
 * pipeline, graphql-js' executor and type-graphql's per-field resolvers, which cost several times
 * the statement itself (docs/benchmarks.md). What it does not answer, it hands on unchanged to
 * Apollo (`next()`), which then answers as it always does; so every query still works, and every
 * error (a bad argument, a refused caller, a failed statement) is Apollo's error, in one place.
 *
 * - **Only documents Apollo has validated.** A document is learned by the plugin below when Apollo
 *   has parsed and validated it (graphql-js' rules and the limits of graphql/limits.ts) and resolved
 *   its operation; a document this process has not seen so goes to Apollo. Validation does not
 *   depend on variables or the caller, so a learned document is valid for every later request.
 * - **Only plain selections**: fields of object types, with aliases and `__typename`; no fragments,
 *   no directives, no arguments below the root (the plan is null otherwise), and leaves of the
 *   built-in scalars and of enums whose GraphQL names are their values (what the compiled JSON
 *   holds). The value a feature gives is projected onto the selection, response keys in selection
 *   order as graphql-js writes them; a value of the wrong type, or null where the schema says
 *   non-null, hands the request to Apollo instead.
 * - **The same access rule**: each read names its root field's rule, checked against type-graphql's
 *   metadata when the app is built (`directReadsChecked`); a caller the rule refuses goes to Apollo,
 *   which answers UNAUTHENTICATED or FORBIDDEN. The fields a compiled type describes all carry the
 *   root's rule (common/compiled-read.ts).
 * - **The same arguments**: coerced by graphql-js (`getVariableValues`, `getArgumentValues`) and
 *   validated with class-validator as type-graphql validates them; any problem goes to Apollo.
 */

/** A read's answer when it cannot answer this selection or these arguments: Apollo answers. */
export const NOT_DIRECT = Symbol('not direct');

/** One root Query field a feature answers directly (FeatureModule.directReads). */
export interface DirectRead {
  /** The root Query field. */
  field: string;
  /** The field's access rule, as its resolver declares it. */
  rule: RuleName;
  /** The field's @ArgsType class, when it takes its arguments as one (validated with class-validator). */
  args?: new () => object;
  /**
   * The field's value as plain data keyed by GraphQL field names (relations as arrays of such
   * objects), or NOT_DIRECT. It reads, never writes, and runs at most its one statement.
   */
  read(ctx: RequestContext, args: Record<string, unknown>, fieldNodes: readonly FieldNode[]): Promise<unknown>;
}

/** The shape of a value as the schema types it. */
type Shape =
  | { nonNull: boolean; kind: 'list'; of: Shape }
  | { nonNull: boolean; kind: 'leaf'; check: (value: unknown) => boolean }
  | { nonNull: boolean; kind: 'object'; fields: FieldPlan[] };

interface FieldPlan {
  /** The response key (alias or name). */
  key: string;
  /** The field's name, the key of the value in the feature's data. */
  name: string;
  /** `__typename`: the object type's name, written as is. */
  typename?: string;
  shape?: Shape;
}

interface RootPlan {
  key: string;
  typename?: string;
  read?: DirectRead;
  field?: GraphQLField<unknown, unknown>;
  nodes?: FieldNode[];
  shape?: Shape;
}

interface Plan {
  operation: OperationDefinitionNode;
  operationName: string | null;
  roots: RootPlan[];
}

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

const LEAF_CHECKS: Partial<Record<string, (value: unknown) => boolean>> = {
  String: (value) => typeof value === 'string',
  ID: (value) => typeof value === 'string',
  Boolean: (value) => typeof value === 'boolean',
  Int: (value) => Number.isInteger(value) && (value as number) <= INT_MAX && (value as number) >= INT_MIN,
  Float: (value) => typeof value === 'number' && Number.isFinite(value),
};

/** Raised while projecting: the value is not what the schema says; Apollo answers instead. */
class Mismatch extends Error {}

/** The fields of these selection sets by response key, in first-seen order, or null when one is not a plain field. */
function collect(sets: readonly SelectionSetNode[], allowArguments: boolean): Map<string, FieldNode[]> | null {
  const fields = new Map<string, FieldNode[]>();
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) return null;
      if (!allowArguments && (selection.arguments?.length ?? 0) > 0) return null;
      const key = selection.alias?.value ?? selection.name.value;
      const same = fields.get(key);
      if (same) same.push(selection);
      else fields.set(key, [selection]);
    }
  }
  return fields;
}

function shapeOf(type: GraphQLOutputType, nodes: readonly FieldNode[], nonNull = false): Shape | null {
  if (type instanceof GraphQLNonNull) return shapeOf(type.ofType, nodes, true);
  if (type instanceof GraphQLList) {
    const of = shapeOf(type.ofType, nodes);
    return of ? { nonNull, kind: 'list', of } : null;
  }
  if (nodes.some((node) => node.selectionSet) !== type instanceof GraphQLObjectType) return null;
  if (type instanceof GraphQLScalarType) {
    const check = LEAF_CHECKS[type.name];
    return check ? { nonNull, kind: 'leaf', check } : null;
  }
  if (type instanceof GraphQLEnumType) {
    const values = type.getValues();
    if (!values.every((value) => value.value === value.name)) return null;
    const names = new Set(values.map((value) => value.name));
    return { nonNull, kind: 'leaf', check: (value) => typeof value === 'string' && names.has(value) };
  }
  if (!(type instanceof GraphQLObjectType)) return null;
  const fields = objectPlan(type, nodes.map((node) => node.selectionSet!));
  return fields ? { nonNull, kind: 'object', fields } : null;
}

function objectPlan(type: GraphQLObjectType, sets: readonly SelectionSetNode[]): FieldPlan[] | null {
  const collected = collect(sets, false);
  if (!collected) return null;
  const plans: FieldPlan[] = [];
  for (const [key, nodes] of collected) {
    const name = nodes[0].name.value;
    if (name === '__typename') {
      plans.push({ key, name, typename: type.name });
      continue;
    }
    const field = type.getFields()[name];
    if (!field) return null;
    const shape = shapeOf(field.type, nodes);
    if (!shape) return null;
    plans.push({ key, name, shape });
  }
  return plans;
}

/** The plan of a validated query, or null when any part of it is not for direct execution. */
export function planOf(schema: GraphQLSchema, reads: ReadonlyMap<string, DirectRead>, operation: OperationDefinitionNode, operationName: string | null): Plan | null {
  if (operation.operation !== 'query') return null;
  const queryType = schema.getQueryType();
  const collected = collect([operation.selectionSet], true);
  if (!queryType || !collected || collected.size === 0) return null;
  const roots: RootPlan[] = [];
  for (const [key, nodes] of collected) {
    const name = nodes[0].name.value;
    if (name === '__typename') {
      roots.push({ key, typename: queryType.name });
      continue;
    }
    const read = reads.get(name);
    const field = queryType.getFields()[name];
    if (!read || !field || nodes.length !== 1) return null;
    const shape = shapeOf(field.type, nodes);
    if (!shape) return null;
    roots.push({ key, read, field, nodes, shape });
  }
  if (roots.every((root) => !root.read)) return null;
  return { operation, operationName, roots };
}

function project(value: unknown, shape: Shape): unknown {
  if (value === null) {
    if (shape.nonNull) throw new Mismatch();
    return null;
  }
  if (value === undefined) throw new Mismatch();
  switch (shape.kind) {
    case 'leaf':
      if (!shape.check(value)) throw new Mismatch();
      return value;
    case 'list':
      if (!Array.isArray(value)) throw new Mismatch();
      return value.map((item) => project(item, shape.of));
    case 'object': {
      if (typeof value !== 'object') throw new Mismatch();
      const out: Record<string, unknown> = {};
      for (const field of shape.fields) out[field.key] = field.typename ?? project((value as Record<string, unknown>)[field.name], field.shape!);
      return out;
    }
  }
}

/** The learned plans, by operation name and document text; bounded (the oldest go first). */
export class PlanCache {
  private readonly plans = new Map<string, Plan | null>();

  constructor(private readonly max = 500) {}

  static key(query: string, operationName: string | null | undefined): string {
    return `${operationName ?? ''}\n${query}`;
  }

  has(key: string): boolean {
    return this.plans.has(key);
  }

  get(key: string): Plan | null | undefined {
    return this.plans.get(key);
  }

  set(key: string, plan: Plan | null): void {
    if (this.plans.size >= this.max) this.plans.delete(this.plans.keys().next().value as string);
    this.plans.set(key, plan);
  }

  get size(): number {
    return this.plans.size;
  }
}

/** Where a direct read reads (graphql/read-routing.ts): a replica's manager, or null for the primary. */
export interface DirectReadRouting {
  route(operation: OperationDefinitionNode, header: (name: string) => string | undefined, viewer: Viewer): { name: string; manager: RequestContext['manager'] } | null;
  failed(name: string, error: unknown): void;
  /** The response header saying where the request was read. */
  header: string;
}

export interface DirectExecutionOptions {
  schema: GraphQLSchema;
  reads: readonly DirectRead[];
  /** The request's context, as Apollo's is made (app.ts). */
  createContext(req: Request, res: Response): RequestContext;
  /** Counts the operation and names it in the request log, as metrics' Apollo plugin does. */
  onOperation(name: string | null, type: string): void;
  exposeSqlCount: boolean;
  /** Replica routing, when replicas are in use. */
  routing?: DirectReadRouting;
  /** How many documents are kept (default 500). */
  maxPlans?: number;
}

/**
 * Argument values class-validator found valid, per @ArgsType class: validation is a function of the
 * values alone, and class-validator looks up the class's metadata on every call (3 % of a cheap
 * read's time), so values seen valid before are not validated again. Bounded per class: when full,
 * the oldest half is forgotten. Only valid values are kept (invalid ones go to Apollo anyway).
 */
const validArguments = new WeakMap<new () => object, Set<string>>();
const VALID_ARGUMENTS_PER_CLASS = 2000;

function argumentsValid(type: new () => object, args: Record<string, unknown>): boolean {
  let known = validArguments.get(type);
  if (!known) validArguments.set(type, (known = new Set()));
  const key = JSON.stringify(args);
  if (known.has(key)) return true;
  if (validateSync(Object.assign(new type(), args), { forbidUnknownValues: false }).length > 0) return false;
  if (known.size >= VALID_ARGUMENTS_PER_CLASS) for (const old of [...known].slice(0, VALID_ARGUMENTS_PER_CLASS / 2)) known.delete(old);
  known.add(key);
  return true;
}

/** Tests turn direct execution off to compare it with Apollo's answer in the same process, and count what it answered. */
export const directExecutionSwitch = { enabled: true, answered: 0 };

/** Accept headers a direct answer (`application/json; charset=utf-8`, as Apollo chooses it for them) satisfies. */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  const types = accept.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  return types.every((type) => type === 'application/json' || type === '*/*');
}

export function directExecution(options: DirectExecutionOptions): { middleware: RequestHandler; plugin: ApolloServerPlugin<RequestContext>; plans: PlanCache } {
  const reads = new Map(options.reads.map((read) => [read.field, read]));
  const plans = new PlanCache(options.maxPlans);
  const { schema } = options;

  const plugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ operation }) {
          if (!operation || typeof request.query !== 'string' || request.extensions?.persistedQuery) return;
          const key = PlanCache.key(request.query, request.operationName);
          if (!plans.has(key)) plans.set(key, planOf(schema, reads, operation, request.operationName ?? operation.name?.value ?? null));
        },
      };
    },
  };

  async function answer(req: Request, res: Response, plan: Plan, body: { variables?: unknown }): Promise<boolean> {
    const coerced = getVariableValues(schema, plan.operation.variableDefinitions ?? [], (body.variables ?? {}) as Record<string, unknown>);
    if (coerced.errors) return false;
    const ctx = options.createContext(req, res);
    const calls: Array<{ root: RootPlan; args: Record<string, unknown> }> = [];
    for (const root of plan.roots) {
      if (!root.read) continue;
      if (!ruleAllows(ctx, root.read.rule)) return false;
      const args = getArgumentValues(root.field!, root.nodes![0], coerced.coerced);
      if (root.read.args && !argumentsValid(root.read.args, args)) return false;
      calls.push({ root, args });
    }
    const replica = options.routing?.route(plan.operation, (name) => headerText(req.headers[name]), ctx.viewer) ?? null;
    if (replica) moveContextTo(ctx, replica.manager);
    const values = new Map<RootPlan, unknown>();
    try {
      // One at a time: a request's statements never share its connection concurrently (common/transaction.ts).
      for (const { root, args } of calls) {
        const value = await root.read!.read(ctx, args, root.nodes!);
        if (value === NOT_DIRECT) return false;
        values.set(root, value);
      }
    } catch (error) {
      if (replica) options.routing!.failed(replica.name, error);
      return false;
    }
    const data: Record<string, unknown> = {};
    try {
      for (const root of plan.roots) data[root.key] = root.typename ?? project(values.get(root), root.shape!);
    } catch (error) {
      if (error instanceof Mismatch) return false;
      throw error;
    }
    options.onOperation(plan.operationName, 'query');
    if (options.routing) res.setHeader(options.routing.header, replica ? 'replica' : 'primary');
    const tally = sqlTallyStorage.getStore();
    if (tally && options.exposeSqlCount) res.setHeader('x-sql-statements', String(tally.statements));
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.status(200).send(`${JSON.stringify({ data })}\n`);
    directExecutionSwitch.answered += 1;
    return true;
  }

  const middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (!directExecutionSwitch.enabled || req.method !== 'POST' || !acceptsJson(req.headers.accept)) return next();
    const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string' || body.extensions !== undefined) return next();
    if (body.operationName !== undefined && body.operationName !== null && typeof body.operationName !== 'string') return next();
    if (body.variables !== undefined && body.variables !== null && (typeof body.variables !== 'object' || Array.isArray(body.variables))) return next();
    const plan = plans.get(PlanCache.key(body.query, body.operationName as string | null | undefined));
    if (!plan) return next();
    answer(req, res, plan, body).then(
      (answered) => {
        if (!answered) next();
      },
      (error: unknown) => next(error),
    );
  };

  return { middleware, plugin, plans };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Throws unless each direct read's rule is its root field's rule as type-graphql knows it (the
 * method's own @Authorized or its resolver class's), so a read cannot answer a caller the resolver
 * would refuse. Run once when the app is built.
 */
export function assertDirectReadRules(reads: readonly DirectRead[]): void {
  const storage = getMetadataStorage();
  for (const read of reads) {
    const query = storage.queries.find((def) => def.schemaName === read.field);
    const roles = query?.roles ?? [];
    if (!query || roles.length !== 1 || roles[0] !== read.rule) {
      throw new Error(`Direct read "${read.field}" says rule ${read.rule}, its resolver ${query ? `[${roles.join(', ')}]` : 'does not exist'}`);
    }
  }
}
