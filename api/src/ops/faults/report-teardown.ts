import fs from 'node:fs';
import path from 'node:path';

/** Prints the figures of the run, one scenario a line (docs/operations.md records them). */
export default function reportTeardown(): void {
  const file = process.env.SCHAKEL_FAULT_REPORT;
  if (!file || !fs.existsSync(file)) return;
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  console.log('\n== fault suite figures');
  for (const line of lines) {
    const { scenario, ...figures } = JSON.parse(line) as Record<string, unknown>;
    console.log(`${String(scenario).padEnd(34)} ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join('  ')}`);
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
