import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { type DocumentNode, type GraphQLError, type GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { features } from '../features';
import { loadConfig } from '../config';
import { armorProtection, selectionCount } from '../graphql/limits';
import { getSchema } from '../graphql/schema';

/**
 * Validation cost of hostile documents (docs/benchmarks.md, "GraphQL validation cost").
 *
 * For each shape that makes graphql-js's validation super-linear (one field repeated, fragments
 * spread side by side, inline fragments, nested repeats, fragment chains), finds the largest
 * document that still passes every limit of the app's configuration, and times parsing and
 * validating it exactly as Apollo Server does (graphql-js's specified rules and the app's rules
 * in one pass). Then times the refusal of the same shapes well past the limits.
 *
 *   npm run build -w api && node api/dist/bench/validation-cost.js [--runs 15]
 *
 * The limits come from the environment like the app's (GRAPHQL_MAX_SELECTIONS, …).
 */

interface Shape {
  name: string;
  /** The document of size `n` (what n counts differs per shape). */
  document(n: number): string;
}

const list = (n: number, item: (i: number) => string): string => Array.from({ length: n }, (_, i) => item(i)).join(' ');

const AREA_SCALARS = 'id slug name level code source description history futurePlans alternativeNames archivedAt createdAt updatedAt version';

const SHAPES: Shape[] = [
  { name: 'one scalar repeated', document: (n) => `{ areas { edges { node { ${'name '.repeat(n)}} } } }` },
  { name: 'one object field repeated (root)', document: (n) => `{ ${'areas { totalCount } '.repeat(n)}}` },
  { name: 'one field with arguments repeated', document: (n) => `{ ${'areas(first: 1, search: "x") { totalCount } '.repeat(n)}}` },
  {
    // Equal argument values are compared as strings, once per pair of fields: long ones cost per byte.
    name: 'one field with a long argument repeated (0.9 MB)',
    document: (n) => `{ ${`areas(search: "${'x'.repeat(Math.floor(900_000 / Math.max(n, 1)))}") { totalCount } `.repeat(n)}}`,
  },
  { name: 'nested repeats', document: (n) => `{ areas { edges { ${'node { name parent { name } } '.repeat(n)}} } }` },
  { name: 'two-level repeats', document: (n) => `{ areas { edges { ${`node { ${'parent { name } '.repeat(n)}} `.repeat(n)}} } }` },
  { name: 'many distinct fields, repeated', document: (n) => `{ areas { edges { ${`node { ${AREA_SCALARS} parent { ${AREA_SCALARS} } } `.repeat(n)}} } }` },
  { name: 'distinct fragments at one level', document: (n) => `{ areas { edges { node { ${list(n, (i) => `...F${i}`)} } } } } ${list(n, (i) => `fragment F${i} on Area { name }`)}` },
  {
    name: 'distinct fragments, object fields',
    document: (n) => `{ areas { edges { node { ${list(n, (i) => `...F${i}`)} } } } } ${list(n, (i) => `fragment F${i} on Area { parent { name } }`)}`,
  },
  { name: 'one fragment spread repeatedly', document: (n) => `{ areas { edges { node { ${'...F '.repeat(n)}} } } } fragment F on Area { parent { name } }` },
  { name: 'inline fragments', document: (n) => `{ areas { edges { node { ${'... on Area { parent { name } } '.repeat(n)}} } } }` },
  {
    name: 'fragment chain, each spreads the last twice',
    document: (n) => `{ areas { edges { node { ...F${n} } } } } fragment F0 on Area { name } ${list(n, (i) => `fragment F${i + 1} on Area { ...F${i} ...F${i} }`)}`,
  },
];

function timeValidation(schema: GraphQLSchema, rules: typeof specifiedRules, maxTokens: number, query: string, runs: number): { medianMs: number; maxMs: number; errors: readonly GraphQLError[] } {
  const times: number[] = [];
  let errors: readonly GraphQLError[] = [];
  for (let run = -2; run < runs; run++) {
    const started = process.hrtime.bigint();
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens });
      errors = validate(schema, document, rules);
    } catch (error) {
      errors = [error as GraphQLError];
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run >= 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1], errors };
}

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
  const runs = Math.max(1, Number(values.runs));
  const config = loadConfig({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' });
  const limits = config.graphqlLimits;
  const schema = getSchema(features);
  // What Apollo Server validates with: graphql-js's rules, then the app's, in one pass.
  const rules = [...specifiedRules, ...armorProtection(config).validationRules];
  const passes = (query: string): boolean => timeValidation(schema, rules, limits.maxTokens, query, 1).errors.length === 0;
  console.log(`limits: ${JSON.stringify(limits)}; ${runs} runs per document (after 2 warm-up runs)`);
  console.log('shape | largest n within the limits | bytes | selections | median ms | max ms | refused past the limit (n, bytes, median ms)');
  let worst = 0;
  for (const shape of SHAPES) {
    // The largest n whose document passes every limit: double, then bisect.
    let low = 0;
    let high = 1;
    while (high < 100_000 && passes(shape.document(high))) {
      low = high;
      high *= 2;
    }
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (passes(shape.document(mid))) low = mid;
      else high = mid;
    }
    const within = shape.document(low);
    const timed = timeValidation(schema, rules, limits.maxTokens, within, runs);
    worst = Math.max(worst, timed.medianMs);
    // Past the limit: about 20 KB of the same shape (or 4 × the largest n).
    let past = Math.max(high, 1);
    while (shape.document(past).length < 20_000 && past < 4 * Math.max(low, 1)) past += Math.max(1, Math.ceil(past / 4));
    const refused = timeValidation(schema, rules, limits.maxTokens, shape.document(past), runs);
    const refusal = refused.errors[0]?.message.slice(0, 40) ?? 'accepted';
    const selections = selectionCount(parse(within));
    console.log(
      `${shape.name} | ${low} | ${within.length} | ${selections} | ${timed.medianMs.toFixed(1)} | ${timed.maxMs.toFixed(1)} | ${past}, ${shape.document(past).length} B, ${refused.medianMs.toFixed(1)} ms: ${refusal}`,
    );
  }
  console.log(`slowest document within the limits: median ${worst.toFixed(1)} ms`);
}

main();
