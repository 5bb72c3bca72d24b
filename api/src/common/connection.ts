import { Max, Min } from 'class-validator';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { BadUserInputError } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Relay page info.' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A getter: the COUNT runs only when the client asks for the field. */
  readonly totalCount: Promise<number>;
}

/** Builds the `XxxConnection` and `XxxEdge` GraphQL types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => nodeType)
    node: T;

    @Field()
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records (Relay cursor connection).` })
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of records matching the filter, over all pages.' })
    totalCount: number;
  }
  return ConnectionClass;
}

/**
 * Keyset cursor: the sort key and the id of the last row seen, so pages stay stable while
 * records are added and the database never skips over an OFFSET.
 */
export interface Cursor {
  sortKey: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sortKey, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(value: string, field = 'after'): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw new BadUserInputError(field, `"${field}" is not a valid cursor`);
  }
  // PostgreSQL text cannot hold U+0000: such a sort key never came from us.
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || parsed[0].includes('\u0000') || typeof parsed[1] !== 'string' || !UUID.test(parsed[1])) {
    throw new BadUserInputError(field, `"${field}" is not a valid cursor`);
  }
  return { sortKey: parsed[0], id: parsed[1] };
}

/**
 * The sort key of a cursor over a timestamp-ordered list: the ISO instant `toConnection` wrote
 * (or one of `special`, e.g. `-infinity`). Anything else is bad input, not a database error.
 */
export function instantSortKey(cursor: Cursor, field = 'after', special: readonly string[] = []): string {
  if (special.includes(cursor.sortKey)) return cursor.sortKey;
  const instant = new Date(cursor.sortKey);
  if (Number.isNaN(instant.getTime()) || instant.toISOString() !== cursor.sortKey) {
    throw new BadUserInputError(field, `"${field}" is not a valid cursor`);
  }
  return cursor.sortKey;
}

export interface PageRequest {
  limit: number;
  after: Cursor | null;
}

export function pageRequest(args: PageArgs): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError('first', `"first" must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return { limit: first, after: args.after ? decodeCursor(args.after) : null };
}

/** Turns `limit + 1` fetched rows into a connection. */
export function toConnection<T extends { id: string }>(
  rows: T[],
  page: PageRequest,
  sortKey: (row: T) => string,
  totalCount: () => Promise<number>,
): Connection<T> {
  const hasNextPage = rows.length > page.limit;
  const nodes = hasNextPage ? rows.slice(0, page.limit) : rows;
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor({ sortKey: sortKey(node), id: node.id }) }));
  let count: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      count ??= totalCount();
      return count;
    },
  };
}

@ArgsType()
export class ArchivableListArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Include archived records (default: only current ones).' })
  includeArchived?: boolean | null;
}
