import { PreparedNames } from './compiled-read';

describe('PreparedNames', () => {
  it('names a statement by its text, the same name each time', () => {
    const names = new PreparedNames(4);
    const first = names.nameFor('SELECT 1');
    expect(first).toMatch(/^c_[0-9a-f]{20}$/);
    expect(names.nameFor('SELECT 1')).toBe(first);
    expect(names.nameFor('SELECT 2')).not.toBe(first);
  });

  it('prepares no more than its limit of shapes; known ones keep their names, new ones run unnamed', () => {
    const names = new PreparedNames(3);
    const known = ['SELECT 1', 'SELECT 2', 'SELECT 3'].map((text) => names.nameFor(text));
    expect(known.every((name) => name !== undefined)).toBe(true);
    for (let i = 4; i < 100; i += 1) expect(names.nameFor(`SELECT ${i}`)).toBeUndefined();
    expect(names.size).toBe(3);
    expect(names.nameFor('SELECT 2')).toBe(known[1]);
  });
});
