import fs from 'node:fs';
import path from 'node:path';
import { features } from '../features';
import { printSchemaSdl } from '../graphql/schema';

/** Writes the schema to api/schema.graphql (committed; the admin's typed operations come from it). */
const target = path.resolve(__dirname, '..', '..', 'schema.graphql');
fs.writeFileSync(target, printSchemaSdl(features));
console.log(`wrote ${target}`);
