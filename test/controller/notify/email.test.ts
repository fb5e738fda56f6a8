// Alert emails through a real SMTP server (Debian's aiosmtpd on 127.0.0.1, STARTTLS with the test
// CA, AUTH required over TLS): one transaction per recipient, upstream's headers, the body intact
// through base64; a wrong password refused with the server's code and never shown; a server
// without STARTTLS off loopback never gets the password.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sendEmail, smtpSettings, type SmtpSettings } from '../../../controller/notify/email.js';
import { makeTestCa, type TestCa } from '../../support/https-server.js';
import { repoRoot } from '../../support/tools.js';

const PASSWORD = 'smtp-pa55word-value';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('controller/notify email (a real SMTP server: aiosmtpd on 127.0.0.1)', function () {
  this.timeout(30_000);
  let ca: TestCa;
  let smtp: ChildProcess;
  let port: number;
  const received: Array<{ from: string; to: string[]; tls: boolean; login: string; data: string }> = [];

  before(async () => {
    ca = await makeTestCa();
    port = await freePort();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(ca.dir, 'smtp.crt'), ca.serverCert);
    await writeFile(join(ca.dir, 'smtp.key'), ca.serverKey);
    smtp = spawn('/usr/bin/python3', [join(repoRoot, 'test/support/smtp-server.py'), String(port), join(ca.dir, 'smtp.crt'), join(ca.dir, 'smtp.key'), 'alerts', PASSWORD], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    smtp.stderr!.on('data', (c) => { err += c; });
    await new Promise<void>((resolve, reject) => {
      smtp.stdout!.on('data', (c) => {
        out += c;
        for (;;) {
          const end = out.indexOf('\n');
          if (end < 0) break;
          const line = out.slice(0, end);
          out = out.slice(end + 1);
          if (line.startsWith('READY')) resolve();
          else received.push(JSON.parse(line));
        }
      });
      smtp.once('exit', (code) => reject(new Error(`smtp server exited ${code}: ${err}`)));
    });
  });
  after(async () => {
    smtp?.kill();
    await ca?.remove();
  });
  beforeEach(() => { received.length = 0; });

  const settings = (pass = PASSWORD): SmtpSettings => ({ host: '127.0.0.1', port, user: 'alerts', pass, from: 'orkestra@example.com', ca: ca.caCert });

  it('sends one message per recipient over STARTTLS with upstream\'s headers', async () => {
    await sendEmail({ smtp: settings(), to: ['ops@example.com', 'oncall@example.com'], subject: '[orkestra] status.phase condition triggered', text: 'blog is down\n.\nsee the runbook — ünïcode', katalog: 'shop', team: 'ops' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received.map((m) => [m.from, m.to, m.tls, m.login])).to.deep.equal([
      ['orkestra@example.com', ['ops@example.com'], true, 'alerts'],
      ['orkestra@example.com', ['oncall@example.com'], true, 'alerts'],
    ]);
    const [head, body] = received[0]!.data.split(/\r?\n\r?\n/);
    expect(head).to.include('Subject: [orkestra] status.phase condition triggered').and.include('To: ops@example.com').and.include('X-Orkestra-Katalog: shop').and.include('X-Orkestra-Team: ops');
    expect(Buffer.from(body!.replace(/\s+/g, ''), 'base64').toString('utf8')).to.equal('blog is down\r\n.\r\nsee the runbook — ünïcode');
  });

  it('reports a wrong password by the server\'s code, never the password', async () => {
    let error: Error | undefined;
    try {
      await sendEmail({ smtp: settings('wrong-pass'), to: ['ops@example.com'], subject: 's', text: 't', katalog: 'k', team: 't' });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/refused AUTH PLAIN: 535/);
    expect(error?.message).not.to.include('wrong-pass');
    expect(received).to.have.length(0);
  });

  it('refuses bad addresses and reads SMTP_* from the environment (all four needed)', async () => {
    let error: Error | undefined;
    try {
      await sendEmail({ smtp: settings(), to: ['ops@example.com>\r\nRCPT TO:<x@evil.example'], subject: 's', text: 't', katalog: 'k', team: 't' });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.include('no recipient is a plain address');
    expect(smtpSettings({ SMTP_HOST: 'mail.example.com', SMTP_USER: 'u', SMTP_PASS: 'p', SMTP_FROM: 'a@example.com' })).to.deep.equal({ host: 'mail.example.com', port: 587, user: 'u', pass: 'p', from: 'a@example.com' });
    expect(smtpSettings({ SMTP_HOST: 'mail.example.com', SMTP_USER: 'u', SMTP_FROM: 'a@example.com' })).to.equal(undefined);
    expect(smtpSettings({ SMTP_HOST: 'h', SMTP_PORT: 'x', SMTP_USER: 'u', SMTP_PASS: 'p', SMTP_FROM: 'a@example.com' })!.port).to.equal(587);
  });
});
