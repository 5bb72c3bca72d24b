// The JavaScript a first visit downloads before it shows anything, gzipped, and a budget it
// must stay under (issue 18: at most 150 kB). Run after `vite build` (npm run build -w admin
// does both, so CI fails a build that grows past it):
//
//   node scripts/check-first-load.mjs [dist] [--budget=150]
//
// Counted: the entry chunk index.html loads, every chunk it imports statically (preloaded
// with it), and the first Dutch texts (the default language's header, menu and states), which
// the app loads before its first render (src/i18n/index.ts, admin/build/first-texts.ts). Not
// counted: what loads beside or after the first render, when it is used (dynamic imports): a
// page's code, the map, the charts, all texts of a language. Sizes are gzip level 9, kB = 1000 bytes,
// as Vite prints them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const admin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dist = path.resolve(admin, args.find((arg) => !arg.startsWith('--')) ?? 'dist');
const budgetKb = Number((args.find((arg) => arg.startsWith('--budget=')) ?? '--budget=150').slice('--budget='.length));
const FIRST_RENDER_DYNAMIC = ['virtual:schakel-first-texts/nl'];

const manifestPath = path.join(dist, '.vite', 'manifest.json');
if (!fs.existsSync(manifestPath)) {
  console.error(`first load: ${path.relative(process.cwd(), manifestPath)} is missing; build first (vite build writes it, build.manifest in vite.config.ts)`);
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) {
  console.error(`first load: expected one entry in the manifest, found ${entries.length}`);
  process.exit(2);
}

const counted = new Map();
function add(key, why) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`first load: ${key} is not in the manifest`);
  if (counted.has(chunk.file)) return;
  counted.set(chunk.file, why);
  for (const imported of chunk.imports ?? []) add(imported, `imported by ${chunk.file}`);
}
add(entries[0][0], 'entry (index.html)');
for (const key of FIRST_RENDER_DYNAMIC) add(key, 'loaded before the first render');

const rows = [...counted].map(([file, why]) => {
  const bytes = fs.readFileSync(path.join(dist, file));
  return { file, why, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
});
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
const kb = (bytes) => (bytes / 1000).toFixed(1);
console.log('first load (JavaScript, gzipped):');
for (const row of rows.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kb(row.gzip).padStart(7)} kB  ${row.file}  (${kb(row.raw)} kB raw; ${row.why})`);
console.log(`  ${kb(total).padStart(7)} kB  total, budget ${budgetKb} kB`);
if (total > budgetKb * 1000) {
  console.error(`first load ${kb(total)} kB is over the budget of ${budgetKb} kB: load what only some pages need with the page (React.lazy, import()).`);
  process.exit(1);
}
