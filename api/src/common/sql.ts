/** `'A', 'B', 'C'` for a CHECK (... IN (...)) constraint built from a TypeScript string enum. */
export function sqlValues(values: Record<string, string> | readonly string[]): string {
  const list = Array.isArray(values) ? values : Object.values(values);
  return list.map((v) => `'${String(v).replace(/'/g, "''")}'`).join(', ');
}

/** PostgreSQL returns numeric as a string (no precision loss in transit); expose it as a number. */
export const numericTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
