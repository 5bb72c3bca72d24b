import fs from 'node:fs';
import path from 'node:path';
import { features } from '../features';
import { printSchemaSdl } from './schema';

describe('schema.graphql', () => {
  it('is committed as the server builds it (run `npm run schema:emit` after changing the API)', () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(committed).toBe(printSchemaSdl(features));
  });

  it('exposes no secrets, and referrals stay anonymous (no name, BSN or birth date anywhere on a case)', () => {
    const sdl = printSchemaSdl(features);
    expect(sdl).not.toMatch(/passwordHash|keyHash|tokenHash|failedLoginCount/);
    const caseTypes = /\b(type|input) (Referral\w*|CreateReferralInput|Consent\w*)\s*\{([^}]*)\}/g;
    const fields = [...sdl.matchAll(caseTypes)].flatMap((m) => [...m[3].matchAll(/^\s*(\w+)\s*[:(]/gm)].map((f) => `${m[2]}.${f[1]}`));
    expect(fields.length).toBeGreaterThan(20);
    expect(fields.filter((f) => /\.(name|firstName|lastName|bsn|citizenServiceNumber|birthDate|dateOfBirth|address|postcode)$/i.test(f))).toEqual([]);
  });
});
