// @ts-check
/**
 * The new-referral form's "move it to the identifying details" (src/pages/referrals/identity.ts),
 * on the spans the API's identity detector reports (rule `anonymous`: start, end, text). No
 * browser: the module is compiled with Vite's own esbuild transform and run here. The browser
 * test (referrals.test.mjs) clicks the button itself.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { transformWithEsbuild } from 'vite';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'pages', 'referrals', 'identity.ts');
const { code } = await transformWithEsbuild(fs.readFileSync(file, 'utf8'), file, { format: 'esm', loader: 'ts' });
/** @type {{ moveIdentitySpan(summary: string, details: string, span: { start: number; end: number; text: string }): { summary: string; identifyingDetails: string } | null }} */
const { moveIdentitySpan } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

test("moves the issue's example into the identifying details part by part, as the detector reports them", () => {
  // The API's spans for "Mevrouw Jansen, geboren 12-03-1941, Schuilenburgerweg 4" (referral.steps.test.ts): NAME 0–14 first.
  let state = { summary: 'Mevrouw Jansen, geboren 12-03-1941, Schuilenburgerweg 4, kan slecht lopen', identifyingDetails: '' };
  for (const text of ['Mevrouw Jansen', 'geboren 12-03-1941', 'Schuilenburgerweg 4']) {
    const start = state.summary.indexOf(text);
    const next = moveIdentitySpan(state.summary, state.identifyingDetails, { start, end: start + text.length, text });
    assert.ok(next, text);
    state = next;
  }
  assert.deepEqual(state, { summary: 'kan slecht lopen', identifyingDetails: 'Mevrouw Jansen\ngeboren 12-03-1941\nSchuilenburgerweg 4' });
});

test('keeps the rest of the sentence readable and what was already in the details', () => {
  assert.deepEqual(moveIdentitySpan('Oudere vrouw, belt 06-12345678 vaak , en e-mailt j.jansen@example.nl.', 'Mevrouw Jansen', { start: 19, end: 30, text: '06-12345678' }), {
    summary: 'Oudere vrouw, belt vaak, en e-mailt j.jansen@example.nl.',
    identifyingDetails: 'Mevrouw Jansen\n06-12345678',
  });
  // Moved twice (the same text in the details already): not repeated.
  assert.deepEqual(moveIdentitySpan('Dhr. de Vries, weer gebeld', 'Dhr. de Vries', { start: 0, end: 13, text: 'Dhr. de Vries' }), { summary: 'weer gebeld', identifyingDetails: 'Dhr. de Vries' });
});

test('finds the text when the user edited the summary since, and does nothing when it is gone', () => {
  assert.deepEqual(moveIdentitySpan('Let op: Mevrouw Jansen belt', '', { start: 0, end: 14, text: 'Mevrouw Jansen' }), { summary: 'Let op: belt', identifyingDetails: 'Mevrouw Jansen' });
  assert.equal(moveIdentitySpan('Oudere vrouw van 80', '', { start: 0, end: 14, text: 'Mevrouw Jansen' }), null);
  assert.equal(moveIdentitySpan('Oudere vrouw van 80', '', { start: 0, end: 0, text: '' }), null);
});
