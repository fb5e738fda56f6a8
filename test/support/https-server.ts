// Real HTTP(S) servers on 127.0.0.1 for source tests: a throw-away CA and server certificate made
// with `openssl` in a temp dir at test time, handlers swappable per test, every request recorded
// (method, path, headers) so tests can assert on what the client really sent.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCa {
  dir: string;
  /** PEM of the CA certificate: what a client passes as caCertificates. */
  caCert: string;
  serverCert: string;
  serverKey: string;
  remove(): Promise<void>;
}

/** A CA and a server certificate for 127.0.0.1 and localhost, valid for one day. */
export async function makeTestCa(): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), 'ork-test-ca-'));
  const p = (name: string): string => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', [
    'req', '-x509', ...ec, '-keyout', p('ca.key'), '-out', p('ca.crt'), '-days', '1',
    '-subj', '/CN=Orkestra Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', ['req', ...ec, '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=127.0.0.1']);
  await writeFile(
    p('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n',
  );
  await run('openssl', [
    'x509', '-req', '-in', p('server.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial',
    '-out', p('server.crt'), '-days', '1', '-extfile', p('server.ext'),
  ]);
  return {
    dir,
    caCert: await readFile(p('ca.crt'), 'utf8'),
    serverCert: await readFile(p('server.crt'), 'utf8'),
    serverKey: await readFile(p('server.key'), 'utf8'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Milliseconds since the server started, to measure waits between attempts. */
  at: number;
}

export interface TestServer {
  /** `https://127.0.0.1:<port>` (or `http://…` for a plain server), no trailing slash. */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** Replace the handler and forget recorded requests. */
  reset(handler: Handler): void;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 with a certificate from `ca`. */
export function startHttpsServer(ca: TestCa, handler: Handler = notFound): Promise<TestServer> {
  return listen(createHttpsServer({ cert: ca.serverCert, key: ca.serverKey }), 'https', handler);
}

/** A plain HTTP server on 127.0.0.1 (targets of refused redirects, loopback http). */
export function startHttpServer(handler: Handler = notFound): Promise<TestServer> {
  return listen(createHttpServer(), 'http', handler);
}

function notFound(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404).end();
}

async function listen(server: Server, scheme: 'http' | 'https', initial: Handler): Promise<TestServer> {
  const started = Date.now();
  let handler = initial;
  const requests: RecordedRequest[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, at: Date.now() - started });
    handler(req, res);
  });
  // Failed TLS handshakes (the no-CA test) are expected; keep them out of the test output.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `${scheme}://127.0.0.1:${port}`,
    port,
    requests,
    reset(next: Handler) {
      handler = next;
      requests.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
