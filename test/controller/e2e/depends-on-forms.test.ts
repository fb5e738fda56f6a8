// dependsOn in every upstream form and condition, end to end (fixture `deps-forms`): the list
// form `[mid]` and `{mid: started}` / `{mid: {condition: started}}` wait until Mid's workers run,
// which waits for every Base to be Ready; `{base: {condition: healthy}}` waits for Base too;
// `{mid: healthy}` waits further, until every Mid is Ready. Each dependent CR says
// Ready=False WaitingForDependency and gets no child while it waits.
import { expect } from 'chai';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { fixtureWorld, poll, readyOf, type World } from './world.js';

const DEPENDENTS = ['lister', 'short', 'longstart', 'longhealth', 'strict'] as const;
const WAITING_FOR: Record<string, string> = {
  lister: 'mid (started)', short: 'mid (started)', longstart: 'mid (started)', longhealth: 'base (healthy)', strict: 'mid (healthy)',
};

describe('controller end to end: dependsOn forms and conditions (real API server)', function () {
  this.timeout(60_000);
  let world: World;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('deps-forms');
    await world.start(); // installs the CRDs
    await world.stop();
  });
  after(async () => world?.close());

  it('list, short and long forms; started and healthy, each held until its condition holds', async () => {
    const client = world.cluster.client;
    const ns = await newTestNamespace('e2e-depends-forms');
    const path = (kind: string, name?: string) => world.crPath(`${kind}s`, ns, name);
    const create = (kind: string, version: string) => client.post(path(kind), {
      apiVersion: `${world.group}/v1`, kind: kind[0]!.toUpperCase() + kind.slice(1), metadata: { name: `${kind}-1` }, spec: { version },
    });
    const config = async (kind: string) => (await client.request({ path: `/api/v1/namespaces/${ns}/configmaps/${kind}-1-cm` })).status;
    const reason = async (kind: string) => readyOf(await client.get(path(kind, `${kind}-1`)));
    await create('base', '9');
    await create('mid', '9');
    for (const kind of DEPENDENTS) await create(kind, '15');

    const controller = await world.start();
    const state = () => Object.fromEntries(['base', 'mid', ...DEPENDENTS].map((k) => [k, controller.controllers.get(k)!.status]));
    // Base is not Ready: Mid's workers wait, so every dependent waits too.
    for (const kind of ['mid', ...DEPENDENTS]) {
      const r = await poll(`${kind} WaitingForDependency`, 10_000, async () => {
        const c = await reason(kind);
        return c?.reason === 'WaitingForDependency' ? c : undefined;
      });
      expect(r.message, kind).to.equal(`waiting for ${kind === 'mid' ? 'base (healthy)' : WAITING_FOR[kind]}`);
    }
    expect(state()).to.deep.equal({ base: 'started', mid: 'waiting', lister: 'waiting', short: 'waiting', longstart: 'waiting', longhealth: 'waiting', strict: 'waiting' });
    for (const kind of ['mid', ...DEPENDENTS]) expect(await config(kind), `${kind} has no child yet`).to.equal(404);

    // Base fixed: Mid starts (its own CR is still not Ready), so the `started` forms and the one
    // on Base's health proceed; `{mid: healthy}` still waits.
    await client.mergePatch(path('base', 'base-1'), { spec: { version: '16' } });
    for (const kind of ['lister', 'short', 'longstart', 'longhealth']) {
      await poll(`${kind} Ready=True`, 15_000, async () => ((await reason(kind))?.status === 'True' ? true : undefined));
      expect(await config(kind), `${kind}'s child`).to.equal(200);
    }
    expect((await reason('mid'))?.reason).to.equal('ValidationFailed');
    expect(state()).to.deep.equal({ base: 'started', mid: 'started', lister: 'started', short: 'started', longstart: 'started', longhealth: 'started', strict: 'waiting' });
    expect((await reason('strict'))?.message).to.equal('waiting for mid (healthy)');
    expect(await config('strict')).to.equal(404);

    // Mid fixed: every Mid is Ready, so `{mid: healthy}` proceeds.
    await client.mergePatch(path('mid', 'mid-1'), { spec: { version: '15' } });
    await poll('strict Ready=True', 15_000, async () => ((await reason('strict'))?.status === 'True' ? true : undefined));
    expect(await config('strict')).to.equal(200);
    expect(controller.controllers.get('strict')!.status).to.equal('started');
  });
});
