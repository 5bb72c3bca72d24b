/*
 * What Schakel takes for a phone number, wherever one is written: an organisation's phone
 * (organisation.inputs.ts) and the phone numbers of services and locations
 * (hsds/hsds-detail.rules.ts). Digits with spaces, hyphens and
 * brackets, optionally international (`+31 33 123 45 67`, `033-1234567`, `(033) 123 45 67`).
 */
export const PHONE_NUMBER = /^\+?[0-9][0-9 ()-]{5,24}$/;

export function isPhoneNumber(value: string): boolean {
  return PHONE_NUMBER.test(value);
}
