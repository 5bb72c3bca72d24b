/**
 * Generated GraphQL selection sets for the property tests of the compiled and direct read paths
 * (modules/organisation/organisation.compiled.test.ts, organisation.direct.test.ts).
 */

/** A small seeded PRNG (mulberry32), so a failing selection is reproducible from the seed. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a generated selection is drawn from: a compiled type's scalars and relations (common/compiled-read.ts). */
export interface SelectableType {
  scalars: readonly string[];
  relations: Readonly<Record<string, { type(): SelectableType }>>;
}

/**
 * A random selection over `type`: some scalars (at least one), some relations with their own,
 * sometimes a field twice or `__typename`; with `aliases`, sometimes a field under an alias (a
 * relation under two aliases with different selections among them).
 */
export function selectionOf(type: SelectableType, next: () => number, options: { aliases?: boolean } = {}, depth = 0): string {
  const fields = type.scalars.filter(() => next() < 0.35);
  if (fields.length === 0) fields.push(type.scalars[Math.floor(next() * type.scalars.length)]);
  if (next() < 0.1) fields.push(fields[0]);
  if (next() < 0.1) fields.push('__typename');
  if (options.aliases && next() < 0.3) fields.push(`alias${depth}_${Math.floor(next() * 3)}: ${fields[0]}`);
  for (const [name, relation] of Object.entries(type.relations)) {
    if (depth < 3 && next() < 0.5) fields.push(`${name} { ${selectionOf(relation.type(), next, options, depth + 1)} }`);
    if (options.aliases && depth < 3 && next() < 0.15) fields.push(`other${depth}_${name}: ${name} { ${selectionOf(relation.type(), next, options, depth + 1)} }`);
  }
  return fields.sort(() => next() - 0.5).join(' ');
}
