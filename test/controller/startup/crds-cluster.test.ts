// applyCrds against the real API server, as a start-up reads the CRDs first: a first start applies;
// a restart with the same bundle sends no apply (the live CRD, with the server's defaults, still
// holds the manifest); a value someone changed since, or a new manifest that drops a property,
// applies again and the cluster ends as the manifest says.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { realClock } from '../../../controller/engine/index.js';
import { readLiveCrds } from '../../../controller/startup/crd-guard.js';
import { CRD_DIGEST_ANNOTATION } from '../../../controller/startup/crd-unchanged.js';
import { applyCrds } from '../../../controller/startup/crds.js';
import type { CrdObject } from '../../../shared/bundle/payload.js';
import type { KubeClient } from '../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, type TestCluster } from '../../support/cluster.js';

const group = `skip${randomBytes(4).toString('hex')}.example.com`;
const name = `lamps.${group}`;
const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`;

function lampCrd(properties: Record<string, unknown>): CrdObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name, labels: { team: 'a' } },
    spec: {
      group, scope: 'Namespaced', names: { kind: 'Lamp', plural: 'lamps', shortNames: ['lp'] },
      versions: [{
        name: 'v1', served: true, storage: true, subresources: { status: {} },
        additionalPrinterColumns: [{ name: 'Watts', type: 'integer', jsonPath: '.spec.watts' }],
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties } } } },
      }],
    },
  } as CrdObject;
}

describe('controller/startup/crds: applyCrds (real API server)', function () {
  this.timeout(60_000);
  let cluster: TestCluster;
  let kube: HttpKubeClient;
  let applies: string[];
  let counting: KubeClient;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    kube = createKubeClient(loadKubeConfig({ env: {}, path: cluster.kubeconfigPath }), { userAgent: 'orkestra-crds-test' });
    applies = [];
    // The client as the controller has it, with its applies counted.
    counting = new Proxy(kube, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (key === 'apply') return (obj: { metadata: { name: string } }, o: never) => { applies.push(obj.metadata.name); return target.apply(obj as never, o); };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as unknown as KubeClient;
  });

  after(async () => {
    await cluster?.client.delete(path).catch(() => undefined);
    await kube?.close();
  });

  /** A start's apply: the live CRDs read first, as prepareCluster does. */
  async function start(crd: CrdObject): Promise<number> {
    applies.length = 0;
    await applyCrds(counting, [crd], { fieldManager: 'orkestra', clock: realClock, live: await readLiveCrds(kube, [crd]) });
    return applies.length;
  }

  const watts = { watts: { type: 'integer', minimum: 0, maximum: 100 } };
  const volts = { volts: { type: 'integer', default: 230 } };

  it('applies on a first start, and the CRD carries the manifest\'s digest', async () => {
    expect(await start(lampCrd({ ...watts, ...volts }))).to.equal(1);
    const live = await cluster.client.get(path);
    expect(live.metadata.annotations[CRD_DIGEST_ANNOTATION]).to.match(/^sha256:[0-9a-f]{64}$/);
  });

  it('sends no apply on a restart with the same bundle', async () => {
    expect(await start(lampCrd({ ...watts, ...volts }))).to.equal(0);
  });

  it('applies again when someone changed a value the manifest sets, and puts it back', async () => {
    await cluster.client.mergePatch(`${path}?fieldManager=someone`, { metadata: { labels: { team: 'b' } }, spec: { names: { shortNames: ['lmp'] } } });
    expect(await start(lampCrd({ ...watts, ...volts }))).to.equal(1);
    const live = await cluster.client.get(path);
    expect(live.metadata.labels.team).to.equal('a');
    expect(live.spec.names.shortNames).to.deep.equal(['lp']);
    expect(await start(lampCrd({ ...watts, ...volts })), 'and then stands').to.equal(0);
  });

  it('applies a new manifest that drops a property, which then is gone from the cluster', async () => {
    expect(await start(lampCrd(watts))).to.equal(1);
    const live = await cluster.client.get(path);
    expect(Object.keys(live.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties)).to.deep.equal(['watts']);
    expect(await start(lampCrd(watts))).to.equal(0);
  });
});
