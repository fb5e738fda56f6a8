// No auto-sync, proven: the Komposer's only import comes from a local HTTPS server. After the
// bundle is made and the controller runs, the served Katalog changes (replicas default 2 → 5) and
// then the server goes away. Across resyncs and a restart of the controller on the same bundle,
// every child — old CRs' and new ones' — stays exactly as the bundle says, and the server never
// hears from the controller.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../../support/https-server.js';
import { tempDir } from '../../support/tools.js';
import { fixtureCopy, poll, readyOf, resolveToBundle, worldOn, type World } from './world.js';

describe('controller end to end: no auto-sync from import sources (real API server)', function () {
  this.timeout(90_000);
  let ca: TestCa;
  let server: TestServer | undefined;
  let world: World | undefined;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    ca = await makeTestCa();
  });
  after(async () => {
    await world?.close();
    await server?.close();
    await ca?.remove();
  });

  function serving(files: Record<string, string>) {
    return (req: IncomingMessage, res: ServerResponse) => {
      const body = files[req.url ?? ''];
      if (body === undefined) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
    };
  }

  it('changing, then stopping the source server changes nothing in the running controller, across resyncs and a restart', async () => {
    const fixture = fixtureCopy('remote');
    const katalog = readFileSync(join(fixture.dir, 'katalog.yaml'), 'utf8');
    const crd = readFileSync(join(fixture.dir, 'crd.yaml'), 'utf8');
    expect(katalog).to.contain('default: 2');
    server = await startHttpsServer(ca, serving({ '/katalog.yaml': katalog, '/crd.yaml': crd }));
    const dir = tempDir('e2e-komposer');
    writeFileSync(join(dir, 'komposer.yaml'), [
      'apiVersion: orkestra.orkspace.io/v1',
      'kind: Komposer',
      'metadata:',
      '  name: e2e-remote-komposer',
      'imports:',
      '  files:',
      `    - ${server.origin}/katalog.yaml`,
      'spec:',
      '  crds: {}',
      '',
    ].join('\n'));
    const resolveHere = () => resolveToBundle({ komposer: 'komposer.yaml', cwd: dir, caCertificates: ca.caCert });
    const bundle = await resolveHere();
    expect(server.requests.map((r) => r.path).sort()).to.deep.equal(['/crd.yaml', '/katalog.yaml']);

    world = await worldOn(bundle, fixture.group);
    server.reset(serving({ '/katalog.yaml': katalog, '/crd.yaml': crd }));
    await world.start();
    const client = world.cluster.client;
    const ns = await newTestNamespace('e2e-no-sync');
    const webs = world.crPath('webs', ns);
    const replicasOf = async (name: string) => (await client.get(`/apis/apps/v1/namespaces/${ns}/deployments/${name}`)).spec.replicas as number;
    const createWeb = async (name: string) => {
      await client.post(webs, { apiVersion: `${world!.group}/v1`, kind: 'Web', metadata: { name }, spec: { image: 'nginx:1.27' } });
      await poll(`${name} Ready`, 15_000, async () => (readyOf(await client.get(`${webs}/${name}`))?.status === 'True' ? true : undefined));
    };
    const resyncs = async (n: number) => {
      let seen = 0;
      const unhook = world!.controller!.controllers.get('web')!.crInformer.addHandlers({ update: (a, b) => { if (a === b) seen++; } });
      try {
        await poll(`${n} resyncs`, 15_000, async () => (seen >= n ? true : undefined));
      } finally {
        unhook();
      }
    };

    await createWeb('before');
    expect(await replicasOf('before')).to.equal(2);

    // The source changes. A fresh resolve would now produce another bundle: the change matters.
    const changed = katalog.replace('default: 2', 'default: 5');
    server.reset(serving({ '/katalog.yaml': changed, '/crd.yaml': crd }));
    await resyncs(2);
    expect(server.requests, 'requests from the running controller').to.deep.equal([]);
    expect(await replicasOf('before')).to.equal(2);
    const control = await resolveHere();
    expect(control.digest).to.not.equal(bundle.digest);
    expect(server.requests.length).to.be.greaterThan(0);

    // The source goes away.
    await server.close();
    server = undefined;
    await createWeb('during');
    await resyncs(2);
    expect(await replicasOf('before')).to.equal(2);
    expect(await replicasOf('during')).to.equal(2);

    // A restart of the informers: a new controller on the same bundle directory.
    await world.stop();
    const restarted = await world.start();
    expect(restarted.digest).to.equal(bundle.digest);
    await createWeb('after');
    await resyncs(2);
    for (const name of ['before', 'during', 'after']) expect(await replicasOf(name), name).to.equal(2);
    const webStatuses = (await client.get(webs)).items.map((cr: { metadata: { name: string } }) => `${cr.metadata.name}:${readyOf(cr as never)?.status}`);
    expect(webStatuses.sort()).to.deep.equal(['after:True', 'before:True', 'during:True']);
  });
});
