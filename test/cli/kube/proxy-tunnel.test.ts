// The kube client through an HTTP CONNECT proxy, against real servers on 127.0.0.1: a tiny proxy
// that counts the tunnels it opens and an HTTPS API stand-in. kubeconfig `proxy-url` and
// HTTPS_PROXY are used; NO_PROXY bypasses the proxy.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { createKubeClient, loadKubeConfig } from '../../../cli/kube/index.js';
import { proxyFromEnv } from '../../../cli/kube/proxy-tunnel.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../../support/https-server.js';
import { tempDir } from '../../support/tools.js';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy.js';

describe('cli/kube/proxy-tunnel', function () {
  this.timeout(20_000);
  const dir = tempDir('kube-proxy');
  let ca: TestCa;
  let api: TestServer;
  let proxy: ConnectProxy;
  let proxyUrl: string;
  let tunnels: string[] = [];

  before(async () => {
    ca = await makeTestCa();
    api = await startHttpsServer(ca, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"versions":["v1"]}'));
    proxy = await startConnectProxy();
    tunnels = proxy.tunnels;
    proxyUrl = proxy.url;
  });
  after(async () => {
    await proxy.close();
    await api.close();
    await ca.remove();
  });
  beforeEach(() => { tunnels.length = 0; api.requests.length = 0; });

  const kubeconfig = (cluster: Record<string, unknown>) => {
    const path = join(dir, 'config');
    writeFileSync(path, JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'x',
      clusters: [{ name: 'c', cluster: { server: api.origin, 'certificate-authority-data': Buffer.from(ca.caCert).toString('base64'), ...cluster } }],
      users: [{ name: 'u', user: { token: 'not-a-real-token' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    }));
    return path;
  };
  const three = async (path: string, env: Record<string, string>) => {
    api.requests.length = 0;
    const client = createKubeClient(loadKubeConfig({ env, path }), { userAgent: 'orkestra-test' });
    try {
      for (let i = 0; i < 3; i++) expect(await client.request<{ versions: string[] }>('GET', '/api')).to.deep.equal({ versions: ['v1'] });
    } finally {
      await client.close();
    }
    expect(api.requests.map((r) => r.headers.authorization)).to.deep.equal(Array(3).fill('Bearer not-a-real-token'));
  };

  it('tunnels through the kubeconfig proxy-url, reusing one tunnel for keep-alive requests', async () => {
    await three(kubeconfig({ 'proxy-url': proxyUrl }), {});
    expect(tunnels).to.deep.equal([`127.0.0.1:${api.port}`]);
  });

  it('tunnels through HTTPS_PROXY (or https_proxy) when the kubeconfig names no proxy', async () => {
    await three(kubeconfig({}), { https_proxy: proxyUrl });
    expect(tunnels).to.have.length(1);
  });

  it('NO_PROXY bypasses the proxy; no proxy at all connects directly', async () => {
    await three(kubeconfig({}), { HTTPS_PROXY: proxyUrl, NO_PROXY: 'example.org,127.0.0.0/8' });
    await three(kubeconfig({}), {});
    expect(tunnels).to.deep.equal([]);
  });

  it('reads NO_PROXY as kubectl does', () => {
    const env = { HTTPS_PROXY: 'http://p:3128', NO_PROXY: '.internal, 10.0.0.0/8,kube.example:6443' };
    expect(proxyFromEnv('https://api.internal:6443', env)).to.equal(undefined);
    expect(proxyFromEnv('https://10.1.2.3:6443', env)).to.equal(undefined);
    expect(proxyFromEnv('https://kube.example:6443', env)).to.equal(undefined);
    expect(proxyFromEnv('https://kube.example:443', env)).to.equal('http://p:3128');
    expect(proxyFromEnv('https://11.1.2.3', env)).to.equal('http://p:3128');
    expect(proxyFromEnv('https://x', { NO_PROXY: '*', HTTPS_PROXY: 'http://p:1' })).to.equal(undefined);
  });

  it('refuses a proxy-url it cannot use, naming the field', () => {
    expect(() => loadKubeConfig({ env: {}, path: kubeconfig({ 'proxy-url': 'socks5://127.0.0.1:1080' }) })).to.throw(/clusters\[c\]\.cluster\.proxy-url must be an http:\/\/host:port proxy/);
  });
});
