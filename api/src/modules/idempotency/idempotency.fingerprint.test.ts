import { requestHash } from './idempotency.plugin';

const QUERY = 'mutation Add($id: ID!, $input: AddReferralNoteInput!) { addReferralNote(id: $id, input: $input) { id } }';
const VARIABLES = {
  id: '3f0c3f52-9a4e-4a55-8d0e-0c6f1f8f7a11',
  input: { text: 'Bel mevrouw Jansen terug — €5,- voor de bus 🚌', tags: ['b', 'a', 10, 2], nested: { z: null, a: -0, é: 1e21, '10': true, '9': false } },
};

describe('the Idempotency-Key fingerprint', () => {
  it('is the fingerprint the hand-written serializer stored before safe-stable-stringify', () => {
    // Computed with the replaced serializer: a key stored before an upgrade still matches its retry.
    expect(requestHash(QUERY, 'Add', VARIABLES)).toBe('c01a1c9ca39f13a8776c7720585f3bbd9eace0df7db62910baf3f601bd4a78ed');
  });

  it('does not depend on the order of keys, at any depth', () => {
    const reordered = { input: { nested: { '9': false, é: 1e21, a: -0, '10': true, z: null }, tags: ['b', 'a', 10, 2], text: VARIABLES.input.text }, id: VARIABLES.id };
    expect(requestHash(QUERY, 'Add', reordered)).toBe(requestHash(QUERY, 'Add', VARIABLES));
  });

  it('tells different requests apart', () => {
    const base = requestHash(QUERY, 'Add', VARIABLES);
    // Array order is part of the request; so are the operation name and absent variables.
    expect(requestHash(QUERY, 'Add', { ...VARIABLES, input: { ...VARIABLES.input, tags: ['a', 'b', 10, 2] } })).not.toBe(base);
    expect(requestHash(QUERY, null, VARIABLES)).not.toBe(base);
    expect(requestHash(QUERY, undefined, undefined)).toBe(requestHash(QUERY, null, {}));
    expect(requestHash(QUERY, null, { id: 1 })).not.toBe(requestHash(QUERY, null, { id: '1' }));
  });

  it('refuses what JSON cannot carry instead of hashing a placeholder', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => requestHash(QUERY, null, circular)).toThrow();
    expect(() => requestHash(QUERY, null, { n: Number.NaN })).toThrow();
  });
});
