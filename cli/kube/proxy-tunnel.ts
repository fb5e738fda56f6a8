// HTTP CONNECT tunnels to the API server through a proxy (kubeconfig `proxy-url`, else
// HTTPS_PROXY unless NO_PROXY matches), as kubectl does; TLS then runs inside the tunnel, so the
// proxy sees only the host and port. Only http:// proxies; proxy credentials in the URL are sent
// as Proxy-Authorization and never shown.
import { connect, type Socket } from 'node:net';

const TUNNEL_TIMEOUT_MS = 30_000;

/** The proxy for `server` from the environment (HTTPS_PROXY/https_proxy, NO_PROXY/no_proxy). */
export function proxyFromEnv(server: string, env: Record<string, string | undefined>): string | undefined {
  const url = new URL(server);
  const proxy = url.protocol === 'https:' ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const noProxy = (env.NO_PROXY || env.no_proxy || '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  for (const entry of noProxy) {
    if (entry === '*') return undefined;
    const [name, port] = entry.split(/:(?=\d+$)/);
    if (port && port !== (url.port || '443')) continue;
    const bare = name!.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`) || cidrHas(bare, host)) return undefined;
  }
  return proxy;
}

function cidrHas(cidr: string, host: string): boolean {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(cidr);
  if (!m || !/^\d+\.\d+\.\d+\.\d+$/.test(host)) return false;
  const n = (ip: string) => ip.split('.').reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
  const bits = Number(m[2]);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((n(m[1]!) & mask) >>> 0) === ((n(host) & mask) >>> 0);
}

/** Opens a CONNECT tunnel to host:port through `proxy`; the socket carries the target's bytes. */
export function openTunnel(proxy: string, host: string, port: number, callback: (err: Error | null, socket: Socket | null) => void): void {
  const p = new URL(proxy);
  const socket = connect({ host: p.hostname.replace(/^\[|\]$/g, ''), port: Number(p.port || 80) });
  const target = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  let done = false;
  const finish = (err: Error | null) => {
    if (done) return;
    done = true;
    socket.setTimeout(0);
    socket.removeAllListeners('data');
    if (err) {
      socket.destroy();
      callback(err, null);
    } else {
      callback(null, socket);
    }
  };
  socket.setTimeout(TUNNEL_TIMEOUT_MS, () => finish(new Error(`proxy ${p.host} did not answer CONNECT in time`)));
  socket.once('error', (e) => finish(new Error(`proxy ${p.host}: ${e.message}`)));
  socket.once('connect', () => {
    const auth = p.username ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString('base64')}\r\n` : '';
    socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
  });
  let head = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (head.length > 16_384) finish(new Error(`proxy ${p.host} sent an oversized CONNECT answer`));
      return;
    }
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1];
    if (status !== '200') return finish(new Error(`proxy ${p.host} refused CONNECT to ${target} (HTTP ${status ?? '?'})`));
    const rest = head.subarray(end + 4);
    if (rest.length > 0) socket.unshift(rest);
    finish(null);
  });
}
