// Copies and tls Secrets under the running controller (informer caches, the source watch): a
// copy follows its source within moments although the resync is 10 minutes, a copy waiting for a
// missing source is made as soon as the source appears, and the tls Secret is generated once.
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { fixtureWorld, poll, readyOf, type World } from './world.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const text = (s: string) => Buffer.from(s, 'base64').toString('utf8');

describe('controller end to end: copies follow their source (real API server)', function () {
  this.timeout(60_000);
  let world: World;
  const measured: Record<string, number> = {};

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('copies');
    await world.start();
  });
  after(async () => {
    await world?.close();
    if (Object.keys(measured).length > 0) console.log(`      measured: ${JSON.stringify(measured)}`);
  });

  const client = () => world.cluster.client;
  const secret = (ns: string, name: string) => `/api/v1/namespaces/${ns}/secrets/${name}`;
  const found = async (path: string) => ((await client().request({ path })).status === 200 ? client().get(path) : undefined);

  it('a source update reaches the copies in every namespace through the watch; a missing source is waited for', async () => {
    const [ns, jobs, platform] = [await newTestNamespace('e2e-copies'), await newTestNamespace('e2e-copies-jobs'), await newTestNamespace('e2e-copies-platform')];
    await client().post(`/api/v1/namespaces/${platform}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-ca' }, data: { 'ca.crt': 'PEM' } });
    const path = world.crPath('tenants', ns, 'acme');
    await client().post(world.crPath('tenants', ns), { apiVersion: `${world.group}/v1`, kind: 'Tenant', metadata: { name: 'acme' }, spec: { platform, jobs } });

    // No registry Secret yet: Ready says what to create; the ConfigMap copy and tls Secret are made.
    const held = await poll('Ready=False SourceUnavailable', 20_000, async () => (readyOf(await client().get(path))?.reason === 'SourceUnavailable' ? readyOf(await client().get(path)) : undefined));
    expect(held!.message).to.include(`fromSecret Secret ${platform}/registry not found`);
    expect((await client().get(`/api/v1/namespaces/${ns}/configmaps/acme-ca`)).data).to.deep.equal({ 'ca.crt': 'PEM' });
    const tls = await client().get(secret(ns, 'acme-tls'));
    expect(new X509Certificate(text(tls.data['tls.crt'])).checkHost('acme')).to.equal('acme');

    let started = Date.now();
    await client().post(`/api/v1/namespaces/${platform}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry' }, data: { token: b64('one') } });
    for (const where of [ns, jobs]) await poll(`copy in ${where}`, 10_000, async () => ((await found(secret(where, 'acme-registry')))?.data?.token === b64('one') ? true : undefined));
    measured.sourceAppearedToCopiesMs = Date.now() - started;
    await poll('Ready=True', 10_000, async () => (readyOf(await client().get(path))?.status === 'True' ? true : undefined));

    started = Date.now();
    await client().mergePatch(`/api/v1/namespaces/${platform}/secrets/registry`, { data: { token: b64('two') } });
    for (const where of [ns, jobs]) await poll(`updated copy in ${where}`, 10_000, async () => ((await found(secret(where, 'acme-registry')))?.data?.token === b64('two') ? true : undefined));
    measured.sourceUpdateToCopiesMs = Date.now() - started;
    expect(measured.sourceUpdateToCopiesMs).to.be.below(10_000); // the resync is 10 minutes

    // The tls Secret is not generated again by all these reconciles.
    expect((await client().get(secret(ns, 'acme-tls'))).data).to.deep.equal(tls.data);
  });
});
