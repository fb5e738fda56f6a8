// A minimal SMTP client session (RFC 5321) for alerts: greeting, EHLO, STARTTLS (or TLS from the
// start on port 465), AUTH PLAIN or LOGIN, then commands whose reply code must be one expected.
// Every step has a deadline; the socket is always closed. Reasons quote the server's code and
// first line, never what was sent.
import net from 'node:net';
import tls from 'node:tls';

export interface SmtpSettings {
  host: string;
  port: number;
  user: string;
  pass: string;
  from: string;
  /** Extra CA certificates (PEM) to trust; tests only. */
  ca?: string;
}

export interface SmtpSession {
  command(line: string, expect: readonly number[], shown?: string): Promise<string[]>;
  close(): Promise<void>;
}

const STEP_TIMEOUT_MS = 10_000;
const MAX_REPLY_BYTES = 64 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Connects, upgrades to TLS and logs in. @throws Error with a short reason. */
export async function smtpSession(settings: SmtpSettings): Promise<SmtpSession> {
  const implicitTls = settings.port === 465;
  let link = new Link(await connect(settings, implicitTls));
  try {
    await link.reply([220]);
    let features = await link.command('EHLO orkestra', [250]);
    if (!implicitTls) {
      if (features.some((f) => /^STARTTLS\b/i.test(f))) {
        await link.command('STARTTLS', [220]);
        link = new Link(await upgrade(link.release(), settings));
        features = await link.command('EHLO orkestra', [250]);
      } else if (!LOOPBACK.has(settings.host)) {
        throw new Error(`the SMTP server ${settings.host} does not offer STARTTLS; the password is not sent in clear (use port 465 or a server with STARTTLS)`);
      }
    }
    await login(link, features, settings);
    return link;
  } catch (e) {
    await link.close();
    throw e;
  }
}

async function login(link: Link, features: string[], settings: SmtpSettings): Promise<void> {
  const auth = features.find((f) => /^AUTH[ =]/i.test(f))?.toUpperCase() ?? '';
  if (/\bPLAIN\b/.test(auth)) {
    await link.command(`AUTH PLAIN ${Buffer.from(`\0${settings.user}\0${settings.pass}`).toString('base64')}`, [235], 'AUTH PLAIN');
  } else if (/\bLOGIN\b/.test(auth)) {
    await link.command('AUTH LOGIN', [334]);
    await link.command(Buffer.from(settings.user).toString('base64'), [334], 'the user name');
    await link.command(Buffer.from(settings.pass).toString('base64'), [235], 'the password');
  } else {
    throw new Error(`the SMTP server ${settings.host} offers neither AUTH PLAIN nor AUTH LOGIN`);
  }
}

function connect(settings: SmtpSettings, secure: boolean): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const options = { host: settings.host, port: settings.port, timeout: STEP_TIMEOUT_MS };
    const socket = secure ? tls.connect({ ...options, ...serverName(settings.host), ...(settings.ca ? { ca: [...tls.rootCertificates, settings.ca] } : {}) }) : net.connect(options);
    const fail = (e: Error) => {
      socket.destroy();
      reject(new Error(`cannot reach the SMTP server ${settings.host}:${settings.port}: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    };
    socket.once('error', fail);
    socket.once('timeout', () => fail(new Error('no answer within 10 s')));
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

function upgrade(socket: net.Socket, settings: SmtpSettings): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({ socket, ...serverName(settings.host), ...(settings.ca ? { ca: [...tls.rootCertificates, settings.ca] } : {}) });
    const fail = (e: Error) => {
      secure.destroy();
      reject(new Error(`STARTTLS with ${settings.host} failed: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    };
    secure.once('error', fail);
    secure.setTimeout(STEP_TIMEOUT_MS, () => fail(new Error('no answer within 10 s')));
    secure.once('secureConnect', () => {
      secure.off('error', fail);
      resolve(secure);
    });
  });
}

/** SNI names a host, never an address (RFC 6066). */
function serverName(host: string): { servername?: string } {
  return net.isIP(host) ? {} : { servername: host };
}

/** Replies read line by line from one socket. */
class Link implements SmtpSession {
  private buffer = '';
  private waiter: (() => void) | undefined;
  private failure: Error | undefined;
  private readonly onData = (chunk: Buffer) => {
    this.buffer += chunk.toString('utf8');
    if (this.buffer.length > MAX_REPLY_BYTES) this.fail(new Error('the SMTP server sent too long a reply'));
    this.waiter?.();
  };
  private readonly onEnd = () => this.fail(new Error('the SMTP server closed the connection'));
  private readonly onError = (e: Error) => this.fail(new Error(`SMTP connection error: ${(e as NodeJS.ErrnoException).code ?? e.message}`));

  constructor(private readonly socket: net.Socket) {
    socket.setTimeout(STEP_TIMEOUT_MS, () => this.fail(new Error('the SMTP server did not answer within 10 s')));
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
  }

  /** Sends a line; `shown` names it in errors instead of the line itself (credentials). */
  async command(line: string, expect: readonly number[], shown?: string): Promise<string[]> {
    this.socket.write(`${line}\r\n`);
    return this.reply(expect, shown ?? line.split(/[\s:]/)[0]);
  }

  async reply(expect: readonly number[], what = 'the greeting'): Promise<string[]> {
    for (;;) {
      if (this.failure) throw this.failure;
      const reply = this.take();
      if (reply) {
        if (!expect.includes(reply.code)) throw new Error(`the SMTP server refused ${what}: ${reply.code} ${reply.lines[0] ?? ''}`.trim());
        return reply.lines;
      }
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
      this.waiter = undefined;
    }
  }

  /** A complete reply (`250-…` lines up to `250 …`), removed from the buffer. */
  private take(): { code: number; lines: string[] } | undefined {
    const lines: string[] = [];
    let used = 0;
    for (;;) {
      const end = this.buffer.indexOf('\n', used);
      if (end < 0) return undefined;
      const line = this.buffer.slice(used, end).replace(/\r$/, '');
      used = end + 1;
      lines.push(line.slice(4));
      if (line[3] !== '-') {
        this.buffer = this.buffer.slice(used);
        return { code: Number(line.slice(0, 3)), lines };
      }
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.waiter?.();
  }

  /** Hands the socket over (for STARTTLS), this reader detached. */
  release(): net.Socket {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('error', this.onError);
    this.socket.setTimeout(0);
    return this.socket;
  }

  async close(): Promise<void> {
    if (!this.failure && !this.socket.destroyed) {
      this.socket.write('QUIT\r\n');
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this.socket.destroy();
  }
}
