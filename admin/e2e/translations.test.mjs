// @ts-check
/** Every Dutch text has an English one and vice versa, with the same placeholders. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'i18n');
const read = (language) => JSON.parse(fs.readFileSync(path.join(dir, `${language}.json`), 'utf8'));

/** @returns {Map<string, string>} key path → text */
function flatten(value, prefix = '', out = new Map()) {
  for (const [key, child] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out.set(name, child);
    else flatten(child, name, out);
  }
  return out;
}

const placeholders = (text) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

test('nl.json and en.json have the same keys and placeholders, and no empty texts', () => {
  const nl = flatten(read('nl'));
  const en = flatten(read('en'));
  assert.deepEqual([...en.keys()].filter((k) => !nl.has(k)), [], 'keys only in en.json');
  assert.deepEqual([...nl.keys()].filter((k) => !en.has(k)), [], 'keys only in nl.json');
  for (const [key, text] of nl) {
    assert.ok(text.trim(), `nl.json ${key} is empty`);
    assert.ok(en.get(key)?.trim(), `en.json ${key} is empty`);
    assert.deepEqual(placeholders(en.get(key) ?? ''), placeholders(text), `placeholders of ${key}`);
  }
});
