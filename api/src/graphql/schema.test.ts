import fs from 'node:fs';
import path from 'node:path';
import { printSchemaSdl } from './schema';

describe('schema.graphql', () => {
  it('is committed as the server builds it (run `npm run schema:emit` after changing the API)', () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(committed).toBe(printSchemaSdl());
  });

  it('exposes no secrets and no case data yet', () => {
    const sdl = printSchemaSdl();
    expect(sdl).not.toMatch(/passwordHash|keyHash|tokenHash|failedLoginCount/);
    expect(sdl).not.toMatch(/\btype (Referral|AccessLog)\b/);
  });
});
