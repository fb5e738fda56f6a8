// The KubeClient against the real API server (test/support/cluster.ts): discovery, get/list with
// pages, server-side apply and its conflicts, create/patch/delete, watch ordering, resume and 410,
// connection reuse, and a service-account token without RBAC.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig, type KubeConfig } from '../../../cli/kube/config.js';
import { isKubeError, type ApiResource, type KubeObject, type WatchEvent } from '../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';

const CM: ApiResource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };
const NS: ApiResource = { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false };


async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

const cm = (namespace: string, name: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(labels ? { labels } : {}) }, data,
});

function crd(group: string, kind: string, plural: string) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group, scope: 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
      versions: [{
        name: 'v1', served: true, storage: true, subresources: { status: {} },
        schema: { openAPIV3Schema: { type: 'object', properties: {
          spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        } } },
      }],
    },
  };
}

describe('cli/kube/http-client (real API server)', function () {
  let cluster: TestCluster;
  let config: KubeConfig;
  let client: HttpKubeClient;
  const group = `kc${process.pid}.orkestra.test`;
  const crdNames: string[] = [];

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    config = loadKubeConfig({ env: {}, path: cluster.kubeconfigPath });
    client = createKubeClient(config);
  });

  after(async function () {
    if (cluster?.external) {
      for (const name of crdNames) await cluster.client.request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}` });
    }
    await client?.close();
  });

  async function establishCrd(kind: string, plural: string): Promise<void> {
    const body = crd(group, kind, plural);
    crdNames.push(body.metadata.name);
    await client.apply(body as unknown as KubeObject, { fieldManager: 'orkestra-test' });
    const crds = await client.resourceFor('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    await poll(`CRD ${body.metadata.name} Established`, 20_000, async () => {
      const got = await client.get(crds, undefined, body.metadata.name);
      const conditions = ((got?.status as { conditions?: { type: string; status: string }[] })?.conditions) ?? [];
      return conditions.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    });
  }

  describe('discovery', () => {
    it('finds core and apps kinds', async () => {
      expect(await client.resourceFor('v1', 'ConfigMap')).to.deep.equal(CM);
      expect(await client.resourceFor('v1', 'Namespace')).to.deep.equal(NS);
      expect(await client.resourceFor('apps/v1', 'Deployment')).to.deep.equal({ group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true });
    });

    it('says which apiVersion is not served', async () => {
      const e = await rejection(client.resourceFor('nothing.orkestra.test/v9', 'Nope'));
      expect(isKubeError(e, 404)).to.equal(true);
      expect(e.message).to.match(/apiVersion nothing\.orkestra\.test\/v9 is not served/);
    });

    it('finds a CRD kind, and a second kind of the same group only after invalidateDiscovery', async function () {
      this.timeout(60_000);
      await establishCrd('Widget', 'widgets');
      expect(await client.resourceFor(`${group}/v1`, 'Widget')).to.deep.equal({ group, version: 'v1', resource: 'widgets', kind: 'Widget', namespaced: true });
      await establishCrd('Gadget', 'gadgets');
      // The cached group-version document predates the second CRD.
      const stale = await rejection(client.resourceFor(`${group}/v1`, 'Gadget'));
      expect(isKubeError(stale, 404)).to.equal(true);
      expect(stale.message).to.match(/kind Gadget is not served in apiVersion/);
      client.invalidateDiscovery();
      expect((await client.resourceFor(`${group}/v1`, 'Gadget')).resource).to.equal('gadgets');
    });
  });

  describe('objects', () => {
    it('get returns undefined for a missing object; list follows continue pages', async function () {
      this.timeout(60_000);
      const ns = await newTestNamespace('kube-list');
      expect(await client.get(CM, ns, 'absent')).to.equal(undefined);
      for (let i = 0; i < 30; i++) await client.create(cm(ns, `cm-${String(i).padStart(2, '0')}`, { i: String(i) }, { batch: 'paging' }));
      await client.create(cm(ns, 'other', {}));
      const list = await client.list(CM, { namespace: ns, labelSelector: 'batch=paging', limit: 7 });
      expect(list.items.map((o) => o.metadata.name)).to.deep.equal(Array.from({ length: 30 }, (_, i) => `cm-${String(i).padStart(2, '0')}`));
      expect(list.items.every((o) => o.kind === 'ConfigMap' && o.apiVersion === 'v1')).to.equal(true);
      expect(Number(list.resourceVersion)).to.be.greaterThan(0);
      const got = await client.get(CM, ns, 'cm-07');
      expect(got?.data).to.deep.equal({ i: '7' });
      // Unpaged (default page size 500): the 31 plus what the cluster adds to every namespace.
      const all = await client.list(CM, { namespace: ns });
      expect(all.items.filter((o) => o.metadata.name.startsWith('cm-') || o.metadata.name === 'other')).to.have.length(31);
    });

    it('server-side apply creates, a re-apply is a no-op, dry-run stores nothing', async () => {
      const ns = await newTestNamespace('kube-ssa');
      const first = await client.apply(cm(ns, 'app', { a: '1' }), { fieldManager: 'ork-a' });
      expect(first.metadata.uid).to.be.a('string');
      const again = await client.apply(cm(ns, 'app', { a: '1' }), { fieldManager: 'ork-a' });
      expect(again.metadata.resourceVersion).to.equal(first.metadata.resourceVersion);
      const dry = await client.apply(cm(ns, 'app', { a: '2' }), { fieldManager: 'ork-a', dryRun: true });
      expect(dry.data).to.deep.equal({ a: '2' });
      expect((await client.get(CM, ns, 'app'))?.data).to.deep.equal({ a: '1' });
      const managers = (first.metadata.managedFields as { manager: string; operation: string }[]).map((m) => `${m.manager}/${m.operation}`);
      expect(managers).to.include('ork-a/Apply');
    });

    it('apply conflicting with another field manager: 409 without force, taken over with force', async () => {
      const ns = await newTestNamespace('kube-conflict');
      await client.apply(cm(ns, 'shared', { owner: 'a' }), { fieldManager: 'ork-a' });
      const e = await rejection(client.apply(cm(ns, 'shared', { owner: 'b' }), { fieldManager: 'ork-b' }));
      expect(isKubeError(e, 409)).to.equal(true);
      expect((e as { reason?: string }).reason).to.equal('Conflict');
      expect(e.message).to.match(/conflict/i).and.to.include('ork-a');
      const forced = await client.apply(cm(ns, 'shared', { owner: 'b' }), { fieldManager: 'ork-b', force: true });
      expect(forced.data).to.deep.equal({ owner: 'b' });
    });

    it('applyStatus writes the status subresource of a custom resource', async function () {
      this.timeout(60_000);
      if (!crdNames.includes(`widgets.${group}`)) await establishCrd('Widget', 'widgets');
      const ns = await newTestNamespace('kube-status');
      const widget = { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w1', namespace: ns }, spec: { size: 3 } };
      const created = await client.apply({ ...widget, status: { phase: 'Ignored' } }, { fieldManager: 'ork' });
      // The main resource ignores status when the status subresource is on.
      expect(created.status).to.equal(undefined);
      const updated = await client.applyStatus({ apiVersion: widget.apiVersion, kind: 'Widget', metadata: { name: 'w1', namespace: ns }, status: { phase: 'Ready', observedGeneration: 1 } }, { fieldManager: 'ork' });
      expect(updated.status).to.deep.equal({ phase: 'Ready', observedGeneration: 1 });
      expect(updated.spec).to.deep.equal({ size: 3 });
      const res = await client.resourceFor(widget.apiVersion, 'Widget');
      expect((await client.get(res, ns, 'w1'))?.status).to.deep.equal({ phase: 'Ready', observedGeneration: 1 });
    });

    it('create twice → 409 AlreadyExists; patch merge, json and strategic', async () => {
      const ns = await newTestNamespace('kube-create');
      const created = await client.create(cm(ns, 'c', { a: '1' }), { fieldManager: 'ork' });
      const e = await rejection(client.create(cm(ns, 'c', { a: '1' })));
      expect(isKubeError(e, 409)).to.equal(true);
      expect((e as { reason?: string }).reason).to.equal('AlreadyExists');
      expect(e.message).to.equal('configmaps "c" already exists');
      const merged = await client.patch(CM, ns, 'c', { data: { b: '2' } }, 'merge', { fieldManager: 'ork' });
      expect(merged.data).to.deep.equal({ a: '1', b: '2' });
      const jsonPatched = await client.patch(CM, ns, 'c', [{ op: 'remove', path: '/data/a' }], 'json');
      expect(jsonPatched.data).to.deep.equal({ b: '2' });
      const strategic = await client.patch(CM, ns, 'c', { metadata: { labels: { x: 'y' } } }, 'strategic');
      expect(strategic.metadata.labels).to.deep.equal({ x: 'y' });
      expect(Number(strategic.metadata.resourceVersion)).to.be.greaterThan(Number(created.metadata.resourceVersion));
      const missing = await rejection(client.patch(CM, ns, 'nope', { data: {} }, 'merge'));
      expect(isKubeError(missing, 404)).to.equal(true);
    });

    it('delete: gone afterwards, a second delete resolves, a stale uid precondition → 409', async () => {
      const ns = await newTestNamespace('kube-delete');
      const first = await client.create(cm(ns, 'd', {}));
      await client.delete(CM, ns, 'd', { propagationPolicy: 'Background', uid: first.metadata.uid! });
      expect(await client.get(CM, ns, 'd')).to.equal(undefined);
      await client.delete(CM, ns, 'd');
      await client.create(cm(ns, 'd', {}));
      const e = await rejection(client.delete(CM, ns, 'd', { uid: first.metadata.uid! }));
      expect(isKubeError(e, 409)).to.equal(true);
      expect((e as { reason?: string }).reason).to.equal('Conflict');
      expect(e.message).to.match(/UID in the precondition .* does not match/);
      expect(await client.get(CM, ns, 'd')).not.to.equal(undefined);
    });

    it('request: any other call, JSON in and out', async () => {
      const review = await client.request<{ status: { allowed: boolean } }>('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb: 'create', resource: 'configmaps', namespace: 'default' } },
      });
      expect(review.status.allowed).to.equal(true);
    });
  });

  describe('watch', () => {
    function collect(resourceVersion: string, ns: string, until: (events: WatchEvent[]) => boolean, extra: { timeoutSeconds?: number } = {}) {
      const events: WatchEvent[] = [];
      const controller = new AbortController();
      let settle: () => void;
      const enough = new Promise<void>((r) => { settle = r; });
      const done = client.watch(CM, { namespace: ns, resourceVersion, ...extra }, (e) => {
        events.push(e);
        if (until(events)) settle();
      }, controller.signal);
      return { events, controller, enough, done };
    }

    const summary = (events: WatchEvent[]) => events.map((e) => (e.type === 'ERROR' ? `ERROR:${e.status.code}` : `${e.type}:${e.object.metadata.name}:${(e.object as { data?: { v?: string } }).data?.v ?? ''}`));

    it('delivers ADDED, MODIFIED, DELETED in order, stops quietly on abort, resumes from a resourceVersion', async function () {
      this.timeout(30_000);
      const ns = await newTestNamespace('kube-watch');
      const start = await client.list(CM, { namespace: ns });
      const w = collect(start.resourceVersion, ns, (ev) => ev.filter((e) => e.type === 'DELETED').length === 1);
      await client.create(cm(ns, 'w', { v: '1' }));
      const modified = await client.patch(CM, ns, 'w', { data: { v: '2' } }, 'merge');
      await client.delete(CM, ns, 'w');
      await w.enough;
      w.controller.abort();
      await w.done; // resolves, does not reject
      const events = w.events.filter((e) => e.type !== 'ADDED' || e.object.metadata.name === 'w');
      expect(summary(events)).to.deep.equal(['ADDED:w:1', 'MODIFIED:w:2', 'DELETED:w:2']);

      // From the MODIFIED version on, only what followed it arrives.
      const resumed = collect(modified.metadata.resourceVersion!, ns, (ev) => ev.some((e) => e.type === 'DELETED'));
      await resumed.enough;
      resumed.controller.abort();
      await resumed.done;
      // The namespace's kube-root-ca.crt may be published after that version: only w counts.
      expect(summary(resumed.events.filter((e) => e.type !== 'ERROR' && e.object.metadata.name === 'w'))).to.deep.equal(['DELETED:w:2']);
    });

    it('resolves when the server ends the stream (timeoutSeconds)', async function () {
      this.timeout(15_000);
      const ns = await newTestNamespace('kube-watch-end');
      const { resourceVersion } = await client.list(CM, { namespace: ns });
      const started = Date.now();
      const w = collect(resourceVersion, ns, () => false, { timeoutSeconds: 1 });
      await w.done;
      expect(Date.now() - started).to.be.within(900, 10_000);
    });

    it('an already aborted signal resolves at once', async () => {
      const controller = new AbortController();
      controller.abort();
      await client.watch(CM, { resourceVersion: '0' }, () => { throw new Error('no event expected'); }, controller.signal);
    });

    it('metadataOnly: list and watch carry apiVersion, kind and metadata only (built-in kind and custom resource)', async function () {
      this.timeout(60_000);
      const ns = await newTestNamespace('kube-watch-meta');
      await client.create(cm(ns, 'm1', { big: 'x'.repeat(1000) }, { tier: 'meta' }));
      const list = await client.list(CM, { namespace: ns, metadataOnly: true, limit: 1 });
      const m1 = list.items.find((o) => o.metadata.name === 'm1')!;
      expect(Object.keys(m1).sort()).to.deep.equal(['apiVersion', 'kind', 'metadata']);
      expect(m1).to.deep.include({ apiVersion: 'v1', kind: 'ConfigMap' });
      expect(m1.metadata).to.include({ namespace: ns });
      expect(m1.metadata.labels).to.deep.equal({ tier: 'meta' });
      expect(m1.metadata.uid).to.be.a('string');
      // ConfigMaps (and Services) have no generation; Deployments and custom resources do.
      expect(m1.metadata.generation).to.equal(undefined);

      const events: WatchEvent[] = [];
      const controller = new AbortController();
      let settle: () => void;
      const enough = new Promise<void>((r) => { settle = r; });
      const done = client.watch(CM, { namespace: ns, resourceVersion: list.resourceVersion, metadataOnly: true }, (e) => {
        events.push(e);
        if (e.type === 'DELETED') settle();
      }, controller.signal);
      await client.patch(CM, ns, 'm1', { data: { big: 'y' }, metadata: { labels: { tier: 'changed' } } }, 'merge');
      await client.delete(CM, ns, 'm1');
      await enough;
      controller.abort();
      await done;
      const seen = events.filter((e) => e.type !== 'ERROR' && e.object.metadata.name === 'm1');
      expect(seen.map((e) => e.type)).to.deep.equal(['MODIFIED', 'DELETED']);
      for (const e of seen) {
        if (e.type === 'ERROR') continue;
        expect(Object.keys(e.object).sort()).to.deep.equal(['apiVersion', 'kind', 'metadata']);
        expect(e.object).to.deep.include({ apiVersion: 'v1', kind: 'ConfigMap' });
        expect(e.object.metadata.labels).to.deep.equal({ tier: 'changed' });
      }

      if (!crdNames.includes(`widgets.${group}`)) await establishCrd('Widget', 'widgets');
      client.invalidateDiscovery();
      const widgets = await client.resourceFor(`${group}/v1`, 'Widget');
      await client.create({ apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w-meta', namespace: ns }, spec: { a: 1 } });
      const crs = await client.list(widgets, { namespace: ns, metadataOnly: true });
      expect(crs.items.map((o) => [o.apiVersion, o.kind, o.metadata.name, o.metadata.generation, 'spec' in o])).to.deep.equal([[`${group}/v1`, 'Widget', 'w-meta', 1, false]]);
    });

    it('a resourceVersion older than the server keeps → ERROR event with code 410, then resolves', async function () {
      this.timeout(60_000);
      // A custom resource's watch cache starts when its CRD is established, at the then current
      // etcd revision: resourceVersion "1" is older than anything it can replay. (Built-in kinds
      // are cached from revision ~1 on a fresh control plane, so "1" is not too old for them.)
      if (!crdNames.includes(`gadgets.${group}`)) await establishCrd('Gadget', 'gadgets');
      client.invalidateDiscovery();
      const gadgets = await client.resourceFor(`${group}/v1`, 'Gadget');
      const ns = await newTestNamespace('kube-watch-410');
      for (let i = 0; i < 5; i++) await client.create({ apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: `g${i}`, namespace: ns } });
      const events: WatchEvent[] = [];
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      await client.watch(gadgets, { namespace: ns, resourceVersion: '1' }, (e) => events.push(e), controller.signal);
      clearTimeout(timer);
      expect(controller.signal.aborted, 'the stream should end by itself after the error').to.equal(false);
      expect(summary(events)).to.deep.equal(['ERROR:410']);
      const err = events[0]!;
      expect(err.type === 'ERROR' && err.status.reason).to.equal('Expired');
      expect(err.type === 'ERROR' && err.status.message).to.match(/too old resource version/);
    });
  });

  describe('connections', () => {
    function countConnects(): { count: () => number; stop: () => void } {
      // Independent of the client's own counter: every TLS connection goes through tls.connect.
      let n = 0;
      const original = tls.connect;
      (tls as { connect: typeof tls.connect }).connect = ((...args: Parameters<typeof tls.connect>) => {
        n++;
        return original(...args);
      }) as typeof tls.connect;
      return { count: () => n, stop: () => { (tls as { connect: typeof tls.connect }).connect = original; } };
    }

    it('50 sequential GETs open at most 2 connections (keep-alive reuse)', async () => {
      const fresh = createKubeClient(config);
      const connects = countConnects();
      try {
        const ns = await newTestNamespace('kube-reuse');
        await fresh.create(cm(ns, 'r', {}));
        for (let i = 0; i < 50; i++) expect(await fresh.get(CM, ns, 'r')).not.to.equal(undefined);
        const stats = fresh.connectionStats();
        expect(stats.opened, JSON.stringify(stats)).to.be.at.most(2);
        // Independent of our own counter: tls.connect calls (newTestNamespace's client may add its
        // own connection).
        expect(connects.count()).to.be.at.most(3);
      } finally {
        connects.stop();
        await fresh.close();
      }
    });

    it('20 parallel GETs stay within maxConnections', async () => {
      const bounded = createKubeClient(config, { maxConnections: 4 });
      try {
        const results = await Promise.all(Array.from({ length: 20 }, () => bounded.get(NS, undefined, 'default')));
        expect(results.every((r) => r?.metadata.name === 'default')).to.equal(true);
        const stats = bounded.connectionStats();
        expect(stats.peakOpen, JSON.stringify(stats)).to.be.at.most(4);
        expect(stats.opened).to.equal(4); // they did run in parallel, and no connection was replaced
      } finally {
        await bounded.close();
      }
      expect(bounded.connectionStats().open).to.equal(0);
    });

    it('1000 sequential GETs: time and connections (measurement)', async function () {
      this.timeout(120_000);
      const timed = createKubeClient(config);
      try {
        await timed.get(NS, undefined, 'default');
        const started = process.hrtime.bigint();
        const cpu = process.cpuUsage();
        for (let i = 0; i < 1000; i++) await timed.get(NS, undefined, 'default');
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const used = process.cpuUsage(cpu);
        const stats = timed.connectionStats();
        console.log(`      1000 sequential GETs: ${ms.toFixed(0)} ms (${(ms / 1000).toFixed(2)} ms each), client CPU ${((used.user + used.system) / 1000 / 1000).toFixed(3)} ms each, connections opened ${stats.opened}`);
        expect(stats.opened).to.equal(1);
      } finally {
        await timed.close();
      }
    });
  });

  describe('authentication', () => {
    it('a service-account token without RBAC gets a clean 403 KubeError', async function () {
      this.timeout(30_000);
      const ns = await newTestNamespace('kube-sa');
      const SA: ApiResource = { group: '', version: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true };
      const SECRET: ApiResource = { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true };
      await client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: ns } });
      // v1.20's token controller creates a token Secret and lists it on the ServiceAccount.
      const secretName = await poll('token secret of reader', 20_000, async () => {
        const sa = await client.get(SA, ns, 'reader');
        return (sa?.secrets as { name: string }[] | undefined)?.[0]?.name;
      });
      const secret = await client.get(SECRET, ns, secretName);
      const token = Buffer.from((secret!.data as { token: string }).token, 'base64').toString('utf8');
      const saConfig: KubeConfig = { source: 'test', server: config.server, ca: config.ca!, insecureSkipTLSVerify: false, auth: { type: 'token', token } };
      const sa = createKubeClient(saConfig);
      try {
        const e = await rejection(sa.list(CM, { namespace: ns }));
        expect(isKubeError(e, 403)).to.equal(true);
        expect((e as { reason?: string }).reason).to.equal('Forbidden');
        expect(e.message).to.include(`system:serviceaccount:${ns}:reader`).and.to.include('cannot list resource "configmaps"');
        expect(e.message).not.to.include(token);
        // What every authenticated user may do works with the same token.
        const review = await sa.request<{ status: { allowed: boolean } }>('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
          apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'list', resource: 'configmaps', namespace: ns } },
        });
        expect(review.status.allowed).to.equal(false);
      } finally {
        await sa.close();
      }
      // A wrong token is a 401, and says nothing of the token either.
      const bad = createKubeClient({ ...saConfig, auth: { type: 'token', token: 'not-a-valid-token' } });
      try {
        const e = await rejection(bad.get(NS, undefined, 'default'));
        expect(isKubeError(e, 401)).to.equal(true);
        expect(e.message).not.to.include('not-a-valid-token');
      } finally {
        await bad.close();
      }
    });

    it('an exec plugin that issues a client certificate authenticates', async function () {
      this.timeout(30_000);
      const { tempDir } = await import('../../support/tools.js');
      const { chmodSync, writeFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      const dir = tempDir('exec-cert');
      writeFileSync(join(dir, 'cert.pem'), config.clientCert!.cert);
      writeFileSync(join(dir, 'key.pem'), config.clientCert!.key);
      writeFileSync(join(dir, 'plugin.mjs'), `#!/usr/bin/env node
import { readFileSync, appendFileSync } from 'node:fs';
const dir = ${JSON.stringify(dir)};
appendFileSync(dir + '/runs', 'x');
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: {
  clientCertificateData: readFileSync(dir + '/cert.pem', 'utf8'), clientKeyData: readFileSync(dir + '/key.pem', 'utf8'),
  expirationTimestamp: new Date(Date.now() + 3600_000).toISOString() } }));
`);
      chmodSync(join(dir, 'plugin.mjs'), 0o755);
      const kubeconfig = join(dir, 'kubeconfig');
      writeFileSync(kubeconfig, JSON.stringify({
        'current-context': 'c',
        contexts: [{ name: 'c', context: { cluster: 'k', user: 'p' } }],
        clusters: [{ name: 'k', cluster: { server: config.server, 'certificate-authority-data': Buffer.from(config.ca!).toString('base64') } }],
        users: [{ name: 'p', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: './plugin.mjs', interactiveMode: 'Never' } } }],
      }));
      const viaExec = createKubeClient(loadKubeConfig({ env: {}, path: kubeconfig }));
      try {
        for (let i = 0; i < 5; i++) expect((await viaExec.get(NS, undefined, 'default'))?.metadata.name).to.equal('default');
        expect(readFileSync(join(dir, 'runs'), 'utf8')).to.equal('x');
        // One TLS identity, one pool, one connection for sequential calls.
        expect(viaExec.connectionStats().opened).to.equal(1);
      } finally {
        await viaExec.close();
      }
    });
  });
});
