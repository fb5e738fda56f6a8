// The entry-level runtime switches end to end, the whole controller against the real API server:
// labelSelector + fieldSelector (only matching CRs are listed, watched and reconciled; a CR that
// starts to match is picked up), ignoreStatusPatch (children applied, no status ever written,
// a failure told by a Warning Event), ignoreObservedGeneration, removeFinalizers (the runtime's
// finalizers stripped, none added: the CR goes at once), operatorBox when/or (held with
// Ready=False, no child touched), rollBackOnError (the last good spec's children come back after
// repeated failures) and per-object requeue (a CR whose only news comes through a
// `cross` read, which queues nothing, follows it within `after`).
import { expect } from 'chai';
import { newTestNamespace } from '../../support/cluster.js';
import { poll, readyOf, sleep } from './world.js';
import { cm, useFixtureWorld } from './world-api.js';

describe('controller end to end: runtime switches (real API server)', function () {
  this.timeout(60_000);
  const { world, get, status, create, events, measured } = useFixtureWorld('switches');
  const client = () => world().cluster.client;
  const data = (ns: string, name: string) => poll(`ConfigMap ${ns}/${name}`, 20_000, async () => ((await status(cm(ns, name))) === 200 ? (await get(cm(ns, name))).data : undefined));
  const writesIn = (ns: string) => world().writes.filter((w) => w.target.includes(` ${ns}/`) || w.target.includes(`/namespaces/${ns}/`));

  it('labelSelector + fieldSelector: only CRs matching both are reconciled; one that comes to match is picked up', async () => {
    const ns = await newTestNamespace('e2e-pick');
    const elsewhere = await newTestNamespace('e2e-pick-other');
    await create('picks', 'Pick', ns, 'chosen', {}, { labels: { tier: 'gold' } });
    await create('picks', 'Pick', ns, 'other', {}, { labels: { tier: 'gold' } }); // fieldSelector: name is not `chosen`
    await create('picks', 'Pick', elsewhere, 'chosen', {}, { labels: { tier: 'silver' } }); // labelSelector: not gold
    expect(await data(ns, 'chosen-picked')).to.deep.equal({ tier: 'gold' });
    expect(readyOf(await poll('chosen Ready', 10_000, async () => (readyOf(await get(world().crPath('picks', ns, 'chosen'))) ? get(world().crPath('picks', ns, 'chosen')) : undefined)))?.status).to.equal('True');
    await sleep(3000); // a resync (2s) passes: the others are not even in the cache
    for (const [where, name] of [[ns, 'other'], [elsewhere, 'chosen']] as const) {
      const cr = await get(world().crPath('picks', where, name));
      expect(cr.status, `${where}/${name} status`).to.equal(undefined);
      expect(cr.metadata.finalizers, `${where}/${name} finalizers`).to.equal(undefined);
      expect(await status(cm(where, `${name}-picked`))).to.equal(404);
      expect(await events(where, name)).to.deep.equal([]);
    }
    expect(writesIn(elsewhere), 'no write in the other namespace').to.deep.equal([]);
    expect(world().writes.filter((w) => w.target.includes(`${ns}/other`))).to.deep.equal([]);

    const t0 = Date.now();
    await client().mergePatch(world().crPath('picks', elsewhere, 'chosen'), { metadata: { labels: { tier: 'gold' } } });
    expect(await data(elsewhere, 'chosen-picked')).to.deep.equal({ tier: 'gold' });
    measured.pickedUpAfterRelabelMs = Date.now() - t0;
  });

  it('labelSelector: a CR that stops matching is let go — its finalizer released with an Event — and can then be deleted', async () => {
    const ns = await newTestNamespace('e2e-unpick');
    const path = world().crPath('picks', ns, 'chosen');
    await create('picks', 'Pick', ns, 'chosen', {}, { labels: { tier: 'gold' } });
    await poll('the cleanup finalizer (onDelete is declared)', 10_000, async () => ((await get(path)).metadata.finalizers?.includes('orkestra.orkspace.io/cleanup') ? true : undefined));
    await client().mergePatch(path, { metadata: { labels: { tier: 'silver' } } });
    await poll('finalizer released', 10_000, async () => ((await get(path)).metadata.finalizers === undefined ? true : undefined));
    expect(await events(ns, 'chosen')).to.include('Normal Deselected: no longer matches the labelSelector/fieldSelector of pick: not reconciled any more; released the runtime\'s finalizers');
    await sleep(2500); // a resync passes: nothing more is written for it
    const after = world().writes.length;
    await sleep(2500);
    expect(world().writes.slice(after).filter((w) => w.target.includes(`${ns}/`))).to.deep.equal([]);
    expect((await get(cm(ns, 'chosen-picked'))).data, 'its children stay').to.deep.equal({ tier: 'gold' });
    await client().request({ method: 'DELETE', path });
    await poll('deleted at once', 5000, async () => ((await status(path)) === 404 ? true : undefined));
  });

  it('ignoreStatusPatch: children are applied, the status is never written; a denied CR gets a Warning Event', async () => {
    const ns = await newTestNamespace('e2e-quiet');
    await create('quiets', 'Quiet', ns, 'q1', { size: 'M' });
    expect(await data(ns, 'q1-quiet')).to.deep.equal({ size: 'M' });
    await create('quiets', 'Quiet', ns, 'q2', { size: 'XL' });
    const denied = await poll('the Warning Event of q2', 10_000, async () => ((await events(ns, 'q2')).length > 0 ? events(ns, 'q2') : undefined));
    expect(denied[0]).to.match(/^Warning ValidationFailed: .*spec\.size must be S, M or L/);
    await client().mergePatch(world().crPath('quiets', ns, 'q1'), { spec: { size: 'L' } });
    expect(await poll('q1 updated', 10_000, async () => ((await get(cm(ns, 'q1-quiet'))).data.size === 'L' ? true : undefined))).to.equal(true);
    await sleep(2500); // a resync passes
    expect((await get(world().crPath('quiets', ns, 'q1'))).status).to.equal(undefined);
    expect((await get(world().crPath('quiets', ns, 'q2'))).status).to.equal(undefined);
    expect(await status(cm(ns, 'q2-quiet'))).to.equal(404);
    expect(writesIn(ns).filter((w) => w.target.endsWith('/status')), 'no status write').to.deep.equal([]);
    expect(await events(ns, 'q1'), 'a healthy CR stays quiet').to.deep.equal([]);
  });

  it('ignoreObservedGeneration: Ready is written without observedGeneration, on the condition and on .status', async () => {
    const ns = await newTestNamespace('e2e-nogen');
    const path = world().crPath('nogens', ns, 'n1');
    await create('nogens', 'NoGen', ns, 'n1', { size: 'S' });
    expect(await data(ns, 'n1-nogen')).to.deep.equal({ size: 'S' });
    await client().mergePatch(path, { spec: { size: 'M' } });
    const cr = await poll('n1 reconciled at generation 2', 10_000, async () => {
      const got = await get(path);
      return readyOf(got)?.status === 'True' && (await get(cm(ns, 'n1-nogen'))).data.size === 'M' ? got : undefined;
    });
    expect(cr.metadata.generation).to.equal(2);
    expect(readyOf(cr)).to.not.have.property('observedGeneration');
    expect(cr.status).to.not.have.property('observedGeneration');
  });

  it('removeFinalizers: the runtime\'s and the entry\'s finalizers are stripped, none added; the CR is deleted at once', async () => {
    const ns = await newTestNamespace('e2e-loose');
    const path = world().crPath('looses', ns, 'l1');
    const finalizers = ['orkestra.orkspace.io/cleanup', `${world().group}/extra`, 'orkestra.orkspace.io/finalizer'];
    await create('looses', 'Loose', ns, 'l1', {}, { finalizers });
    expect(await data(ns, 'l1-loose')).to.deep.equal({ k: 'v' });
    const cr = await poll('finalizers stripped', 10_000, async () => {
      const got = await get(path);
      return (got.metadata.finalizers ?? []).length === 0 && readyOf(got)?.status === 'True' ? got : undefined;
    });
    expect(cr.metadata.finalizers).to.equal(undefined);
    await sleep(2500); // a resync passes: still none (onDelete would otherwise want ours)
    expect((await get(path)).metadata.finalizers).to.equal(undefined);
    await client().request({ method: 'DELETE', path });
    const t0 = Date.now();
    await poll('l1 gone', 5000, async () => ((await status(path)) === 404 ? true : undefined));
    measured.looseDeletedMs = Date.now() - t0;
  });

  it('operatorBox when/or: a CR is reconciled only while they hold; otherwise Ready=False ConditionsNotMet and no child touched', async () => {
    const ns = await newTestNamespace('e2e-box');
    const path = world().crPath('boxes', ns, 'b1');
    const readyIs = (want: string, reason?: string) => poll(`b1 Ready=${want} ${reason ?? ''}`, 10_000, async () => {
      const r = readyOf(await get(path));
      return r?.status === want && (reason === undefined || r.reason === reason) ? r : undefined;
    });
    await create('boxes', 'Box', ns, 'b1', { enabled: 'false', env: 'prod' });
    const held = await readyIs('False', 'ConditionsNotMet');
    expect(held.message).to.equal('not reconciled: the operatorBox conditions (when: spec.enabled equals "true"; or: {{ .spec.env }} equals "prod" or {{ .spec.env }} equals "staging") do not hold');
    // The Event is posted after the status write: wait for it rather than read once.
    const told = await poll('the ConditionsNotMet Event of b1', 10_000, async () => ((await events(ns, 'b1')).length > 0 ? events(ns, 'b1') : undefined));
    expect(told).to.deep.equal([`Warning ConditionsNotMet: ${held.message}`]);
    expect(await status(cm(ns, 'b1-box'))).to.equal(404);
    await client().mergePatch(path, { spec: { enabled: 'true' } });
    await readyIs('True');
    expect(await data(ns, 'b1-box')).to.deep.equal({ env: 'prod' });
    // `or` fails now: the CR is held again, and what it had is left as it is (not pruned, not updated).
    await client().mergePatch(path, { spec: { env: 'dev' } });
    await readyIs('False', 'ConditionsNotMet');
    await sleep(2500); // a resync passes
    expect((await get(cm(ns, 'b1-box'))).data).to.deep.equal({ env: 'prod' });
  });

  it('rollBackOnError: after 2 failed reconciles of a new spec, the children of the last good spec come back until the spec changes', async () => {
    const ns = await newTestNamespace('e2e-rollback');
    const path = world().crPath('steadies', ns, 's1');
    const annotations = async () => (await get(path)).metadata.annotations ?? {};
    await create('steadies', 'Steady', ns, 's1', { port: 8080 });
    expect(await data(ns, 's1-conf')).to.deep.equal({ port: '8080' });
    await poll('the good spec kept', 10_000, async () => ((await annotations())['orkestra.orkspace.io/last-good-spec'] === '{"generation":1,"spec":{"port":8080}}' ? true : undefined));
    // Port 70000: the ConfigMap applies, the Service is refused (422) on every attempt.
    await client().mergePatch(path, { spec: { port: 70000 } });
    const rolled = await poll('rolled back', 15_000, async () => {
      const r = readyOf(await get(path));
      return r?.reason === 'RolledBack' ? r : undefined;
    });
    expect(rolled).to.include({ status: 'False', message: 'rolled back: generation 2 failed repeatedly; the children are those of the last good spec (generation 1); change the spec to try again' });
    expect((await annotations())['orkestra.orkspace.io/rolled-back-generation']).to.equal('2');
    expect(await poll('the ConfigMap of the good spec', 10_000, async () => ((await get(cm(ns, 's1-conf'))).data.port === '8080' ? true : undefined))).to.equal(true);
    expect((await get(`/api/v1/namespaces/${ns}/services/s1`)).spec.ports[0].port).to.equal(8080);
    const rolledEvents = await poll('the RolledBack Event of s1', 10_000, async () => {
      const found = (await events(ns, 's1')).filter((e) => e.startsWith('Warning RolledBack'));
      return found.length > 0 ? found : undefined;
    });
    expect(rolledEvents).to.deep.equal([
      `Warning RolledBack: ${rolled.message}`,
    ]);
    expect(world().logs.find((l) => l.message === 'rolled back to the last good spec' && l.key === `${ns}/s1`)).to.include({ failures: 2 });
    await sleep(2500); // resyncs pass: it stays rolled back, no more failures
    expect(readyOf(await get(path))?.reason).to.equal('RolledBack');
    // A new spec ends the rollback; once Ready it is the good spec.
    await client().mergePatch(path, { spec: { port: 9090 } });
    await poll('the new spec applied', 10_000, async () => ((await get(`/api/v1/namespaces/${ns}/services/s1`)).spec.ports[0].port === 9090 ? true : undefined));
    await poll('Ready again, the new spec kept, the mark gone', 10_000, async () => {
      const a = await annotations();
      return readyOf(await get(path))?.status === 'True' && a['orkestra.orkspace.io/last-good-spec'] === '{"generation":3,"spec":{"port":9090}}' && a['orkestra.orkspace.io/rolled-back-generation'] === undefined ? true : undefined;
    });
  });

  it('requeue: a CR is reconciled again `after` its template says while `when` holds; with when false it waits for the resync', async () => {
    const ns = await newTestNamespace('e2e-poll');
    await create('sources', 'Source', ns, 's1', { value: 'one' });
    await create('polls', 'Poll', ns, 'p1', { source: 's1', every: '2s', active: 'true' });
    await create('polls', 'Poll', ns, 'p2', { source: 's1', every: '2s', active: 'false' });
    expect(await data(ns, 'p1-poll')).to.deep.equal({ value: 'one' });
    expect(await data(ns, 'p2-poll')).to.deep.equal({ value: 'one' });
    await sleep(1000); // the children's own events have passed
    const t0 = Date.now();
    await client().mergePatch(world().crPath('sources', ns, 's1'), { spec: { value: 'two' } });
    await poll('p1 follows s1', 6000, async () => ((await get(cm(ns, 'p1-poll'))).data.value === 'two' ? true : undefined));
    measured.requeueFollowedMs = Date.now() - t0;
    expect(measured.requeueFollowedMs, 'within one requeue interval and a little').to.be.below(3500);
    await sleep(4500); // two more requeue intervals of p1: p2 has none, its resync is 10m
    expect((await get(cm(ns, 'p2-poll'))).data.value).to.equal('one');
    // Turned on, p2 is requeued too: the next change of s1 reaches it without any event of its own.
    await client().mergePatch(world().crPath('polls', ns, 'p2'), { spec: { active: 'true' } });
    await poll('p2 reconciled', 6000, async () => ((await get(cm(ns, 'p2-poll'))).data.value === 'two' ? true : undefined));
    await sleep(1000);
    await client().mergePatch(world().crPath('sources', ns, 's1'), { spec: { value: 'three' } });
    await poll('p2 follows s1', 6000, async () => ((await get(cm(ns, 'p2-poll'))).data.value === 'three' ? true : undefined));
  });
});
