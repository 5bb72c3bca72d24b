import { createHash } from 'node:crypto';
import { type FieldNode, Kind, type SelectionSetNode } from 'graphql';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { currentSqlTally } from '../db/sql-counter';
import { type Connection, type PageRequest, toConnection } from './connection';
import { currentSql } from './loaders';
import { sortKeyText } from './paging';
import { type ReferenceCheck, checksSql, throwFailedCheck } from './references';

/**
 * The compiled read path: a root query field looks ahead at its selection set and answers it with
 * ONE SQL statement that builds the JSON in PostgreSQL (json_build_object, relations as correlated
 * json_agg subqueries), sent as a named prepared statement. A feature describes its types as a
 * `CompiledType` (which GraphQL fields are columns, which are relations and how they join, with
 * the same rules as its loaders and resolvers: the archive rule is `currentSql`, common/loaders.ts).
 *
 * Decided per root field: when every selected field (at every depth) is in the description, the
 * compiled path answers; otherwise (a fragment, a directive, an argument, a field not described)
 * the root field returns null from `compileSelection` and the caller takes the resolver path.
 * The relation field resolvers still run on a compiled answer; they return the value the
 * statement already built (`precomputed`) instead of calling their loader.
 *
 * Authorisation: the root field's rule runs before its resolver (type-graphql); a compiled type
 * may only describe fields whose rule is the same as the root's (all of them @PublicMap for the
 * social map's types), so no field-level rule is skipped.
 */

/** What the compiler knows of one GraphQL object type backed by one table. */
export interface CompiledType {
  entity: EntityTarget<ObjectLiteral>;
  /** GraphQL field names answered by the entity property of the same name (a column). */
  scalars: readonly string[];
  relations: Readonly<Record<string, CompiledRelation>>;
}

/**
 * A relation: the child rows of `parent` (an SQL alias) as `from`/`where`/`orderBy` over the child
 * alias; a list (JSON array, `[]` when none) or, with `one`, the single row (JSON object, or null).
 */
export interface CompiledRelation {
  type: () => CompiledType;
  one?: boolean;
  /** FROM clause; must bind the child's table to `child`. */
  from: (child: string, link: string) => string;
  where: (parent: string, child: string, link: string) => string;
  orderBy: (child: string, link: string) => string;
  /** The parent's columns `where` reads (default: its id). */
  parentColumns?: readonly string[];
}

/** The selection tree of a compiled read: scalars and relations by field name. */
export interface CompiledSelection {
  type: CompiledType;
  scalars: string[];
  relations: Map<string, CompiledSelection>;
}

/** Tests turn the compiled path off to compare it with the resolver path in the same process. */
export const compiledReads = { enabled: true };

const PRECOMPUTED = Symbol('precomputed relations');

/** The relation value the compiled statement already built for `root`, or undefined (then use the loader). */
export function precomputed<T>(root: object, field: string): T | undefined {
  return (root as { [PRECOMPUTED]?: Record<string, unknown> })[PRECOMPUTED]?.[field] as T | undefined;
}

/**
 * The selection of a root field (its field nodes: `info.fieldNodes` on the resolver path, the
 * document's on the direct path, graphql/direct-execution.ts), or null when any part of it is not
 * compilable.
 */
export function compileSelection(fieldNodes: readonly FieldNode[], type: CompiledType): CompiledSelection | null {
  if (!compiledReads.enabled || fieldNodes.length !== 1) return null;
  return cached(compiledSelections, fieldNodes[0], type, (set) => walk(set, type));
}

/**
 * Compiled selections by field node: a document's nodes live as long as Apollo's document cache or
 * direct execution's plan keeps the document, and each is compiled once per type, not per request.
 */
const compiledSelections = new WeakMap<FieldNode, Map<CompiledType, CompiledSelection | null>>();
const compiledConnections = new WeakMap<FieldNode, Map<CompiledType, CompiledConnection | null>>();

function cached<T>(cache: WeakMap<FieldNode, Map<CompiledType, T | null>>, node: FieldNode, type: CompiledType, compile: (set: SelectionSetNode) => T | null): T | null {
  let byType = cache.get(node);
  if (!byType) cache.set(node, (byType = new Map()));
  if (byType.has(type)) return byType.get(type)!;
  const compiled = node.selectionSet ? compile(node.selectionSet) : null;
  byType.set(type, compiled);
  return compiled;
}

/** What a compiled connection (`XxxConnection`) selects: its nodes, and whether the count is asked for. */
export interface CompiledConnection {
  node: CompiledSelection;
  totalCount: boolean;
}

const PAGE_INFO_FIELDS = ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor', '__typename'];

/**
 * The selection of a root connection field (common/connection.ts: edges { node cursor }, pageInfo,
 * totalCount), or null when any part is not compilable. Edges, cursors and page info are built in
 * Node by `toConnection` as on the resolver path; only the nodes and the count come from SQL.
 */
export function compileConnection(fieldNodes: readonly FieldNode[], type: CompiledType): CompiledConnection | null {
  if (!compiledReads.enabled || fieldNodes.length !== 1) return null;
  return cached(compiledConnections, fieldNodes[0], type, (set) => connectionOf(set, type));
}

function connectionOf(set: SelectionSetNode, type: CompiledType): CompiledConnection | null {
  let node: CompiledSelection = { type, scalars: [], relations: new Map() };
  let totalCount = false;
  for (const field of set.selections) {
    if (field.kind !== Kind.FIELD || (field.directives?.length ?? 0) > 0 || (field.arguments?.length ?? 0) > 0) return null;
    const name = field.name.value;
    if (name === '__typename') continue;
    if (name === 'totalCount') totalCount = true;
    else if (name === 'pageInfo') {
      if (!field.selectionSet?.selections.every((s) => s.kind === Kind.FIELD && !s.directives?.length && PAGE_INFO_FIELDS.includes(s.name.value))) return null;
    } else if (name === 'edges') {
      for (const edge of field.selectionSet?.selections ?? []) {
        if (edge.kind !== Kind.FIELD || (edge.directives?.length ?? 0) > 0) return null;
        if (edge.name.value === 'cursor' || edge.name.value === '__typename') continue;
        if (edge.name.value !== 'node' || !edge.selectionSet) return null;
        const child = walk(edge.selectionSet, type);
        if (!child) return null;
        node = merge(node, child);
      }
    } else return null;
  }
  return { node, totalCount };
}

function walk(set: SelectionSetNode, type: CompiledType): CompiledSelection | null {
  const selection: CompiledSelection = { type, scalars: [], relations: new Map() };
  for (const node of set.selections) {
    if (node.kind !== Kind.FIELD) return null;
    if ((node.directives?.length ?? 0) > 0 || (node.arguments?.length ?? 0) > 0) return null;
    const name = node.name.value;
    if (name === '__typename') continue;
    const relation = type.relations[name];
    if (relation) {
      if (!node.selectionSet) return null;
      const child = walk(node.selectionSet, relation.type());
      if (!child) return null;
      const same = selection.relations.get(name);
      selection.relations.set(name, same ? merge(same, child) : child);
    } else if (type.scalars.includes(name) && !node.selectionSet) {
      if (!selection.scalars.includes(name)) selection.scalars.push(name);
    } else {
      return null;
    }
  }
  return selection;
}

/** Two selections of the same field (`services { id } services { name }`), as graphql-js merges them. */
function merge(a: CompiledSelection, b: CompiledSelection): CompiledSelection {
  const relations = new Map(a.relations);
  for (const [name, child] of b.relations) relations.set(name, relations.has(name) ? merge(relations.get(name)!, child) : child);
  return { type: a.type, scalars: [...new Set([...a.scalars, ...b.scalars])], relations };
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The json_build_object(...) of one row of `selection` at SQL alias `alias`. */
function objectSql(manager: EntityManager, selection: CompiledSelection, alias: string, depth: number): string {
  const metadata = manager.connection.getMetadata(selection.type.entity);
  const parts: string[] = [];
  for (const field of selection.scalars) {
    const column = metadata.findColumnWithPropertyName(field);
    if (!column) throw new Error(`compiled read: ${metadata.name}.${field} is no column`);
    parts.push(`'${field}', ${alias}.${quote(column.databaseName)}`);
  }
  let n = 0;
  for (const [field, child] of selection.relations) {
    const relation = selection.type.relations[field];
    const c = `c${depth}_${n}`;
    const l = `l${depth}_${n}`;
    n += 1;
    parts.push(
      relation.one
        ? `'${field}', (SELECT ${objectSql(manager, child, c, depth + 1)} FROM ${relation.from(c, l)} WHERE ${relation.where(alias, c, l)})`
        : `'${field}', (SELECT coalesce(json_agg(${objectSql(manager, child, c, depth + 1)} ORDER BY ${relation.orderBy(c, l)}), '[]'::json) ` +
            `FROM ${relation.from(c, l)} WHERE ${relation.where(alias, c, l)})`,
    );
  }
  return `json_build_object(${parts.join(', ')})`;
}

/**
 * The columns of `selection`'s rows a statement reads at `alias`: id, `also`, the scalars' and what
 * the relations join on. A page carries its rows through a sort; all columns (a search vector
 * among them) made that sort move ten times the bytes it needs.
 */
function rowColumnsSql(manager: EntityManager, selection: CompiledSelection, alias: string, also: readonly string[]): string {
  const metadata = manager.connection.getMetadata(selection.type.entity);
  const columns = new Set(['id', ...also]);
  for (const field of selection.scalars) columns.add(metadata.findColumnWithPropertyName(field)!.databaseName);
  for (const field of selection.relations.keys()) for (const column of selection.type.relations[field].parentColumns ?? ['id']) columns.add(column);
  return [...columns].map((column) => `${alias}.${quote(column)}`).join(', ');
}

/** Statement texts by selection and the rest of their arguments: a selection's SQL is built once. */
const statementTexts = new WeakMap<object, Map<string, string>>();

function cachedText(selection: object, key: string, build: () => string): string {
  let texts = statementTexts.get(selection);
  if (!texts) statementTexts.set(selection, (texts = new Map()));
  let text = texts.get(key);
  if (text === undefined) texts.set(key, (text = build()));
  return text;
}

/** SQL of one statement answering `selection` for the rows of `from`/`where` at alias `r` (ordered), as one JSON array. */
export function compiledSql(manager: EntityManager, selection: CompiledSelection, from: string, where: string, orderBy: string, limit?: string): string {
  return cachedText(selection, `${from}\u0000${where}\u0000${orderBy}\u0000${limit ?? ''}`, () => buildCompiledSql(manager, selection, from, where, orderBy, limit));
}

function buildCompiledSql(manager: EntityManager, selection: CompiledSelection, from: string, where: string, orderBy: string, limit?: string): string {
  const object = objectSql(manager, selection, 'r', 0);
  const inner = `SELECT r.* FROM ${from} WHERE ${where} ORDER BY ${orderBy}${limit ? ` LIMIT ${limit}` : ''}`;
  return `SELECT coalesce(json_agg(${object} ORDER BY ${orderBy}), '[]'::json) AS answer FROM (${inner}) r`;
}

/**
 * SQL of one statement answering a keyset page (`page` as `paginate` runs it: `where`, then
 * (sort, id) after the cursor, ordered by (sort, id), `limit + 1` rows) with each row's sort key
 * as `sort`, the COUNT over `where` when `totalCount`, and `checks` (a JSON array of the
 * conditions' reference checks, common/references.ts). `where` uses the parameters before
 * `$<limitParam>`, which is limit + 1; the cursor's sort key and id follow it when `after`.
 */
export interface PageStatementParts {
  table: string;
  where: string;
  sortColumn: string;
  limitParam: number;
  after: boolean;
  /** The alias `where` is written on (default `r`). */
  alias?: string;
  /** The conditions' reference checks as SQL (`checksSql`; default none). */
  checks?: string;
}

export function compiledPageSql(manager: EntityManager, connection: CompiledConnection, parts: PageStatementParts): string {
  const { table, where, sortColumn, limitParam, after, alias = 'r', checks = `'[]'::json` } = parts;
  return cachedText(connection, [table, alias, where, sortColumn, limitParam, after, checks].join('\u0000'), () =>
    buildCompiledPageSql(manager, connection, { table, where, sortColumn, limitParam, after, alias, checks }),
  );
}

/**
 * `compiledPageSql` over conditions written for TypeORM's query builder (on `alias`, named
 * parameters `:name`, as the feature's list function builds them), with the page's limit and
 * cursor after them: the statement text and its positional values.
 */
export function compiledPageOf(
  manager: EntityManager,
  connection: CompiledConnection,
  table: string,
  conditions: { where: readonly string[]; params: Record<string, unknown>; checks?: readonly ReferenceCheck[] },
  sortColumn: string,
  page: { limit: number; after: { sortKey: string; id: string } | null },
  alias = 'r',
): { text: string; values: unknown[] } {
  // The conditions and their checks share the parameters: escaped as one text, split after.
  const whereText = conditions.where.map((condition) => `(${condition})`).join(' AND ') || 'true';
  const [escaped, values] = manager.connection.driver.escapeQueryWithParameters(`${whereText}\u0000${checksSql(conditions.checks ?? [])}`, conditions.params, {});
  const [where, checks] = escaped.split('\u0000');
  const all = [...values, page.limit + 1, ...(page.after ? [page.after.sortKey, page.after.id] : [])];
  return { text: compiledPageSql(manager, connection, { table, where, sortColumn, limitParam: values.length + 1, after: page.after !== null, alias, checks }), values: all };
}

function buildCompiledPageSql(manager: EntityManager, connection: CompiledConnection, parts: Required<PageStatementParts>): string {
  const { table, where, sortColumn, limitParam, after, alias, checks } = parts;
  const first = limitParam;
  const object = objectSql(manager, connection.node, 'r', 0);
  const a = alias;
  const cursor = after ? ` AND (${a}.${quote(sortColumn)}, ${a}.id) > ($${first + 1}, $${first + 2})` : '';
  const order = (x: string) => `${x}.${quote(sortColumn)}, ${x}.id`;
  const rows =
    `(SELECT coalesce(json_agg(json_build_object('node', ${object}, 'sort', r.${quote(sortColumn)}) ORDER BY ${order('r')}), '[]'::json) ` +
    `FROM (SELECT ${rowColumnsSql(manager, connection.node, a, [sortColumn])} FROM ${quote(table)} ${a} WHERE ${where}${cursor} ORDER BY ${order(a)} LIMIT $${first}) r)`;
  const count = connection.totalCount ? `(SELECT count(*) FROM ${quote(table)} ${a} WHERE ${where})` : 'NULL';
  return `SELECT json_build_array(json_build_object('rows', ${rows}, 'totalCount', ${count}, 'checks', ${checks})) AS answer`;
}

/**
 * The names under which compiled statements are prepared. PostgreSQL keeps a prepared statement
 * for the life of its connection, and each selection shape is a statement of its own, so a
 * client sending ever new shapes would grow every backend without end: the first `limit` shapes a
 * process meets are prepared by name (the ones real clients repeat), any further shape runs as an
 * unnamed statement, planned each time. Each connection thus holds at most `limit` of them.
 */
export class PreparedNames {
  private readonly names = new Map<string, string>();

  constructor(readonly limit: number) {}

  /** The statement name of `text`, or undefined when the limit is reached and `text` is new. */
  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    if (this.names.size >= this.limit) return undefined;
    const name = `c_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    this.names.set(text, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

/** At most 256 prepared compiled statements per connection. */
export const preparedNames = new PreparedNames(256);

/**
 * Runs `text` as a named prepared statement (see `PreparedNames`) on the request's connection (the transaction's, or a
 * pooled one of the context's data source — a replica's when read routing moved the request
 * there) and counts it in the request's tally like every other statement.
 */
export async function runCompiled(manager: EntityManager, text: string, values: unknown[]): Promise<unknown[]> {
  const name = preparedNames.nameFor(text);
  const runner = manager.queryRunner && !manager.queryRunner.isReleased ? manager.queryRunner : manager.connection.createQueryRunner('slave');
  const owned = runner !== manager.queryRunner;
  try {
    const client = (await runner.connect()) as { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Array<{ answer: unknown[] }> }> };
    const tally = currentSqlTally();
    if (tally) tally.statements += 1;
    const result = await (name ? client.query({ name, text, values }) : client.query({ text, values } as { name: string; text: string; values: unknown[] }));
    return result.rows[0].answer;
  } finally {
    if (owned) await runner.release();
  }
}

/** Turns the JSON of `selection` into the objects the resolvers see: scalars as properties, relations precomputed. */
export function hydrate(selection: CompiledSelection, row: Record<string, unknown>): Record<string, unknown> {
  const object: Record<string, unknown> & { [PRECOMPUTED]?: Record<string, unknown> } = {};
  for (const field of selection.scalars) object[field] = row[field];
  if (selection.relations.size > 0) {
    const relations: Record<string, unknown> = {};
    for (const [field, child] of selection.relations) {
      const value = row[field] as Record<string, unknown>[] | Record<string, unknown> | null;
      relations[field] = Array.isArray(value) ? value.map((item) => hydrate(child, item)) : value === null ? null : hydrate(child, value);
    }
    object[PRECOMPUTED] = relations;
  }
  return object;
}

/** A one-to-many relation by foreign key, current rows only, ordered as `byForeignKeyLoader` orders (`orderBy`, then id). */
export function byForeignKeyRelation(type: () => CompiledType, table: string, foreignKey: string, orderBy: string): CompiledRelation {
  return {
    type,
    from: (child) => `${quote(table)} ${child}`,
    where: (parent, child) => `${child}.${quote(foreignKey)} = ${parent}.id AND ${currentSql(child)}`,
    orderBy: (child) => `${child}.${quote(orderBy)}, ${child}.id`,
  };
}

/**
 * A to-one relation by the parent's foreign key (`foreignKey` on the parent's table), as a loader by
 * id finds it: archived rows too, null when the key is null.
 */
export function byIdRelation(type: () => CompiledType, table: string, foreignKey: string): CompiledRelation {
  return {
    type,
    one: true,
    from: (child) => `${quote(table)} ${child}`,
    where: (parent, child) => `${child}.id = ${parent}.${quote(foreignKey)}`,
    orderBy: (child) => `${child}.id`,
    parentColumns: [foreignKey],
  };
}

/** A many-to-many relation through a link table, current far-side rows only, in link order as `linkLoader` orders (created_at, id). */
export function linkRelation(type: () => CompiledType, linkTable: string, keyColumn: string, table: string, valueColumn: string): CompiledRelation {
  return {
    type,
    from: (child, link) => `${quote(linkTable)} ${link} JOIN ${quote(table)} ${child} ON ${child}.id = ${link}.${quote(valueColumn)}`,
    where: (parent, child, link) => `${link}.${quote(keyColumn)} = ${parent}.id AND ${currentSql(child)}`,
    orderBy: (_child, link) => `${link}.created_at, ${link}.id`,
  };
}

/** One compiled keyset page as its statement answered it: the rows with their sort keys, and the count when selected. */
export interface CompiledPage {
  connection: CompiledConnection;
  page: PageRequest;
  rows: Array<{ node: Record<string, unknown>; sort: unknown }>;
  totalCount: number | null;
}

/** Runs a page statement (`compiledPageSql`, `compiledPageOf`). */
export async function runCompiledPage(
  manager: EntityManager,
  connection: CompiledConnection,
  page: PageRequest,
  text: string,
  values: unknown[],
  checks: readonly ReferenceCheck[] = [],
): Promise<CompiledPage> {
  const [answer] = (await runCompiled(manager, text, values)) as Array<{ rows: CompiledPage['rows']; totalCount: number | null; checks: boolean[] }>;
  throwFailedCheck(checks, answer.checks);
  return { connection, page, rows: answer.rows, totalCount: answer.totalCount === null ? null : Number(answer.totalCount) };
}

const SORT = Symbol('sort key');

function pageConnection<T extends { id: string; [SORT]: unknown }>(answer: CompiledPage, rows: T[]): Connection<T> {
  return toConnection(rows, answer.page, (row) => sortKeyText(row[SORT]), async () => answer.totalCount ?? 0);
}

/** The page as the resolver path returns a connection: hydrated rows (relations precomputed). */
export function hydratedConnection(answer: CompiledPage): Connection<Record<string, unknown>> {
  return pageConnection(
    answer,
    answer.rows.map((row) => ({ ...hydrate(answer.connection.node, row.node), id: row.node.id as string, [SORT]: row.sort })),
  );
}

/** The page as plain data for direct execution (graphql/direct-execution.ts): the statement's JSON, edges and page info as `toConnection` builds them. */
export function plainConnection(answer: CompiledPage): { edges: unknown[]; pageInfo: unknown; totalCount: number | null } {
  const connection = pageConnection(
    answer,
    answer.rows.map((row) => ({ ...row.node, id: row.node.id as string, [SORT]: row.sort })),
  );
  return { edges: connection.edges, pageInfo: connection.pageInfo, totalCount: answer.totalCount };
}
