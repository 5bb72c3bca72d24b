import type { EntityManager } from 'typeorm';

export interface SeedReport {
  loaded: boolean;
  counts: Record<string, number>;
}

export async function seedAmersfoort(_manager: EntityManager): Promise<SeedReport> {
  return { loaded: false, counts: {} };
}
