// A tiny HTTP CONNECT proxy on 127.0.0.1 for tests of proxy settings: records each tunnel it opens
// (`host:port`) and the Proxy-Authorization it was given, and can demand credentials (407).
import { createServer, connect, type AddressInfo, type Server } from 'node:net';

export interface ConnectProxy {
  url: string;
  /** `host:port` of every tunnel opened, in order. */
  tunnels: string[];
  /** The Proxy-Authorization header of every CONNECT, '' when absent. */
  authorizations: string[];
  close(): Promise<void>;
}

/** Starts the proxy; with `requireAuthorization`, a CONNECT without exactly that header gets 407. */
export async function startConnectProxy(requireAuthorization?: string): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const authorizations: string[] = [];
  const server: Server = createServer((client) => {
    client.on('error', () => undefined);
    client.once('data', (chunk: Buffer) => {
      const head = chunk.toString('latin1');
      const m = /^CONNECT (\S+):(\d+) HTTP\/1\.1\r\n/.exec(head);
      if (!m) return void client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      const auth = /\r\nproxy-authorization: ([^\r\n]*)/i.exec(head)?.[1] ?? '';
      authorizations.push(auth);
      if (requireAuthorization !== undefined && auth !== requireAuthorization) {
        return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      }
      tunnels.push(`${m[1]}:${m[2]}`);
      const upstream = connect(Number(m[2]), m[1]!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
