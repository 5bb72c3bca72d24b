import { z } from 'zod';
import { BadUserInputError } from '../common/errors';
import { flag, oneOf, parseBody, parseQuery, positiveInteger, text, unsupported, uuid, year } from './query';

const QUERY = z.object({ dryRun: flag(), page: positiveInteger(1, 100), id: uuid(), year: year(), separator: oneOf({ comma: ',', semicolon: ';' }, ',', 'must be comma or semicolon'), area: text(), postcode: unsupported() });

/** The BAD_USER_INPUT a query string is refused with. */
function refusal(query: Record<string, unknown>): { field: unknown; message: string } {
  try {
    parseQuery(QUERY, query);
  } catch (error) {
    if (error instanceof BadUserInputError) return { field: error.extensions.field, message: error.message };
    throw error;
  }
  throw new Error('the query was accepted');
}

describe('parseQuery', () => {
  it('gives typed values and the defaults; unset and empty are the same', () => {
    expect(parseQuery(QUERY, {})).toEqual({ dryRun: false, page: 1, separator: ',' });
    expect(parseQuery(QUERY, { dryRun: '', page: '', year: '', area: '' })).toEqual({ dryRun: false, page: 1, separator: ',' });
    const id = '6F0A6F35-3C1E-4A7F-9D63-1F3C5C0F2A11';
    expect(parseQuery(QUERY, { dryRun: 'true', page: '7', id, year: '2009', separator: 'semicolon', area: 'kruiskamp', other: 'ignored' })).toEqual({
      dryRun: true,
      page: 7,
      id: id.toLowerCase(),
      year: 2009,
      separator: ';',
      area: 'kruiskamp',
    });
  });

  it('names every offending parameter in one BAD_USER_INPUT, the first as its field', () => {
    expect(refusal({ dryRun: 'yes', page: '0', id: 'x', year: '09', separator: 'tab', area: ['a', 'b'], postcode: '' })).toEqual({
      field: 'dryRun',
      message: [
        '"dryRun" must be true or false',
        '"page" must be a whole number of at least 1',
        '"id" must be a UUID',
        '"year" must be a year such as 2009',
        '"separator" must be comma or semicolon',
        '"area" must be given once',
        '"postcode" is not supported by this server',
      ].join('; '),
    });
    expect(refusal({ page: '101' })).toEqual({ field: 'page', message: '"page" must be at most 100' });
    // A separator named like an Object.prototype member is no separator.
    expect(refusal({ separator: 'toString' })).toEqual({ field: 'separator', message: '"separator" must be comma or semicolon' });
  });

  it('reads a body with its own sentences', () => {
    const LOGIN = z.object({ email: z.string({ error: 'E-mail is required' }), password: z.string({ error: 'Password is required' }) });
    expect(() => parseBody(LOGIN, {})).toThrow(new BadUserInputError('email', 'E-mail is required; Password is required'));
  });
});
