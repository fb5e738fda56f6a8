import { expect } from 'chai';
import { FakeClock, settle } from '../../../controller/engine/fake-clock.js';
import { Informer, type InformerOptions } from '../../../controller/engine/informer.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import { KubeError } from '../../../shared/kube/index.js';
import { CONFIGMAPS, FakeKube } from '../../support/fake-kube.js';

function cm(namespace: string, name: string, data: Record<string, string> = {}, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(labels ? { labels } : {}) }, data };
}

function setup(options: Partial<InformerOptions> = {}) {
  const fake = new FakeKube();
  const clock = new FakeClock();
  const events: string[] = [];
  const errors: Array<{ err: unknown; phase: string; retryInMs?: number }> = [];
  const informer = new Informer({
    client: fake,
    resource: CONFIGMAPS,
    clock,
    random: () => 0,
    onError: (err, ctx) => errors.push({ err, ...ctx }),
    ...options,
  });
  const describe = (o: KubeObject): string => `${o.metadata.namespace}/${o.metadata.name}@${o.metadata.resourceVersion}`;
  informer.addHandlers({
    add: (o) => events.push(`add ${describe(o)}`),
    update: (a, b) => events.push(a === b ? `resync ${describe(b)}` : `update ${describe(a)}->${describe(b)}`),
    delete: (o) => events.push(`delete ${describe(o)}`),
  });
  return { fake, clock, informer, events, errors };
}

async function started(options: Partial<InformerOptions> = {}, seed: KubeObject[] = []) {
  const ctx = setup(options);
  for (const o of seed) ctx.fake.put(o);
  ctx.informer.start();
  expect(await ctx.informer.waitForSync()).to.equal(true);
  const watch = await ctx.fake.nextWatch();
  return { ...ctx, watch };
}

describe('controller/engine/informer', () => {
  it('lists, fills the cache, emits an add per object, then watches from the list resourceVersion', async () => {
    const { informer, events, fake, watch } = await started({}, [cm('ns', 'a'), cm('ns', 'b'), cm('other', 'c')]);
    expect(events).to.deep.equal(['add ns/a@101', 'add ns/b@102', 'add other/c@103']);
    expect(informer.hasSynced()).to.equal(true);
    expect(informer.list().map((o) => o.metadata.name)).to.deep.equal(['a', 'b', 'c']);
    expect(informer.get('ns/b')?.metadata.resourceVersion).to.equal('102');
    expect(informer.get('ns/zzz')).to.equal(undefined);
    expect(watch.options).to.deep.include({ resourceVersion: '103', allowWatchBookmarks: true, timeoutSeconds: 300 });
    expect(fake.callsOf('list')).to.have.length(1);
    await informer.stop();
  });

  it('is not synced before the first list answers', async () => {
    const { informer, fake } = setup();
    let release!: () => void;
    fake.listGate = new Promise((r) => (release = r));
    informer.start();
    await settle();
    expect(informer.hasSynced()).to.equal(false);
    release();
    expect(await informer.waitForSync()).to.equal(true);
    await informer.stop();
  });

  it('passes namespace and label selector to list and watch', async () => {
    const { fake, watch, informer, events } = await started({ namespace: 'ns', labelSelector: 'app=web' }, [
      cm('ns', 'a', {}, { app: 'web' }), cm('ns', 'b', {}, { app: 'db' }), cm('other', 'c', {}, { app: 'web' }),
    ]);
    expect(events).to.deep.equal(['add ns/a@101']);
    expect(fake.callsOf('list')[0]!.options).to.deep.include({ namespace: 'ns', labelSelector: 'app=web' });
    expect(watch.options).to.deep.include({ namespace: 'ns', labelSelector: 'app=web' });
    await informer.stop();
  });

  it('passes a field selector to list and watch', async () => {
    const { fake, watch, informer, events } = await started({ fieldSelector: 'metadata.name=a' }, [cm('ns', 'a'), cm('ns', 'b')]);
    expect(events).to.deep.equal(['add ns/a@101']);
    expect(fake.callsOf('list')[0]!.options).to.deep.include({ fieldSelector: 'metadata.name=a' });
    expect(watch.options).to.deep.include({ fieldSelector: 'metadata.name=a' });
    await informer.stop();
  });

  it('metadataOnly: asks list and watch for metadata only; the cache holds what they return', async () => {
    const { fake, watch, informer } = await started({ metadataOnly: true }, [cm('ns', 'a', { big: 'x' }, { app: 'web' })]);
    expect(fake.callsOf('list')[0]!.options).to.deep.include({ metadataOnly: true });
    expect(watch.options).to.deep.include({ metadataOnly: true });
    expect(Object.keys(informer.get('ns/a')!)).to.deep.equal(['apiVersion', 'kind', 'metadata']);
    fake.put(cm('ns', 'b', { big: 'y' }));
    await settle();
    expect(informer.get('ns/b')).to.deep.include({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(informer.get('ns/b')).to.not.have.property('data');
    expect(informer.resource).to.equal(CONFIGMAPS);
    await informer.stop();
    // Without the option, nothing asks for metadata only (and objects stay whole).
    const whole = await started({}, [cm('ns', 'a', { big: 'x' })]);
    expect(whole.fake.callsOf('list')[0]!.options).to.not.have.property('metadataOnly');
    expect(whole.watch.options).to.not.have.property('metadataOnly');
    expect(whole.informer.get('ns/a')!.data).to.deep.equal({ big: 'x' });
    await whole.informer.stop();
  });

  it('applies watch events to the cache and fires handlers in order', async () => {
    const { fake, informer, events } = await started({}, [cm('ns', 'a', { v: '1' })]);
    events.length = 0;
    fake.put(cm('ns', 'a', { v: '2' }));
    fake.put(cm('ns', 'b'));
    fake.remove(CONFIGMAPS, 'ns', 'a');
    expect(events).to.deep.equal(['update ns/a@101->ns/a@102', 'add ns/b@103', 'delete ns/a@104']);
    expect(informer.list().map((o) => o.metadata.name)).to.deep.equal(['b']);
    expect(informer.lastResourceVersion()).to.equal('104');
    await informer.stop();
  });

  it('handlers see the cache already updated', async () => {
    const { fake, informer } = await started({}, [cm('ns', 'a', { v: '1' })]);
    const seen: unknown[] = [];
    informer.addHandlers({ update: (_o, n) => seen.push(informer.get('ns/a') === n) });
    fake.put(cm('ns', 'a', { v: '2' }));
    expect(seen).to.deep.equal([true]);
    await informer.stop();
  });

  it('treats ADDED of a cached object as an update and MODIFIED of an unknown one as an add', async () => {
    const { watch, informer, events } = await started({}, [cm('ns', 'a')]);
    events.length = 0;
    watch.send({ type: 'ADDED', object: { ...cm('ns', 'a'), metadata: { name: 'a', namespace: 'ns', resourceVersion: '200' } } });
    watch.send({ type: 'MODIFIED', object: { ...cm('ns', 'n'), metadata: { name: 'n', namespace: 'ns', resourceVersion: '201' } } });
    expect(events).to.deep.equal(['update ns/a@101->ns/a@200', 'add ns/n@201']);
    await informer.stop();
  });

  it('a BOOKMARK moves the resourceVersion and fires nothing', async () => {
    const { watch, informer, events } = await started({}, [cm('ns', 'a')]);
    events.length = 0;
    watch.send({ type: 'BOOKMARK', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '', resourceVersion: '5000' } } });
    expect(informer.lastResourceVersion()).to.equal('5000');
    expect(events).to.deep.equal([]);
    expect(informer.list()).to.have.length(1);
    await informer.stop();
  });

  it('when the server ends the stream, re-watches from the last resourceVersion without relisting', async () => {
    const { fake, watch, informer, events } = await started({}, [cm('ns', 'a')]);
    watch.send({ type: 'BOOKMARK', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '', resourceVersion: '150' } } });
    watch.end();
    const second = await fake.nextWatch();
    expect(second.options.resourceVersion).to.equal('150');
    expect(fake.callsOf('list')).to.have.length(1);
    fake.put(cm('ns', 'b'));
    expect(events.at(-1)).to.equal('add ns/b@102');
    await informer.stop();
  });

  it('a watch that ends at once without events backs off instead of spinning', async () => {
    const { fake, clock, watch, informer, errors } = await started({}, [cm('ns', 'a')]);
    watch.end();
    await settle();
    expect(fake.callsOf('watch')).to.have.length(1);
    expect(clock.pendingDelays()).to.deep.equal([1000]);
    expect(errors.map((e) => e.retryInMs)).to.deep.equal([1000]);
    await clock.advance(1000);
    expect(fake.callsOf('watch')).to.have.length(2);
    await informer.stop();
  });

  it('ERROR 410 on the watch relists at once; unchanged objects fire nothing', async () => {
    const { fake, watch, informer, events, errors } = await started({}, [cm('ns', 'a'), cm('ns', 'b')]);
    events.length = 0;
    watch.send({ type: 'BOOKMARK', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '', resourceVersion: '102' } } });
    watch.send({ type: 'ERROR', status: { code: 410, reason: 'Expired', message: 'too old resource version' } });
    const next = await fake.nextWatch();
    expect(fake.callsOf('list')).to.have.length(2);
    expect(events).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    expect(watch.signal.aborted).to.equal(true);
    expect(next.options.resourceVersion).to.equal('102');
    await informer.stop();
  });

  it('a watch expired right after a fresh list backs off between relists instead of looping', async () => {
    const { fake, clock, informer, errors } = setup();
    fake.put(cm('ns', 'a'));
    informer.start();
    const delays: number[] = [];
    for (let round = 0; round < 3; round++) {
      const w = await fake.nextWatch();
      w.send({ type: 'ERROR', status: { code: 410, reason: 'Expired', message: 'too old' } });
      await settle();
      expect(fake.callsOf('list')).to.have.length(round + 1);
      delays.push(clock.pendingDelays()[0]!);
      await clock.advance(delays.at(-1)!);
    }
    expect(delays).to.deep.equal([1000, 2000, 4000]);
    expect(errors.map((e) => (e.err as KubeError).status)).to.deep.equal([410, 410, 410]);
    await informer.stop();
  });

  it('410 after missed changes: the relist emits update, delete and add for exactly what changed', async () => {
    const { fake, clock, watch, informer, events } = await started({}, [cm('ns', 'a'), cm('ns', 'b'), cm('ns', 'c')]);
    events.length = 0;
    watch.fail(); // connection drops; the informer sleeps 1 s before re-watching
    await settle();
    fake.put(cm('ns', 'b', { changed: 'yes' }));
    fake.remove(CONFIGMAPS, 'ns', 'c');
    fake.put(cm('ns', 'd'));
    fake.compact(); // the server no longer has the history since rv 103
    await clock.advance(1000);
    const gone = await fake.nextWatch();
    expect(gone.closed).to.equal(true);
    const after = await fake.nextWatch();
    expect(fake.callsOf('watch').map((c) => (c.options as { resourceVersion: string }).resourceVersion)).to.deep.equal(['103', '103', '106']);
    expect(events).to.deep.equal(['update ns/b@102->ns/b@104', 'add ns/d@106', 'delete ns/c@103']);
    expect(informer.list().map((o) => o.metadata.name).sort()).to.deep.equal(['a', 'b', 'd']);
    expect(after.options.resourceVersion).to.equal('106');
    await informer.stop();
  });

  it('a missed-history replay (no compaction) re-watches and applies the missed events without relisting', async () => {
    const { fake, clock, watch, informer, events } = await started({}, [cm('ns', 'a')]);
    events.length = 0;
    watch.fail();
    await settle();
    fake.put(cm('ns', 'a', { v: '2' }));
    await clock.advance(1000);
    await fake.nextWatch();
    expect(events).to.deep.equal(['update ns/a@101->ns/a@102']);
    expect(fake.callsOf('list')).to.have.length(1);
    await informer.stop();
  });

  it('KubeError 410 from the watch call relists at once', async () => {
    const { fake, watch, informer, clock } = await started({}, [cm('ns', 'a')]);
    fake.failNext('watch', new KubeError(410, 'Gone', 'gone'));
    watch.end(); // 0 events, 0 ms → counts as a failure: 1 s backoff
    await clock.advance(1000);
    await fake.nextWatch();
    expect(fake.callsOf('list')).to.have.length(2);
    expect(fake.callsOf('watch')).to.have.length(3);
    await informer.stop();
  });

  it('network errors, 5xx and 403 restart with backoff 1 s, 2 s, 4 s … capped at 30 s — never stopping', async () => {
    const { fake, clock, watch, informer, errors } = await started({}, [cm('ns', 'a')]);
    const failures = [
      new KubeError(0, 'ConnectionFailed', 'refused'),
      new KubeError(503, 'ServiceUnavailable', 'x'),
      new KubeError(403, 'Forbidden', 'x'),
      ...Array.from({ length: 5 }, () => new KubeError(500, 'InternalError', 'x')),
    ];
    for (const f of failures) fake.failNext('watch', f);
    watch.fail();
    const delays: number[] = [];
    for (let i = 0; i <= failures.length; i++) {
      await settle();
      const pending = clock.pendingDelays();
      expect(pending).to.have.length(1);
      delays.push(pending[0]!);
      await clock.advance(pending[0]!);
    }
    expect(delays).to.deep.equal([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
    expect(errors.every((e) => e.phase === 'watch')).to.equal(true);
    expect(errors.map((e) => e.retryInMs)).to.deep.equal(delays);
    const live = await fake.nextWatch();
    expect(live.closed).to.equal(false);
    expect(fake.callsOf('list')).to.have.length(1);
    await informer.stop();
  });

  it('the backoff resets once a watch delivers events again', async () => {
    const { fake, clock, watch, informer } = await started({}, [cm('ns', 'a')]);
    fake.failNext('watch', new KubeError(0, 'ConnectionFailed', 'x'), 2);
    watch.fail();
    await clock.advance(1000 + 2000 + 4000);
    const healthy = await fake.nextWatch();
    fake.put(cm('ns', 'b'));
    healthy.fail();
    await settle();
    expect(clock.pendingDelays()).to.deep.equal([1000]);
    await informer.stop();
  });

  it('a failing list is retried with backoff until it succeeds', async () => {
    const { fake, clock, informer, errors } = setup();
    fake.put(cm('ns', 'a'));
    fake.failNext('list', new KubeError(500, 'InternalError', 'etcd'), 2);
    informer.start();
    await settle();
    expect(informer.hasSynced()).to.equal(false);
    await clock.advance(1000);
    expect(informer.hasSynced()).to.equal(false);
    await clock.advance(2000);
    expect(informer.hasSynced()).to.equal(true);
    expect(errors.map((e) => [e.phase, e.retryInMs])).to.deep.equal([['list', 1000], ['list', 2000]]);
    await informer.stop();
  });

  it('an ERROR event other than 410 restarts the watch with backoff from the same resourceVersion', async () => {
    const { fake, clock, watch, informer, errors } = await started({}, [cm('ns', 'a')]);
    watch.send({ type: 'ERROR', status: { code: 500, reason: 'InternalError', message: 'etcd hiccup' } });
    await settle();
    expect((errors[0]!.err as KubeError).status).to.equal(500);
    await clock.advance(1000);
    const next = await fake.nextWatch();
    expect(next.options.resourceVersion).to.equal('101');
    expect(fake.callsOf('list')).to.have.length(1);
    await informer.stop();
  });

  it('a watch the server never ends is abandoned after its timeout plus grace, and re-opened', async () => {
    const { fake, clock, watch, informer } = await started({ watchTimeoutSeconds: 60 }, [cm('ns', 'a')]);
    await clock.advance(60_000 + 30_000 - 1);
    expect(watch.closed).to.equal(false);
    await clock.advance(1);
    expect(watch.signal.aborted).to.equal(true);
    const next = await fake.nextWatch();
    expect(next.options.resourceVersion).to.equal('101');
    await informer.stop();
  });

  it('resyncs every resyncMs with update(obj, obj) for each cached object', async () => {
    const { clock, informer, events } = await started({ resyncMs: 60_000 }, [cm('ns', 'a'), cm('ns', 'b')]);
    events.length = 0;
    await clock.advance(59_999);
    expect(events).to.deep.equal([]);
    await clock.advance(1);
    expect(events).to.deep.equal(['resync ns/a@101', 'resync ns/b@102']);
    await clock.advance(60_000);
    expect(events).to.have.length(4);
    await informer.stop();
  });

  it('stop() during an open watch aborts it and leaves no timer', async () => {
    const { clock, watch, informer, fake } = await started({ resyncMs: 60_000 }, [cm('ns', 'a')]);
    await informer.stop();
    expect(watch.signal.aborted).to.equal(true);
    expect(watch.closed).to.equal(true);
    expect(clock.pendingTimers()).to.equal(0);
    expect(fake.openWatches()).to.have.length(0);
    await clock.advance(10 * 60_000);
    expect(fake.callsOf('watch')).to.have.length(1);
  });

  it('stop() during a backoff sleep ends it at once', async () => {
    const { clock, watch, informer, fake } = await started({}, [cm('ns', 'a')]);
    fake.failNext('watch', new KubeError(0, 'ConnectionFailed', 'x'), 10);
    watch.fail();
    await clock.advance(3000);
    expect(clock.pendingTimers()).to.equal(1);
    await informer.stop();
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('stop() during a hanging list returns, and the late answer is ignored', async () => {
    const { fake, clock, informer, events } = setup();
    fake.put(cm('ns', 'a'));
    let release!: () => void;
    fake.listGate = new Promise((r) => (release = r));
    informer.start();
    const synced = informer.waitForSync();
    await settle();
    await informer.stop();
    expect(await synced).to.equal(false);
    release();
    await settle();
    expect(events).to.deep.equal([]);
    expect(informer.hasSynced()).to.equal(false);
    expect(fake.callsOf('watch')).to.have.length(0);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('waitForSync resolves false when its signal aborts', async () => {
    const { fake, informer } = setup();
    fake.listGate = new Promise(() => undefined);
    informer.start();
    const ac = new AbortController();
    const waiting = informer.waitForSync(ac.signal);
    ac.abort();
    expect(await waiting).to.equal(false);
    await informer.stop();
  });

  it('strips metadata.managedFields by default; transform: null keeps objects whole; a custom transform applies to events too', async () => {
    const withFields = (name: string): KubeObject => ({ ...cm('ns', name), metadata: { name, namespace: 'ns', managedFields: [{ manager: 'kubectl' }] } });
    const stripped = await started({}, [withFields('a')]);
    expect(stripped.informer.get('ns/a')!.metadata).to.not.have.property('managedFields');
    stripped.fake.put(withFields('b'));
    expect(stripped.informer.get('ns/b')!.metadata).to.not.have.property('managedFields');
    await stripped.informer.stop();

    const whole = await started({ transform: null }, [withFields('a')]);
    expect(whole.informer.get('ns/a')!.metadata.managedFields).to.deep.equal([{ manager: 'kubectl' }]);
    await whole.informer.stop();

    const custom = await started({ transform: (o) => ({ ...o, data: undefined }) }, [cm('ns', 'a', { big: 'x' })]);
    custom.fake.put(cm('ns', 'b', { big: 'y' }));
    expect(custom.informer.list().map((o) => o.data)).to.deep.equal([undefined, undefined]);
    await custom.informer.stop();
  });

  it('a throwing handler is reported and does not stop other handlers or the cache', async () => {
    const { fake, informer, events, errors } = await started({}, [cm('ns', 'a')]);
    informer.addHandlers({ add: () => { throw new Error('handler bug'); } });
    events.length = 0;
    fake.put(cm('ns', 'b'));
    expect(events).to.deep.equal(['add ns/b@102']);
    expect(informer.get('ns/b')).to.not.equal(undefined);
    expect(errors.filter((e) => e.phase === 'handler')).to.have.length(2);
    await informer.stop();
  });

  it('handlers added after the sync first get an add for every cached object; removed handlers get nothing', async () => {
    const { fake, informer } = await started({}, [cm('ns', 'a'), cm('ns', 'b')]);
    const late: string[] = [];
    const remove = informer.addHandlers({ add: (o) => late.push(o.metadata.name) });
    expect(late).to.deep.equal(['a', 'b']);
    remove();
    fake.put(cm('ns', 'c'));
    expect(late).to.deep.equal(['a', 'b']);
    await informer.stop();
  });

  it('start twice opens one watch', async () => {
    const { fake, informer } = await started({}, [cm('ns', 'a')]);
    informer.start();
    await settle();
    expect(fake.callsOf('list')).to.have.length(1);
    expect(fake.callsOf('watch')).to.have.length(1);
    await informer.stop();
  });
});
