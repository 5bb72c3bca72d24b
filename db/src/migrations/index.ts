import { InitialSchema1764300000000 } from './1764300000000-initial-schema';

/** All migrations, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Function[] = [InitialSchema1764300000000];
