// The controller's assembly without a cluster: startController on a signed bundle against the
// in-memory KubeClient (refusals make no call at all; a full run reconciles through informers,
// queue and workers; dependsOn gates workers), the CacheReader's owner index, names index and
// API fallback, unmetDependencies and resyncMsOf. The same behaviours against the real API server: e2e/.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheReader } from '../../controller/crd/cache-reader.js';
import { resyncMsOf } from '../../controller/crd/crd-controller.js';
import { unmetDependencies } from '../../controller/crd/dependencies.js';
import { Informer, realClock } from '../../controller/engine/index.js';
import type { ApiResource, KubeObject } from '../../shared/kube/index.js';
import { startController, type RunningController } from '../../controller/run.js';
import type { CrdTarget } from '../../controller/reconcile/index.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { isOrkError } from '../../shared/errors.js';
import { silentLogger } from '../../shared/log.js';
import { CONFIGMAPS, FakeKube } from '../support/fake-kube.js';
import { tempDir } from '../support/tools.js';
import { poll, resolveToBundle, type SignedBundleDir } from './e2e/world.js';

const GROUP = 'mem.orkspace.test';
const WIDGETS: ApiResource = { group: GROUP, version: 'v1', resource: 'widgets', kind: 'Widget', namespaced: true };
const GADGETS: ApiResource = { group: GROUP, version: 'v1', resource: 'gadgets', kind: 'Gadget', namespaced: true };
const EVENTS: ApiResource = { group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true };

const KATALOG = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: mem
spec:
  crds:
    widget:
      apiTypes: {group: ${GROUP}, version: v1, kind: Widget, plural: widgets}
      validation:
        rules:
          - field: spec.color
            notEquals: black
            message: "spec.color must not be black"
      operatorBox:
        onReconcile:
          configMaps:
            - data:
                color: "{{ .spec.color }}"
    gadget:
      apiTypes: {group: ${GROUP}, version: v1, kind: Gadget, plural: gadgets}
      dependsOn:
        widget: healthy
      operatorBox:
        onReconcile:
          configMaps:
            - name: "{{ .metadata.name }}-gadget"
              data:
                widget: "{{ .spec.widget }}"
`;

/** The in-memory server, answering access reviews (the controller's RBAC self-check) with "allowed". */
class AllowingKube extends FakeKube {
  override async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    if (method === 'POST' && path.endsWith('/selfsubjectaccessreviews')) return { status: { allowed: true } } as T;
    return super.request<T>(method, path, body);
  }
}

function cr(resource: ApiResource, name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: `${resource.group}/${resource.version}`, kind: resource.kind, metadata: { name, namespace: 'ns' }, spec };
}

function readyOf(o: KubeObject | undefined): string | undefined {
  return (o?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.find((c) => c.type === 'Ready')?.status;
}

describe('controller/run: startController with an in-memory API server', function () {
  this.timeout(20_000);
  let bundle: SignedBundleDir;
  let running: RunningController | undefined;

  before(async () => {
    const dir = tempDir('run-test');
    writeFileSync(join(dir, 'katalog.yaml'), KATALOG);
    bundle = await resolveToBundle({ komposer: 'katalog.yaml', cwd: dir });
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  const fake = () => new AllowingKube([WIDGETS, GADGETS, CONFIGMAPS, EVENTS]);
  const start = (kube: FakeKube, extra: { publicKeyPath?: string; expectedDigest?: string; bundleDir?: string } = {}) =>
    startController({ bundleDir: bundle.bundleDir, publicKeyPath: bundle.publicKeyPath, env: {}, logger: silentLogger(), kube, ...extra });

  async function refusal(kube: FakeKube, extra: Parameters<typeof start>[1]): Promise<string> {
    try {
      running = await start(kube, extra);
    } catch (e) {
      expect(isOrkError(e), String(e)).to.equal(true);
      return (e as { code: string }).code;
    }
    throw new Error('startController accepted the bundle');
  }

  it('refuses the wrong key and a mismatching pinned digest without one call to the API server', async () => {
    const other = join(tempDir('run-test-key'), 'other.pem');
    writeFileSync(other, generateSigningKeyPair().publicKeyPem);
    for (const [extra, code] of [
      [{ publicKeyPath: other }, 'SIGNATURE_INVALID'],
      [{ expectedDigest: `sha256:${'1'.repeat(64)}` }, 'EXPECTED_DIGEST_MISMATCH'],
      [{ bundleDir: join(bundle.dir, 'missing') }, 'FILE_UNREADABLE'],
    ] as const) {
      const kube = fake();
      expect(await refusal(kube, extra)).to.equal(code);
      expect(kube.calls, code).to.deep.equal([]);
    }
  });

  it('reconciles a CR through informers, queue and workers, then stops its watches', async () => {
    const kube = fake();
    kube.put(cr(WIDGETS, 'w1', { color: 'red' }));
    running = await start(kube, { expectedDigest: bundle.digest });
    expect(running.digest).to.equal(bundle.digest);
    expect([...running.controllers.keys()].sort()).to.deep.equal(['gadget', 'widget']);
    const config = await poll('w1-config', 5000, async () => kube.objects(CONFIGMAPS).find((o) => o.metadata.name === 'w1-config'));
    expect(config.data).to.deep.equal({ color: 'red' });
    expect(config.metadata.ownerReferences?.[0]).to.include({ kind: 'Widget', name: 'w1' });
    await poll('w1 Ready', 5000, async () => (readyOf(kube.objects(WIDGETS)[0]) === 'True' ? true : undefined));
    // The names index answered the first reconcile's miss: no GET of the child.
    expect(kube.callsOf('get').filter((c) => c.resource === 'configmaps')).to.deep.equal([]);
    // A watch event, not a resync (10 m by default), carries a later change.
    kube.put({ ...kube.objects(WIDGETS)[0]!, spec: { color: 'blue' } });
    await poll('w1-config updated', 5000, async () => ((kube.objects(CONFIGMAPS).find((o) => o.metadata.name === 'w1-config')?.data as { color?: string })?.color === 'blue' ? true : undefined));
    expect(kube.openWatches().length).to.be.greaterThan(0);
    await running.stop();
    running = undefined;
    expect(kube.openWatches()).to.deep.equal([]);
  });

  it('dependsOn healthy: the dependent\'s workers wait while a dependency CR is not Ready', async () => {
    const kube = fake();
    kube.put(cr(WIDGETS, 'w1', { color: 'black' }));
    kube.put(cr(GADGETS, 'g1', { widget: 'w1' }));
    running = await start(kube);
    expect(running.controllers.get('widget')!.status).to.equal('started');
    expect(running.controllers.get('gadget')!.status).to.equal('waiting');
    await poll('w1 Ready=False', 5000, async () => (readyOf(kube.objects(WIDGETS)[0]) === 'False' ? true : undefined));
    await new Promise((r) => setTimeout(r, 1200)); // two dependency polls
    expect(running.controllers.get('gadget')!.status).to.equal('waiting');
    expect(kube.objects(CONFIGMAPS).map((o) => o.metadata.name)).to.deep.equal([]);

    kube.put({ ...kube.objects(WIDGETS)[0]!, spec: { color: 'green' } });
    await poll('g1-gadget', 5000, async () => kube.objects(CONFIGMAPS).find((o) => o.metadata.name === 'g1-gadget'));
    expect(running.controllers.get('gadget')!.status).to.equal('started');
  });

  it('a CR kind the cluster does not serve: CRD_NOT_FOUND, and nothing is left running', async () => {
    const kube = new AllowingKube([WIDGETS, CONFIGMAPS, EVENTS]);
    expect(await refusal(kube, {})).to.equal('CRD_NOT_FOUND');
    expect(kube.openWatches()).to.deep.equal([]);
    expect(kube.writeCount()).to.equal(0);
  });
});

describe('controller/crd/cache-reader', () => {
  const crd = 'website';
  const ours = (name: string, owner: string, extra: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name, namespace: 'ns', labels: { 'orkestra.orkspace.io/managed': 'true', 'orkestra-owner': owner, 'orkestra.orkspace.io/crd': crd, ...extra } },
  });
  const owner = (name: string, namespace = 'ns'): KubeObject => ({ apiVersion: `${GROUP}/v1`, kind: 'Widget', metadata: { name, namespace } });

  /** `names`: with a metadata-only names index ('synced'), one never started ('unsynced'), or none. */
  async function setup(seed: KubeObject[], names: 'synced' | 'unsynced' | 'none' = 'none') {
    const kube = new FakeKube([WIDGETS, CONFIGMAPS]);
    for (const o of seed) kube.put(o);
    const reader = new CacheReader(kube);
    const crs = new Informer({ client: kube, resource: WIDGETS, clock: realClock });
    const children = new Informer({ client: kube, resource: CONFIGMAPS, clock: realClock, labelSelector: 'orkestra.orkspace.io/managed=true' });
    const index = new Informer({ client: kube, resource: CONFIGMAPS, clock: realClock, metadataOnly: true });
    reader.watchCrs(`${GROUP}/v1`, 'Widget', crs);
    reader.watchChildren('v1', 'ConfigMap', children, names === 'none' ? undefined : index);
    const started = names === 'synced' ? [crs, children, index] : [crs, children];
    for (const i of started) i.start();
    for (const i of started) await i.waitForSync();
    return { kube, reader, index, stop: () => Promise.all([crs.stop(), children.stop(), index.stop()]) };
  }

  it('indexes children by owner and follows adds, relabels and deletes', async () => {
    const { kube, reader, stop } = await setup([ours('a-config', 'a'), ours('a-svc', 'a'), ours('b-config', 'b')]);
    try {
      const names = (o: string) => reader.listOwned(crd, owner(o)).map((c) => c.metadata.name).sort();
      expect(names('a')).to.deep.equal(['a-config', 'a-svc']);
      expect(names('b')).to.deep.equal(['b-config']);
      expect(reader.listOwned('other-crd', owner('a'))).to.deep.equal([]);
      kube.put(ours('a-svc', 'b'));
      kube.put(ours('c-config', 'c'));
      kube.remove(CONFIGMAPS, 'ns', 'a-config');
      await poll('the cache to follow', 2000, async () => (names('c').length === 1 ? true : undefined));
      expect(names('a')).to.deep.equal([]);
      expect(names('b')).to.deep.equal(['a-svc', 'b-config']);
      // A cluster-scoped owner's children may sit in any namespace.
      expect(reader.listOwned(crd, { apiVersion: `${GROUP}/v1`, kind: 'Widget', metadata: { name: 'c' } }).map((c) => c.metadata.name)).to.deep.equal(['c-config']);
      // List items carry no apiVersion/kind; the reader adds them (plans compare them).
      expect(reader.listOwned(crd, owner('b')).every((c) => c.apiVersion === 'v1' && c.kind === 'ConfigMap')).to.equal(true);
    } finally {
      await stop();
    }
  });

  it('a CR cache miss is an answer; a child cache miss asks the API server once (an unowned object of that name)', async () => {
    const unowned: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x-config', namespace: 'ns' }, data: { mine: 'yes' } };
    const { kube, reader, stop } = await setup([{ ...owner('w1'), spec: {} }, ours('w1-config', 'w1'), unowned]);
    try {
      const gets = () => kube.callsOf('get').length;
      expect((await reader.get(`${GROUP}/v1`, 'Widget', 'ns', 'w1'))?.metadata.name).to.equal('w1');
      expect(await reader.get(`${GROUP}/v1`, 'Widget', 'ns', 'gone')).to.equal(undefined);
      expect((await reader.get('v1', 'ConfigMap', 'ns', 'w1-config'))?.metadata.name).to.equal('w1-config');
      expect(gets()).to.equal(0);
      const live = await reader.get('v1', 'ConfigMap', 'ns', 'x-config');
      expect(live).to.deep.include({ apiVersion: 'v1', kind: 'ConfigMap', data: { mine: 'yes' } });
      expect(await reader.get('v1', 'ConfigMap', 'ns', 'nothing')).to.equal(undefined);
      expect(gets()).to.equal(2);
    } finally {
      await stop();
    }
  });

  it('with a synced names index: a name in neither cache is absent without a request; an unlabelled object is read whole', async () => {
    const unowned: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x-config', namespace: 'ns' }, data: { mine: 'yes' } };
    const { kube, reader, index, stop } = await setup([ours('w1-config', 'w1'), unowned], 'synced');
    try {
      const gets = () => kube.callsOf('get').map((c) => c.name);
      // The index holds metadata only, of every ConfigMap.
      expect(index.get('ns/x-config')).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: index.get('ns/x-config')!.metadata });
      expect(await reader.get('v1', 'ConfigMap', 'ns', 'nothing')).to.equal(undefined);
      expect(await reader.get('v1', 'ConfigMap', 'other-ns', 'x-config')).to.equal(undefined);
      expect((await reader.get('v1', 'ConfigMap', 'ns', 'w1-config'))?.metadata.name).to.equal('w1-config');
      expect(gets()).to.deep.equal([]);
      // Present but not ours by labels (foreign, or labels stripped by hand): the plan needs it whole.
      expect(await reader.get('v1', 'ConfigMap', 'ns', 'x-config')).to.deep.include({ data: { mine: 'yes' } });
      expect(gets()).to.deep.equal(['x-config']);
      // The index follows the watch: created later, then deleted.
      kube.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'ns' } });
      await poll('the index to see it', 2000, async () => index.get('ns/late'));
      expect((await reader.get('v1', 'ConfigMap', 'ns', 'late'))?.metadata.name).to.equal('late');
      kube.remove(CONFIGMAPS, 'ns', 'late');
      await poll('the index to drop it', 2000, async () => (index.get('ns/late') ? undefined : true));
      expect(await reader.get('v1', 'ConfigMap', 'ns', 'late')).to.equal(undefined);
      expect(gets()).to.deep.equal(['x-config', 'late']);
    } finally {
      await stop();
    }
  });

  it('a names index that has not synced is not an answer: a miss still asks the API server', async () => {
    const { kube, reader, stop } = await setup([ours('w1-config', 'w1')], 'unsynced');
    try {
      expect(await reader.get('v1', 'ConfigMap', 'ns', 'nothing')).to.equal(undefined);
      expect(kube.callsOf('get').map((c) => c.name)).to.deep.equal(['nothing']);
    } finally {
      await stop();
    }
  });
});

describe('controller/dependencies: unmetDependencies', () => {
  const view = (started: string[], healthy: string[]) => ({ started: (n: string) => started.includes(n), healthy: (n: string) => healthy.includes(n) });
  const cases: [string, Record<string, 'started' | 'healthy'> | undefined, ReturnType<typeof view>, string[]][] = [
    ['no dependsOn', undefined, view([], []), []],
    ['started, met', { db: 'started' }, view(['db'], []), []],
    ['started, unmet', { db: 'started' }, view([], []), ['db (started)']],
    ['healthy needs health, not just started', { db: 'healthy' }, view(['db'], []), ['db (healthy)']],
    ['healthy, met', { db: 'healthy' }, view(['db'], ['db']), []],
    ['several: only the unmet are named', { db: 'healthy', cache: 'started', queue: 'started' }, view(['db', 'queue'], []), ['db (healthy)', 'cache (started)']],
  ];
  for (const [name, dependsOn, v, unmet] of cases) {
    it(name, () => expect(unmetDependencies(dependsOn, v)).to.deep.equal(unmet));
  }
});

describe('controller/crd-controller: resyncMsOf', () => {
  const target = (resync?: string): CrdTarget => ({
    name: 'w', apiTypes: { group: GROUP, version: 'v1', kind: 'Widget', plural: 'widgets' },
    entry: resync ? { operatorBox: { reconciler: { resync } } } : {},
  });
  for (const [resync, ms] of [[undefined, 600_000], ['2s', 2000], ['500ms', 500], ['1h', 3_600_000]] as const) {
    it(`${resync ?? 'default'} → ${ms} ms`, () => expect(resyncMsOf(target(resync))).to.equal(ms));
  }
});
