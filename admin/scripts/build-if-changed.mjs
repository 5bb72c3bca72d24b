// `npm start` builds the admin app only when its sources changed since the last build: a hash of
// everything the build reads (sources, static files, configuration, the lock file) is kept in
// dist/.source-hash after a successful `npm run build -w admin`. A second start with nothing
// changed skips the type check and the Vite build (about a minute on two cores). `npm run build`
// (CI, the Dockerfile) always builds.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const admin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(admin, '..');
const stamp = path.join(admin, 'dist', '.source-hash');
const inputs = ['src', 'public', 'scripts', 'build', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'].map((entry) => path.join(admin, entry));
inputs.push(path.join(root, 'package-lock.json'));

function filesOf(entry) {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return fs
    .readdirSync(entry, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => path.join(dirent.parentPath ?? dirent.path, dirent.name));
}

const hash = createHash('sha256');
for (const file of inputs.flatMap(filesOf).sort()) {
  hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
}
const digest = hash.digest('hex');

if (fs.existsSync(path.join(admin, 'dist', 'index.html')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === digest) {
  console.log('admin app unchanged since its last build: not rebuilt (npm run build -w admin rebuilds it)');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['run', 'build'], { cwd: admin, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
fs.writeFileSync(stamp, `${digest}\n`);
