import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A file the fault tests append their figures to (the tests run in this process: maxWorkers 1). */
export default function reportSetup(): void {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-fault-report-')), 'figures.jsonl');
  fs.writeFileSync(file, '');
  process.env.SCHAKEL_FAULT_REPORT = file;
}
