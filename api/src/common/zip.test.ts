import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { zip } from './zip';

/** The entries as the local headers say them (read independently of the central directory). */
function readLocalEntries(archive: Buffer): Array<{ name: string; content: string; crcOk: boolean }> {
  const entries: Array<{ name: string; content: string; crcOk: boolean }> = [];
  let at = 0;
  while (archive.readUInt32LE(at) === 0x04034b50) {
    const size = archive.readUInt32LE(at + 18);
    const nameLength = archive.readUInt16LE(at + 26);
    const extra = archive.readUInt16LE(at + 28);
    const name = archive.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const data = inflateRawSync(archive.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size));
    entries.push({ name, content: data.toString('utf8'), crcOk: crc32(data) === archive.readUInt32LE(at + 14) });
    at += 30 + nameLength + extra + size;
  }
  expect(archive.readUInt32LE(at)).toBe(0x02014b50); // the central directory follows the last entry
  return entries;
}

const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('zip', () => {
  const files = [
    { name: 'datapackage.json', content: JSON.stringify({ resources: [] }) },
    { name: 'organizations.csv', content: 'id,name\n1,"Stichting Wélzijn, Amersfoort"\n'.repeat(200) },
    { name: 'leeg.csv', content: '' },
  ];

  it('holds every file, deflated, with its CRC-32, in order', () => {
    const archive = zip(files);
    expect(readLocalEntries(archive)).toEqual(files.map((file) => ({ ...file, crcOk: true })));
    expect(archive.length).toBeLessThan(files.reduce((sum, file) => sum + file.content.length, 0));
  });

  (hasUnzip ? it : it.skip)('is read by Info-ZIP unzip (the archive tests clean and gives the files back)', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-zip-'));
    try {
      const file = path.join(folder, 'package.zip');
      fs.writeFileSync(file, zip(files));
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
      for (const entry of files) expect(execFileSync('unzip', ['-p', file, entry.name], { encoding: 'utf8' })).toBe(entry.content);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
