import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Webhook secrets. The server signs every delivery with the webhook's secret, so it must be
 * able to read it back: it is encrypted at rest with AES-256-GCM under a key derived (HKDF) from
 * WEBHOOK_SECRET_KEY, bound to the webhook's id (additional authenticated data), so a
 * ciphertext copied to another row does not decrypt. Without WEBHOOK_SECRET_KEY the secret is
 * stored as `plain:<secret>` (refused in production; see docs/security.md). Secrets never go to
 * a log: the only places they appear are the database column (encrypted) and the one answer
 * of createWebhook / rotateWebhookSecret.
 */

const PREFIX = 'whsec_';

export interface NewSecret {
  secret: string;
  hint: string;
}

/** `whsec_` and 32 random bytes (base64url). The HMAC key is this whole string (UTF-8). */
export function generateWebhookSecret(): NewSecret {
  const secret = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hint: `${secret.slice(0, PREFIX.length + 4)}…` };
}

function keyFrom(secretKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secretKey, 'utf8'), Buffer.from('schakel-webhook-secrets'), Buffer.from('v1'), 32));
}

export function encryptSecret(secret: string, webhookId: string, secretKey: string | null): string {
  if (!secretKey) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secretKey), iv);
  cipher.setAAD(Buffer.from(webhookId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
}

export class SecretUnavailableError extends Error {}

export function decryptSecret(stored: string, webhookId: string, secretKey: string | null): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  const [version, iv, tag, ciphertext] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new SecretUnavailableError('the stored secret has an unknown format');
  if (!secretKey) throw new SecretUnavailableError('the secret is encrypted but WEBHOOK_SECRET_KEY is not set');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secretKey), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(webhookId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnavailableError('the secret cannot be decrypted (was WEBHOOK_SECRET_KEY changed?): rotate the secret');
  }
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
