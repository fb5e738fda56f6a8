// The in-memory KubeClient the engine tests rely on: if it drifted from API-server behaviour the
// informer tests would prove nothing.
import { expect } from 'chai';
import { settle } from '../../../controller/engine/fake-clock.js';
import type { KubeObject, WatchEvent } from '../../../shared/kube/index.js';
import { isKubeError, KubeError } from '../../../shared/kube/index.js';
import { CONFIGMAPS, FakeKube, matchesSelector, mergePatch } from '../../support/fake-kube.js';

const cm = (name: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', ...(labels ? { labels } : {}) }, data: {},
});

describe('test/support/fake-kube', () => {
  it('create assigns resourceVersion, uid and generation; a second create is 409', async () => {
    const fake = new FakeKube();
    const made = await fake.create(cm('a'));
    expect(made.metadata).to.deep.include({ resourceVersion: '101', uid: 'uid-1', generation: 1 });
    const err = await fake.create(cm('a')).catch((e: unknown) => e);
    expect(isKubeError(err, 409)).to.equal(true);
  });

  it('a watch replays events after its resourceVersion, then streams live writes', async () => {
    const fake = new FakeKube();
    await fake.create(cm('a'));
    await fake.create(cm('b'));
    const got: WatchEvent[] = [];
    const ac = new AbortController();
    const done = fake.watch(CONFIGMAPS, { resourceVersion: '101' }, (e) => got.push(e), ac.signal);
    await settle();
    await fake.patch(CONFIGMAPS, 'ns', 'b', { data: { k: 'v' } }, 'merge');
    await fake.delete(CONFIGMAPS, 'ns', 'a');
    expect(got.map((e) => `${e.type} ${e.type === 'ERROR' ? '' : e.object.metadata.name}`)).to.deep.equal(['ADDED b', 'MODIFIED b', 'DELETED a']);
    ac.abort();
    await done;
  });

  it('after compaction a watch from an older resourceVersion gets ERROR 410 and ends', async () => {
    const fake = new FakeKube();
    await fake.create(cm('a'));
    fake.compact();
    const got: WatchEvent[] = [];
    await fake.watch(CONFIGMAPS, { resourceVersion: '100' }, (e) => got.push(e), new AbortController().signal);
    expect(got).to.deep.equal([{ type: 'ERROR', status: { code: 410, reason: 'Expired', message: 'too old resource version: 100' } }]);
  });

  it('watches and lists honour namespace and label selectors', async () => {
    expect(matchesSelector(cm('a', { app: 'web', tier: 'x' }), 'app=web,tier')).to.equal(true);
    expect(matchesSelector(cm('a', { app: 'web' }), 'app!=web')).to.equal(false);
    expect(matchesSelector(cm('a', { app: 'web' }), '!tier,app==web')).to.equal(true);
    const fake = new FakeKube();
    await fake.create(cm('a', { app: 'web' }));
    await fake.create(cm('b', { app: 'db' }));
    expect((await fake.list(CONFIGMAPS, { labelSelector: 'app=db' })).items.map((o) => o.metadata.name)).to.deep.equal(['b']);
    expect((await fake.list(CONFIGMAPS, { namespace: 'other' })).items).to.deep.equal([]);
  });

  it('delete of an object with finalizers only marks it; removing the last finalizer deletes it', async () => {
    const fake = new FakeKube();
    await fake.create({ ...cm('a'), metadata: { name: 'a', namespace: 'ns', finalizers: ['x/y'] } });
    await fake.delete(CONFIGMAPS, 'ns', 'a');
    const marked = await fake.get(CONFIGMAPS, 'ns', 'a');
    expect(marked?.metadata.deletionTimestamp).to.be.a('string');
    await fake.patch(CONFIGMAPS, 'ns', 'a', { metadata: { finalizers: null } }, 'merge');
    expect(await fake.get(CONFIGMAPS, 'ns', 'a')).to.equal(undefined);
  });

  it('scripted failures hit the next calls of that operation only', async () => {
    const fake = new FakeKube();
    fake.failNext('list', new KubeError(500, 'InternalError', 'x'), 2);
    for (let i = 0; i < 2; i++) expect(isKubeError(await fake.list(CONFIGMAPS).catch((e: unknown) => e), 500)).to.equal(true);
    expect((await fake.list(CONFIGMAPS)).items).to.deep.equal([]);
  });

  it('merge patch follows RFC 7386', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { b: { c: null, x: 1 }, e: [2], f: 'n' })).to.deep.equal({ a: 1, b: { d: 3, x: 1 }, e: [2], f: 'n' });
  });

  it('apply keeps status, bumps generation only on spec change, and counts as a write', async () => {
    const fake = new FakeKube([{ group: 'example.com', version: 'v1', resource: 'websites', kind: 'Website', namespaced: true }]);
    const w = (spec: unknown): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Website', metadata: { name: 's', namespace: 'ns' }, spec });
    await fake.apply(w({ n: 1 }), { fieldManager: 'orkestra' });
    await fake.applyStatus({ ...w(undefined), status: { ok: true } }, { fieldManager: 'orkestra' });
    const same = await fake.apply(w({ n: 1 }), { fieldManager: 'orkestra' });
    expect(same.metadata.generation).to.equal(1);
    expect(same.status).to.deep.equal({ ok: true });
    const changed = await fake.apply(w({ n: 2 }), { fieldManager: 'orkestra' });
    expect(changed.metadata.generation).to.equal(2);
    expect(fake.writeCount()).to.equal(4);
  });
});
