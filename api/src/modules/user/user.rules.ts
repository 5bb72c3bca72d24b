import { BadUserInputError } from '../../common/errors';
import { UserRole } from '../../auth/roles';

/**
 * What an account's role asks of it, one home for creating, inviting and changing an account:
 * an ORGANISATION user belongs to exactly one organisation, a MUNICIPALITY user works for at
 * least one area, and nobody else has either (docs/security.md, the roles). Answers every
 * problem at once, each naming its input field with the rule the admin app words.
 */
export function accountAccessProblems(role: UserRole, organisationId: string | null, areaCount: number, prefix = 'input'): BadUserInputError[] {
  const problems: BadUserInputError[] = [];
  if (role === UserRole.ORGANISATION && !organisationId) {
    problems.push(new BadUserInputError(`${prefix}.organisationId`, 'An ORGANISATION user needs an organisation', { rule: 'required' }));
  }
  if (role !== UserRole.ORGANISATION && organisationId) {
    problems.push(new BadUserInputError(`${prefix}.organisationId`, 'Only ORGANISATION users belong to an organisation', { rule: 'notAllowed' }));
  }
  if (role === UserRole.MUNICIPALITY && areaCount === 0) {
    problems.push(new BadUserInputError(`${prefix}.areas`, 'A MUNICIPALITY user needs at least one area', { rule: 'required' }));
  }
  if (role !== UserRole.MUNICIPALITY && areaCount > 0) {
    problems.push(new BadUserInputError(`${prefix}.areas`, 'Only MUNICIPALITY users have areas', { rule: 'notAllowed' }));
  }
  return problems;
}

/**
 * A MUNICIPALITY user works for one municipality (docs/security.md): every area they are given
 * lies in the same one, so what they see and change stays inside it. `municipalityIds`: the
 * municipality of each of their areas (null for an area under none).
 */
export function oneMunicipalityProblem(municipalityIds: ReadonlyArray<string | null>, prefix = 'input'): BadUserInputError | null {
  const municipalities = new Set(municipalityIds).size;
  if (municipalities <= 1) return null;
  return new BadUserInputError(`${prefix}.areas`, `The areas of a MUNICIPALITY user must lie in one municipality; these lie in ${municipalities}`, {
    rule: 'oneMunicipality',
    params: { municipalities },
  });
}

/** The account change an admin may not make to their own account: locking themself out. */
export function ownAccountProblem(change: { role?: UserRole | null; status?: string | null }, current: { role: UserRole }): BadUserInputError | null {
  if (change.role && change.role !== current.role) return new BadUserInputError('input.role', 'You cannot change your own role; ask another admin', { rule: 'notAllowed' });
  if (change.status && change.status !== 'ACTIVE') return new BadUserInputError('status', 'You cannot deactivate your own account; ask another admin', { rule: 'notAllowed' });
  return null;
}

/** A new password shown once or mailed: 18 random bytes, 24 characters of base64url (above MIN_PASSWORD_LENGTH). */
export const GENERATED_PASSWORD_BYTES = 18;

/** The e-mail that hands a person the password an admin set for them (nl first, en below); the password and the address to log in, nothing else. */
export function passwordMail(password: string, appUrl: string | null, invited: boolean): { subject: string; text: string } {
  const where = appUrl ? `${appUrl.replace(/\/$/, '')}/inloggen` : null;
  const nl = invited
    ? ['Er is een account voor je aangemaakt in Schakel.', `Je wachtwoord: ${password}`]
    : ['Een beheerder heeft je wachtwoord voor Schakel opnieuw ingesteld. Je oude wachtwoord werkt niet meer en je bent overal uitgelogd.', `Je nieuwe wachtwoord: ${password}`];
  const en = invited
    ? ['An account has been created for you in Schakel.', `Your password: ${password}`]
    : ['An administrator has reset your Schakel password. Your old password no longer works and you have been signed out everywhere.', `Your new password: ${password}`];
  const login = (text: string) => (where ? [`${text} ${where}`] : []);
  return {
    subject: invited ? 'Je account voor Schakel / Your Schakel account' : 'Je nieuwe wachtwoord voor Schakel / Your new Schakel password',
    text: [...nl, ...login('Inloggen:'), '', '---', '', ...en, ...login('Sign in:'), ''].join('\n'),
  };
}
