// `npm start` builds a workspace only when what its build reads changed since its last build here:
// a hash of those files (sources, configuration, the lock file, and the sources of the workspaces
// it imports) is kept in <workspace>/dist/.source-hash after a successful build. A second start with
// nothing changed skips the TypeScript builds of db and api (incremental, still about 7 s on two
// cores) and the admin's type check and Vite build (about a minute). `npm run build` (CI, the
// Dockerfile) always builds.
//
//   node scripts/build-if-changed.mjs db api admin
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = ['package-lock.json', 'tsconfig.base.json'];

/** What each workspace's `npm run build` reads, and the file that is there only after a build. */
const workspaces = {
  db: { inputs: ['db/src', 'db/tsconfig.json', 'db/package.json'], output: 'db/dist/index.js' },
  api: {
    inputs: ['api/src', 'api/tsconfig.json', 'api/tsconfig.build.json', 'api/package.json', 'db/src', 'db/package.json'],
    output: 'api/dist/main.js',
  },
  admin: {
    inputs: ['src', 'public', 'scripts', 'build', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'].map((entry) => `admin/${entry}`),
    output: 'admin/dist/index.html',
  },
};

function filesOf(entry) {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return fs
    .readdirSync(entry, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => path.join(dirent.parentPath ?? dirent.path, dirent.name));
}

/** The hash of every input file's path and content, in a fixed order. */
function sourceHash(entries) {
  const hash = createHash('sha256');
  for (const file of entries.map((entry) => path.join(root, entry)).flatMap(filesOf).sort()) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function buildIfChanged(name) {
  const workspace = workspaces[name];
  if (!workspace) throw new Error(`unknown workspace "${name}" (one of ${Object.keys(workspaces).join(', ')})`);
  const stamp = path.join(root, name, 'dist', '.source-hash');
  const digest = sourceHash([...workspace.inputs, ...shared]);
  if (fs.existsSync(path.join(root, workspace.output)) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === digest) {
    console.log(`${name}: unchanged since its last build, not rebuilt (npm run build -w ${name} rebuilds it)`);
    return;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: path.join(root, name), stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stamp, `${digest}\n`);
}

for (const name of process.argv.slice(2)) buildIfChanged(name);
