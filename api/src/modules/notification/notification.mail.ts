import nodemailer from 'nodemailer';
import type { NotificationSettings } from '../../config';

/** One e-mail to one person: plain text, no personal data of anyone else. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends one e-mail now through SMTP_URL (the same server the notification worker uses) and
 * answers true; answers false, sending nothing, when this installation has no SMTP_URL. A send
 * that fails throws, so a caller inside a transaction rolls back what the mail was about.
 */
export async function sendMail(settings: NotificationSettings, message: MailMessage): Promise<boolean> {
  if (!settings.smtpUrl) return false;
  const transport = nodemailer.createTransport(settings.smtpUrl);
  try {
    await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
    return true;
  } finally {
    transport.close();
  }
}
