// One alert by email, as upstream sends it: the SMTP server from SMTP_HOST, SMTP_PORT (587),
// SMTP_USER, SMTP_PASS and SMTP_FROM; one connection per alert, one transaction per recipient (no
// recipient sees the others); headers From, To, Subject, X-Orkestra-Katalog, X-Orkestra-Team.
// Stricter than upstream: the password is never sent in clear — STARTTLS (or port 465's TLS) is
// required unless the server is on loopback, where upstream only warns. The password never
// appears in any message; a server's refusal is quoted by its code and first line.
import { randomBytes } from 'node:crypto';
import { smtpSession, type SmtpSession, type SmtpSettings } from './smtp.js';

export type { SmtpSettings } from './smtp.js';


export interface EmailAlert {
  smtp: SmtpSettings;
  to: readonly string[];
  subject: string;
  text: string;
  katalog: string;
  team: string;
}

/** An address as mailboxes write it, without anything that could end a header or a command. */
const ADDRESS = /^[^\s<>()",;:\\@]+@[A-Za-z0-9.-]+$/;

/** The SMTP settings of the environment, or undefined when host, user, password or from is missing. */
export function smtpSettings(env: Record<string, string | undefined>): SmtpSettings | undefined {
  const { SMTP_HOST: host, SMTP_USER: user, SMTP_PASS: pass, SMTP_FROM: from } = env;
  if (!host || !user || !pass || !from) return undefined;
  const port = Number(env.SMTP_PORT ?? 587);
  return { host, port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 587, user, pass, from };
}

/** @throws Error with a short reason (never the password) when no recipient took the alert. */
export async function sendEmail(alert: EmailAlert): Promise<void> {
  const { smtp } = alert;
  if (!ADDRESS.test(smtp.from)) throw new Error('SMTP_FROM is not a plain address such as alerts@example.com');
  const recipients = alert.to.filter((to) => ADDRESS.test(to));
  if (recipients.length === 0) throw new Error('no recipient is a plain address such as ops@example.com');
  const session = await smtpSession(smtp);
  const failures: string[] = [];
  try {
    for (const to of recipients) {
      try {
        await transaction(session, smtp.from, to, message(alert, to));
      } catch (e) {
        failures.push(`${to}: ${e instanceof Error ? e.message : String(e)}`);
        await session.command('RSET', [250]).catch(() => undefined);
      }
    }
  } finally {
    await session.close();
  }
  if (failures.length === recipients.length) throw new Error(`no recipient took the alert (${failures.join('; ')})`);
}

async function transaction(session: SmtpSession, from: string, to: string, data: string): Promise<void> {
  await session.command(`MAIL FROM:<${from}>`, [250]);
  await session.command(`RCPT TO:<${to}>`, [250, 251]);
  await session.command('DATA', [354]);
  await session.command(`${data}\r\n.`, [250], 'the message');
}

/** The message: plain text in base64 (so no line can end the DATA), UTF-8 subject encoded. */
function message(alert: EmailAlert, to: string): string {
  const body = Buffer.from(alert.text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  const headers = [
    `From: ${alert.smtp.from}`,
    `To: ${to}`,
    `Subject: ${headerText(alert.subject)}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@orkestra>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    `X-Orkestra-Katalog: ${headerText(alert.katalog)}`,
    `X-Orkestra-Team: ${headerText(alert.team)}`,
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

/** One header line: no line breaks; non-ASCII as an RFC 2047 encoded word. */
function headerText(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(flat) ? flat : `=?utf-8?B?${Buffer.from(flat, 'utf8').toString('base64')}?=`;
}
