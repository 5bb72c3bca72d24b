import fs from 'node:fs';
import path from 'node:path';
import { printSchemaSdl } from './schema';

describe('schema.graphql', () => {
  it('is committed as the server builds it (run `npm run schema:emit` after changing the API)', () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(committed).toBe(printSchemaSdl());
  });

  it('exposes no personal or case data before authentication exists', () => {
    const sdl = printSchemaSdl();
    expect(sdl).not.toMatch(/\btype (KeyPerson|Referral|User|ApiKey|AccessLog)\b/);
    expect(sdl).not.toMatch(/passwordHash|keyHash/);
  });
});
