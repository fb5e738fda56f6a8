// The resolver's proxy settings: parsed from the environment (pure), and used for real — fetches
// through a CONNECT proxy on 127.0.0.1 to an HTTPS server with its own CA, TLS still verified
// inside the tunnel, NO_PROXY honoured, proxy credentials sent but never shown.
import { expect } from 'chai';
import { proxySettings } from '../../../resolver/net/proxy.js';
import { HttpConnections } from '../../../resolver/net/connections.js';
import { httpGet } from '../../../resolver/net/http-client.js';
import { forgetSecretsForTests, scrubSecrets } from '../../../shared/secrets.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../../support/https-server.js';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy.js';
import { thrown, rejection } from '../../support/errors.js';

describe('resolver/net/proxy', function () {
  this.timeout(20_000);

  const parsed: Array<{ env: Record<string, string>; want: unknown }> = [
    { env: {}, want: undefined },
    { env: { HTTPS_PROXY: 'http://p.example:3128' }, want: { httpsProxy: 'http://p.example:3128/', httpProxy: '', noProxy: '' } },
    { env: { https_proxy: 'p.example:3128', NO_PROXY: '.corp,10.0.0.1' }, want: { httpsProxy: 'http://p.example:3128/', httpProxy: '', noProxy: '.corp,10.0.0.1' } },
    { env: { HTTP_PROXY: 'http://h:1', HTTPS_PROXY: 'https://s:2', no_proxy: '*' }, want: { httpsProxy: 'https://s:2/', httpProxy: 'http://h:1/', noProxy: '*' } },
  ];
  for (const c of parsed) {
    it(`reads ${JSON.stringify(c.env)}`, () => expect(proxySettings(c.env)).to.deep.equal(c.want));
  }

  it('refuses a proxy it cannot use, naming the variable and not its password', () => {
    const e = thrown(() => proxySettings({ HTTPS_PROXY: 'socks5://u:pw-secret-1@p:1080' }));
    expect(e.code).to.equal('USAGE');
    expect(e.message).to.contain('HTTPS_PROXY uses socks5:');
    expect(thrown(() => proxySettings({ HTTP_PROXY: 'http://[bad' })).message).to.contain('HTTP_PROXY is not a URL');
  });

  describe('through a CONNECT proxy on 127.0.0.1', () => {
    let ca: TestCa;
    let origin: TestServer;
    let proxy: ConnectProxy;
    before(async () => {
      ca = await makeTestCa();
      origin = await startHttpsServer(ca, (_req, res) => res.writeHead(200).end('kind: Katalog\n'));
      proxy = await startConnectProxy(`Basic ${Buffer.from('proxy-user:proxy-pa55').toString('base64')}`);
    });
    after(async () => {
      await proxy.close();
      await origin.close();
      await ca.remove();
      forgetSecretsForTests();
    });
    const fetchVia = async (env: Record<string, string>) => {
      const connections = new HttpConnections(proxySettings(env));
      try {
        return await httpGet(`${origin.origin}/katalog.yaml`, { label: 'url:test', maxBytes: 1024, caCertificates: ca.caCert, connections, retry: { maxAttempts: 1 } });
      } finally {
        await connections.close();
      }
    };
    const withCreds = () => proxy.url.replace('http://', 'http://proxy-user:proxy-pa55@');

    it('tunnels to the origin with the proxy credentials, verifying TLS inside the tunnel', async () => {
      const before = proxy.tunnels.length;
      const res = await fetchVia({ HTTPS_PROXY: withCreds() });
      expect(res.body.toString()).to.equal('kind: Katalog\n');
      expect(proxy.tunnels.slice(before)).to.deep.equal([`127.0.0.1:${origin.port}`]);
    });

    it('goes direct for a host NO_PROXY names', async () => {
      const before = proxy.authorizations.length;
      await fetchVia({ HTTPS_PROXY: withCreds(), NO_PROXY: '127.0.0.1' });
      expect(proxy.authorizations.length).to.equal(before);
    });

    it('fails worded when the proxy refuses, without showing its credentials', async () => {
      const e = await rejection(fetchVia({ HTTPS_PROXY: proxy.url.replace('http://', 'http://proxy-user:wrong-pa55@') }));
      expect(e.code).to.equal('IMPORT_FETCH_FAILED');
      expect(e.message).to.contain('the proxy requires credentials (407)');
      expect(scrubSecrets(e.message)).not.to.contain('wrong-pa55');
      expect(e.message).not.to.contain('wrong-pa55');
    });
  });
});
