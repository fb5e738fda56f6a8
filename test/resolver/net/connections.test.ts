// Keep-alive across the fetches of one resolve: GETs that share an HttpConnections reuse one TLS
// connection to an origin; GETs without one each open their own. Real HTTPS server on 127.0.0.1.
import { expect } from 'chai';
import { httpGet } from '../../../resolver/net/http-client.js';
import { HttpConnections } from '../../../resolver/net/connections.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../../support/https-server.js';

describe('resolver/net/connections', function () {
  this.timeout(30_000);
  let ca: TestCa;
  let server: TestServer;
  const clientPorts: number[] = [];

  before(async () => {
    ca = await makeTestCa();
    server = await startHttpsServer(ca, (req, res) => {
      clientPorts.push(req.socket.remotePort ?? -1);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('kind: Katalog\n');
    });
  });
  beforeEach(() => void clientPorts.splice(0));
  after(async () => {
    await server.close();
    await ca.remove();
  });

  const get = (connections?: HttpConnections) =>
    httpGet(`${server.origin}/katalog.yaml`, { label: 'url:test', maxBytes: 1024, caCertificates: ca.caCert, ...(connections ? { connections } : {}) });

  it('five sequential GETs through one HttpConnections reuse their connections', async () => {
    const connections = new HttpConnections();
    try {
      for (let i = 0; i < 5; i++) expect((await get(connections)).status).to.equal(200);
    } finally {
      await connections.close();
    }
    expect(clientPorts).to.have.length(5);
    // undici's pool may open a second connection while the first is still finishing a response
    // (measured: two, alternating); never one per request.
    expect(new Set(clientPorts).size).to.be.at.most(2);
  });

  it('five GETs without one open five connections (the cost the pool avoids)', async () => {
    for (let i = 0; i < 5; i++) expect((await get()).status).to.equal(200);
    expect(new Set(clientPorts).size).to.equal(5);
  });

  it('refuses use after close, so a finished resolve cannot leak a new connection', async () => {
    const connections = new HttpConnections();
    await connections.close();
    expect(() => connections.agent(undefined, { timeoutMs: 1000, connectTimeoutMs: 1000 })).to.throw(/after close/);
    await connections.close();
  });
});
