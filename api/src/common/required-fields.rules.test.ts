import { assertRequiredKept, clearedRequiredFields } from './required-fields.rules';

describe('required fields may be left out but not cleared', () => {
  it('names each cleared field, in the order given', () => {
    const problems = clearedRequiredFields({ name: null, slug: null, code: 'X' }, ['name', 'code', 'slug']);
    expect(problems.map((p) => [p.extensions.field, p.message])).toEqual([
      ['input.name', 'name cannot be empty'],
      ['input.slug', 'slug cannot be empty'],
    ]);
  });

  it('lets a change leave a field out', () => {
    expect(clearedRequiredFields({ name: undefined } as { name?: string | null }, ['name'])).toEqual([]);
    expect(() => assertRequiredKept({ name: 'Randenbroek' }, ['name'])).not.toThrow();
  });

  it('throws the first cleared field for a form', () => {
    expect(() => assertRequiredKept({ name: null, slug: null }, ['name', 'slug'])).toThrow('name cannot be empty');
  });
});
