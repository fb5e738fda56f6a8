// A beginner's Katalog in the Go runtime's current layout (reconcile.onCreate + emit.status, its
// string-typed replicas and ports, a `when` on a child, crFiles), run as its getting-started guide
// runs it: `ork run` in the Katalog's directory with no -f. On the real API server its children and
// status fields appear as declared, the conditional child only where its condition holds, and a
// hand edit of a `reconcile: true` child is put back.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { newTestNamespace } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';
import { tempDir } from '../../support/tools.js';
import { kubeconfigIn, useOrkRuns } from './ork-process.js';
import { freePort } from '../../controller/e2e/processes.js';

const GROUP = `starter${process.pid % 10000}.run.test`;

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: webapps.${GROUP}
spec:
  group: ${GROUP}
  scope: Namespaced
  names: {plural: webapps, singular: webapp, kind: WebApp}
  versions:
    - name: v1alpha1
      served: true
      storage: true
      subresources:
        status: {}
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [image]
              properties:
                image: {type: string}
                replicas: {type: integer, default: 1}
                port: {type: integer, default: 80}
                public: {type: boolean}
            status:
              type: object
              x-kubernetes-preserve-unknown-fields: true
`;

const katalog = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: starter-web
  author: platform team
  tags: [web, starter]
spec:
  crds:
    webapp:
      crdFile: ./crd.yaml
      crFiles:
        - ./cr.yaml
      operatorBox:
        reconcile:
          onCreate:
            deployments:
              - name: "{{ .metadata.name }}"
                image: "{{ .spec.image }}"
                replicas: "{{ .spec.replicas }}"
                port: "{{ .spec.port }}"
                reconcile: true
            services:
              - name: "{{ .metadata.name }}-svc"
                port: "80"
                targetPort: "{{ .spec.port }}"
                reconcile: true
              - name: "{{ .metadata.name }}-public"
                port: "80"
                targetPort: "{{ .spec.port }}"
                when:
                  - field: spec.public
                    equals: "true"
        emit:
          status:
            fields:
              - path: phase
                value: "Running"
              - path: observedReplicas
                value: "{{ .spec.replicas }}"
`;

const crs = `apiVersion: ${GROUP}/v1alpha1
kind: WebApp
metadata:
  name: shop
spec:
  image: registry.example/shop:1.4
  replicas: 2
  port: 8080
  public: true
---
apiVersion: ${GROUP}/v1alpha1
kind: WebApp
metadata:
  name: back-office
spec:
  image: registry.example/office:2.0
`;

interface Deployment { metadata: { uid: string }; spec: { replicas: number; template: { spec: { containers: { image: string; ports?: { containerPort: number }[] }[] } } } }
interface Service { spec: { ports: { port: number; targetPort: number | string }[] } }

describe('ork run: a beginner Katalog in the current upstream layout, unchanged (real API server)', function () {
  this.timeout(150_000);
  const { cluster, ork } = useOrkRuns();

  it('creates its children and writes its status fields, with no -f, from the Katalog directory', async () => {
    const ns = await newTestNamespace('run-starter');
    const dir = tempDir('run-starter');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'crd.yaml'), crd);
    writeFileSync(join(dir, 'katalog.yaml'), katalog);
    writeFileSync(join(dir, 'cr.yaml'), crs);
    const port = await freePort();
    const run = ork(['run', '--kubeconfig', kubeconfigIn(cluster(), ns, dir), '--no-webhook', '--http-address', `127.0.0.1:${port}`], { cwd: dir });
    const get = async <T>(path: string): Promise<T | undefined> => {
      if (run.exitCode() !== null) throw new Error(`ork run exited: ${run.output()}`);
      const res = await cluster().client.request<T>({ path });
      return res.status === 200 ? res.body : undefined;
    };
    const apps = `/apis/${GROUP}/v1alpha1/namespaces/${ns}/webapps`;

    const shop = await poll('the shop WebApp to carry its status fields', 90_000, async () => {
      const cr = await get<{ status?: { phase?: string; observedReplicas?: unknown } }>(`${apps}/shop`);
      return cr?.status?.phase === 'Running' ? cr : undefined;
    });
    expect(String(shop.status?.observedReplicas)).to.equal('2');
    const office = await poll('the back-office WebApp to carry its status fields', 30_000, async () => {
      const cr = await get<{ status?: { phase?: string; observedReplicas?: unknown } }>(`${apps}/back-office`);
      return cr?.status?.phase === 'Running' ? cr : undefined;
    });
    expect(String(office.status?.observedReplicas), 'the CRD default of replicas').to.equal('1');

    const deployment = (await get<Deployment>(`/apis/apps/v1/namespaces/${ns}/deployments/shop`))!;
    expect(deployment.spec.replicas).to.equal(2);
    expect(deployment.spec.template.spec.containers[0].image).to.equal('registry.example/shop:1.4');
    expect(deployment.spec.template.spec.containers[0].ports?.[0].containerPort).to.equal(8080);
    const service = (await get<Service>(`/api/v1/namespaces/${ns}/services/shop-svc`))!;
    expect(service.spec.ports[0]).to.include({ port: 80, targetPort: 8080 });
    expect(await get<Service>(`/api/v1/namespaces/${ns}/services/shop-public`), 'public: true').to.not.equal(undefined);
    expect(await get<Service>(`/api/v1/namespaces/${ns}/services/back-office-svc`)).to.not.equal(undefined);
    expect(await get<Service>(`/api/v1/namespaces/${ns}/services/back-office-public`), 'no public: the when does not hold').to.equal(undefined);

    // reconcile: true — a hand edit is put back, on the same object.
    await cluster().client.mergePatch(`/apis/apps/v1/namespaces/${ns}/deployments/shop`, { spec: { replicas: 5 } });
    const restored = await poll('the shop Deployment back at 2 replicas', 60_000, async () => {
      const d = await get<Deployment>(`/apis/apps/v1/namespaces/${ns}/deployments/shop`);
      return d?.spec.replicas === 2 ? d : undefined;
    });
    expect(restored.metadata.uid).to.equal(deployment.metadata.uid);

    // As the getting-started guide shows: the CRD's health from the running `ork run`.
    const health = await fetch(`http://127.0.0.1:${port}/katalog/webapp/health`);
    expect(health.status).to.equal(200);
    const body = await health.json() as { name: string; healthy: boolean; resourceCount: number; totalReconciles: number };
    expect(body).to.include({ name: 'webapp', healthy: true, resourceCount: 2 });
    expect(body.totalReconciles).to.be.at.least(2);
  });
});
