// Migration from the Go runtime (orkspace/orkestra) on the real API server: the CRD, two CRs and
// the children the Go runtime would have made for test/fixtures/controller/migration are created
// by hand — its names (<cr>-deployment, <cr>-svc), its labels (orkestra.orkspace.io/managed,
// orkestra-owner), its controller ownerReferences, its Deployment selector (the owner label
// alone), its field managers, its finalizers and its status. Then this runtime starts on the same
// Katalog and must adopt all of it: same UIDs, nothing created, deleted or duplicated, the
// selector as it was, the status continued, the Go runtime's finalizers handled.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { fixtureCopy, poll, readyOf, resolveToBundle, worldOn, type World } from './world.js';

const OWNER = 'orkestra-owner';
const MANAGED = 'orkestra.orkspace.io/managed';
const CLEANUP = 'orkestra.orkspace.io/cleanup';
const GO_FINALIZER = 'orkestra.orkspace.io/finalizer';
const GO_NS_FINALIZER = 'orkestra.orkspace.io/namespace-cleanup';
/** The Go runtime's server-side apply manager, and the one its typed Create calls get from the user agent. */
const GO_APPLY_MANAGER = 'orkestra-runtime';
const GO_CREATE_MANAGER = 'orkestra';
const T0 = '2026-01-02T03:04:05Z';

describe('controller end to end: migration from the Go runtime (real API server)', function () {
  this.timeout(90_000);
  let world: World;
  let crdDoc: KubeObject;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    const { dir, group } = fixtureCopy('migration');
    crdDoc = parse(readFileSync(join(dir, 'shop-crd.yaml'), 'utf8')) as KubeObject;
    world = await worldOn(await resolveToBundle({ komposer: join(dir, 'katalog.yaml'), cwd: dir }), group);
  });
  after(async () => world?.close());

  it('adopts the Go runtime\'s children, status and finalizers: 0 recreated, same UIDs', async () => {
    const client = world.cluster.client;
    const ns = await newTestNamespace('e2e-migrate');
    const apiVersion = `${world.group}/v1`;
    const shops = (name?: string) => world.crPath('shops', ns, name);
    const deploy = (name: string) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;
    const svc = (name: string) => `/api/v1/namespaces/${ns}/services/${name}`;
    const cm = (name: string) => `/api/v1/namespaces/${ns}/configmaps/${name}`;

    // 1. The CRD, as `kubectl apply` of the Go runtime's crd.yaml left it.
    await client.ok({ method: 'PATCH', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crdDoc.metadata.name}?fieldManager=kubectl&force=true`, body: crdDoc, contentType: 'application/apply-patch+yaml' });
    await poll('CRD established', 20_000, async () => {
      const crd = await client.get(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crdDoc.metadata.name}`);
      return crd.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    });

    // 2. Two CRs as the Go runtime leaves them: its managed label and annotations, its finalizers
    // (v0.7: cleanup on every CR plus the declared one; an older release's namespace-cleanup).
    const goCr = async (name: string, finalizers: string[]) => {
      const cr = await client.post(shops(), {
        apiVersion, kind: 'Shop',
        metadata: {
          name, namespace: ns, finalizers, labels: { [MANAGED]: 'true' },
          annotations: { 'orkestra.orkspace.io/managed-by': 'e2e-migration', 'orkestra.orkspace.io/managed-since': T0 },
        },
        spec: { image: 'nginx:1.27' },
      });
      const status = {
        observedGeneration: 1,
        url: `http://${name}-svc.${ns}.svc`,
        conditions: [
          { type: 'Ready', status: 'True', reason: 'ReconcileSucceeded', message: '', lastTransitionTime: T0, observedGeneration: 1 },
          { type: 'ValidationFailed', status: 'False', reason: 'ValidationPassed', message: '', lastTransitionTime: T0 },
          { type: 'ValidationWarning', status: 'False', reason: 'NoWarnings', message: '', lastTransitionTime: T0 },
        ],
      };
      await client.mergePatch(`${shops(name)}/status`, { status });
      return cr as KubeObject;
    };
    const corner = await goCr('corner', [CLEANUP, GO_FINALIZER]);
    const kiosk = await goCr('kiosk', [CLEANUP, GO_NS_FINALIZER]);

    // 3. Their children, built as the Go runtime builds them (pkg/resources/*: StampOrkestraLabels,
    // ResolveOwnerReferences, selector on orkestra-owner alone; onReconcile children through
    // server-side apply, onCreate ones through a typed Create).
    const before = new Map<string, KubeObject>();
    for (const cr of [corner, kiosk]) {
      const name = cr.metadata.name;
      const labels = { [MANAGED]: 'true', [OWNER]: name };
      const meta = (child: string) => ({
        name: child, namespace: ns, labels,
        ownerReferences: [{ apiVersion, kind: 'Shop', name, uid: cr.metadata.uid, controller: true, blockOwnerDeletion: true }],
      });
      const goApply = (path: string, body: unknown) => client.ok<KubeObject>({ method: 'PATCH', path: `${path}?fieldManager=${GO_APPLY_MANAGER}&force=true`, body, contentType: 'application/apply-patch+yaml' });
      before.set(`Deployment/${name}-deployment`, await goApply(deploy(`${name}-deployment`), {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(`${name}-deployment`),
        spec: {
          replicas: 1,
          selector: { matchLabels: { [OWNER]: name } },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: `${name}-deployment`, image: 'nginx:1.27', ports: [{ containerPort: 8080, protocol: 'TCP' }] }] },
          },
        },
      }));
      before.set(`Service/${name}-svc`, await goApply(svc(`${name}-svc`), {
        apiVersion: 'v1', kind: 'Service', metadata: meta(`${name}-svc`),
        spec: { type: 'ClusterIP', selector: { [OWNER]: name }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
      }));
      before.set(`ConfigMap/${name}-seed`, await client.post(`/api/v1/namespaces/${ns}/configmaps?fieldManager=${GO_CREATE_MANAGER}`, {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${name}-seed`), data: { greeting: `hello ${name}` },
      }));
    }
    const pathOf = (key: string) => {
      const [kind, name] = key.split('/') as [string, string];
      return kind === 'Deployment' ? deploy(name) : kind === 'Service' ? svc(name) : cm(name);
    };

    // 4. This runtime on the same Katalog.
    const t = Date.now();
    await world.start();
    const settled = async (name: string) => poll(`${name} reconciled by this runtime`, 30_000, async () => {
      const cr = await client.get(shops(name));
      const ready = readyOf(cr);
      return ready?.reason === 'Reconciled' && ready.observedGeneration === cr.metadata.generation ? cr : undefined;
    });
    const after = { corner: await settled('corner'), kiosk: await settled('kiosk') };
    const adoptMs = Date.now() - t;

    // Same objects: every UID kept, nothing created or deleted by the controller.
    for (const [key, was] of before) {
      const now = await client.get(pathOf(key));
      expect(now.metadata.uid, key).to.equal(was.metadata.uid);
      expect(now.metadata.labels?.[OWNER], key).to.equal(was.metadata.labels?.[OWNER]);
      expect(now.metadata.labels?.[MANAGED], key).to.equal('true');
    }
    const childWrites = world.writes.filter((w) => w.target.startsWith('Deployment ') || w.target.startsWith('Service ') || w.target.startsWith('ConfigMap '));
    expect(childWrites.filter((w) => w.verb === 'delete' || w.verb === 'create'), 'children deleted or created').to.deep.equal([]);
    // The onCreate ConfigMaps are create-only: present, so never written.
    expect(childWrites.filter((w) => w.target.includes('-seed')), 'create-only children written').to.deep.equal([]);

    // No duplicate: exactly the three children per CR carry its owner label.
    for (const name of ['corner', 'kiosk']) {
      const sel = `?labelSelector=${encodeURIComponent(`${OWNER}=${name}`)}`;
      const deployments = (await client.get(`/apis/apps/v1/namespaces/${ns}/deployments${sel}`)).items as KubeObject[];
      const services = (await client.get(`/api/v1/namespaces/${ns}/services${sel}`)).items as KubeObject[];
      const configMaps = (await client.get(`/api/v1/namespaces/${ns}/configmaps${sel}`)).items as KubeObject[];
      expect([...deployments, ...services, ...configMaps].map((o) => o.metadata.name).sort(), name)
        .to.deep.equal([`${name}-deployment`, `${name}-seed`, `${name}-svc`]);
      // The immutable selector as the Go runtime set it; the pod template untouched (no rollout).
      const d = deployments[0] as KubeObject & { spec: { selector: unknown } };
      expect(d.spec.selector, `${name} selector`).to.deep.equal({ matchLabels: { [OWNER]: name } });
      expect(d.metadata.generation, `${name} Deployment generation`).to.equal(before.get(`Deployment/${name}-deployment`)!.metadata.generation);
      // Our bookkeeping labels were added: from now on prune and cleanup find them.
      expect(d.metadata.labels?.['orkestra.orkspace.io/crd'], `${name} crd label`).to.equal('shop');
    }

    // Status continued: Ready stayed True since T0, the Go runtime's other conditions kept, fields kept.
    for (const cr of [after.corner, after.kiosk]) {
      const conditions = cr.status.conditions as { type: string; status: string; lastTransitionTime: string }[];
      const ready = conditions.find((c) => c.type === 'Ready')!;
      expect(ready.status).to.equal('True');
      expect(ready.lastTransitionTime, 'Ready did not flip, so its transition time is the Go runtime\'s').to.equal(T0);
      expect(conditions.map((c) => c.type)).to.include.members(['ValidationFailed', 'ValidationWarning']);
      expect(cr.status.url).to.equal(`http://${cr.metadata.name}-svc.${ns}.svc`);
    }

    // Finalizers: cleanup is ours too (kept); the declared one kept; namespace-cleanup replaced by ours.
    expect(after.corner.metadata.finalizers).to.deep.equal([CLEANUP, GO_FINALIZER]);
    expect(after.kiosk.metadata.finalizers).to.deep.equal([CLEANUP, GO_FINALIZER]);

    // Delete: our delete path releases every finalizer the Go runtime left, the GC takes the children.
    for (const name of ['corner', 'kiosk']) await client.delete(shops(name));
    await poll('CRs gone', 30_000, async () => ((await client.get(shops())).items.length === 0 ? true : undefined));
    await poll('children collected', 60_000, async () => {
      for (const key of before.keys()) if ((await client.request({ path: pathOf(key) })).status !== 404) return undefined;
      return true;
    });
    const managers = (o: KubeObject) => ((o.metadata as { managedFields?: { manager: string; operation: string }[] }).managedFields ?? []).map((m) => `${m.manager}/${m.operation}`);
    console.log(`      ${JSON.stringify({ adoptMs, children: before.size, recreated: 0, writes: world.writes.length, goDeploymentManagers: managers(before.get('Deployment/corner-deployment')!) })}`);
  });
});
