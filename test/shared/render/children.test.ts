import { expect } from 'chai';
import type { CrdEntry, ResourceLists } from '../../../shared/katalog/types.js';
import { issueLines, makeCr, only, reconcile, render, renderError } from './fixtures.js';

const OWNER = 'orkestra-owner';
const MANAGED = 'orkestra.orkspace.io/managed';
const COMPONENT = 'orkestra.orkspace.io/component';

const names = (entry: CrdEntry, cr = makeCr()) => render(entry, cr).children.map((c) => `${c.object.kind}/${c.object.metadata.name}`);

describe('shared/render children', () => {
  it('skips a child whose condition cannot be evaluated (false, as the Go runtime reads it), with a warning, and renders the rest', () => {
    const r = render(reconcile({ configMaps: [
      { name: 'kept' },
      { name: 'broken', when: [{ field: '{{ .spec.image.first }}', equals: 'x' }] },
      { name: 'bad-bound', when: [{ field: 'spec.replicas', gt: '{{ .spec.image }}' }] },
    ] }));
    expect(r.children.map((c) => c.object.metadata.name)).to.deep.equal(['kept']);
    expect(r.skipped.map((w) => w.path)).to.deep.equal(['operatorBox.onReconcile.configMaps[1].when[0].field', 'operatorBox.onReconcile.configMaps[2].when[0].gt']);
    expect(r.skipped[0]!.message).to.match(/template error.*; the child is not rendered \(a condition that cannot be evaluated is false, as in the Go runtime\)$/);
  });

  describe('names and namespaces', () => {
    it('gives every kind its default name', () => {
      const lists: ResourceLists = {
        serviceAccounts: [{}], configMaps: [{}], secrets: [{}], roles: [{ rules: [] }],
        roleBindings: [{ roleRef: { kind: 'Role', name: 'r' } }],
        persistentVolumeClaims: [{ spec: {} }], services: [{ port: 80 }], deployments: [{ image: 'x:1' }],
        statefulSets: [{ name: 'db', image: 'x:1' }], jobs: [{ image: 'x:1' }], cronJobs: [{ image: 'x:1', schedule: '* * * * *' }],
        ingresses: [{ spec: {} }], networkPolicies: [{ spec: {} }], custom: [{ apiVersion: 'v1', kind: 'LimitRange', spec: {} }],
      };
      expect(names(reconcile(lists))).to.deep.equal([
        'ServiceAccount/blog-sa', 'ConfigMap/blog-config', 'Secret/blog-secret', 'Role/blog-role', 'RoleBinding/blog-rolebinding',
        'PersistentVolumeClaim/blog-pvc', 'Service/blog-svc', 'Deployment/blog-deployment', 'StatefulSet/db', 'Job/blog-job',
        'CronJob/blog-cronjob', 'Ingress/blog-ingress', 'NetworkPolicy/blog-netpol', 'LimitRange/blog-limitrange',
      ]);
    });

    it('renders templated names', () => {
      expect(names(reconcile({ configMaps: [{ name: '{{ .metadata.name }}-extra' }] }))).to.deep.equal(['ConfigMap/blog-extra']);
    });

    it('requires explicit names for a second entry of the same kind, naming both entries', () => {
      const e = renderError(reconcile({ deployments: [{ image: 'a:1' }, { image: 'b:1' }] }));
      expect(issueLines(e)).to.deep.equal([
        'operatorBox.onReconcile.deployments[1].name: Deployment default/blog-deployment is also rendered by operatorBox.onReconcile.deployments[0]; give each entry of the same kind its own name: (CR default/blog)',
      ]);
    });

    it('refuses the same name across onCreate and onReconcile', () => {
      const e = renderError({ operatorBox: { onCreate: { configMaps: [{ name: 'x' }] }, onReconcile: { configMaps: [{ name: 'x' }] } } });
      expect(issueLines(e)[0]).to.contain('operatorBox.onReconcile.configMaps[0].name: ConfigMap default/x is also rendered by operatorBox.onCreate.configMaps[0]');
    });

    it('refuses invalid names and namespaces', () => {
      const e = renderError(reconcile({ configMaps: [{ name: 'Bad_Name' }, { name: 'ok', namespace: 'NS!' }], services: [{ name: '1svc', port: 80 }] }));
      const text = issueLines(e).join('\n');
      expect(text).to.match(/configMaps\[0\]\.name: invalid name "Bad_Name"/);
      expect(text).to.match(/configMaps\[1\]\.namespace: invalid namespace "NS!"/);
      expect(text).to.match(/services\[0\]\.name: invalid Service name "1svc"/);
    });

    it("places children in the CR's namespace unless the entry names one", () => {
      const { children } = render(reconcile({ configMaps: [{ name: 'a' }, { name: 'b', namespace: 'other' }] }));
      expect(children.map((c) => c.object.metadata.namespace)).to.deep.equal(['default', 'other']);
    });

    it('gives cluster-scoped custom kinds no namespace and refuses one', () => {
      const obj = only(reconcile({ custom: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', body: { rules: [] } }] }));
      expect(obj.metadata).not.to.have.property('namespace');
      const e = renderError(reconcile({ custom: [{ apiVersion: 'v1', kind: 'Namespace', namespace: 'x' }] }));
      expect(issueLines(e)[0]).to.match(/custom\[0\]\.namespace: Namespace is cluster-scoped/);
    });

    it('asks for an explicit namespace under a cluster-scoped CR', () => {
      const cr = makeCr({}, { namespace: undefined });
      delete cr.metadata.namespace;
      const e = renderError(reconcile({ configMaps: [{}] }), cr);
      expect(issueLines(e)).to.deep.equal(['operatorBox.onReconcile.configMaps[0].namespace: required: the CR is cluster-scoped, so a namespaced child needs an explicit namespace (CR blog)']);
      const ok = only(reconcile({ configMaps: [{ namespace: 'team' }] }), cr);
      expect(ok.metadata.ownerReferences).to.have.length(1);
    });
  });

  describe('ownership', () => {
    it('sets an ownerReference to the CR and the ownership labels', () => {
      const { children } = render(reconcile({ configMaps: [{ labels: { team: 'web' } }] }));
      const child = children[0]!;
      expect(child.object.metadata.ownerReferences).to.deep.equal([
        { apiVersion: 'examples.orkspace.io/v1', kind: 'Website', name: 'blog', uid: '1111-2222', controller: true, blockOwnerDeletion: true },
      ]);
      expect(child.object.metadata.labels).to.deep.equal({
        [MANAGED]: 'true',
        'orkestra.orkspace.io/crd': 'website',
        'orkestra.orkspace.io/katalog': 'demo',
        [OWNER]: 'blog',
        team: 'web',
      });
      expect(child.cleanup).to.equal('garbageCollector');
    });

    it('leaves cross-namespace children to the finalizer and labels the owner namespace', () => {
      const { children } = render(reconcile({ configMaps: [{ namespace: 'elsewhere' }] }));
      const child = children[0]!;
      expect(child.object.metadata).not.to.have.property('ownerReferences');
      expect(child.object.metadata.labels!['orkestra.orkspace.io/owner-namespace']).to.equal('default');
      expect(child.cleanup).to.equal('finalizer');
    });

    it('refuses entry labels that would change ownership labels', () => {
      const e = renderError(reconcile({ configMaps: [{ labels: { [OWNER]: 'someone-else' } }] }));
      expect(issueLines(e)[0]).to.match(/configMaps\[0\]\.labels\.orkestra-owner: reserved/);
    });

    it("selects a workload's pods by the owner label, as upstream, and labels pods with managed and owner only", () => {
      const { children } = render(reconcile({ deployments: [{ name: 'web', image: 'a:1', labels: { tier: 'front' } }, { name: 'worker', image: 'b:1' }] }));
      const selectors = children.map((c) => (c.object.spec as any).selector.matchLabels);
      expect(selectors).to.deep.equal([{ [OWNER]: 'blog' }, { [OWNER]: 'blog' }]);
      expect((children[0]!.object.spec as any).template.metadata.labels).to.deep.equal({ [MANAGED]: 'true', [OWNER]: 'blog', tier: 'front' });
      expect((children[1]!.object.spec as any).template.metadata.labels).to.deep.equal({ [MANAGED]: 'true', [OWNER]: 'blog' });
    });

    it("lets a Service select all of the CR's workloads, or one by target", () => {
      const { children } = render(reconcile({
        services: [{ name: 'all', port: 80 }, { name: 'only-web', port: 80, target: 'web' }],
        deployments: [{ name: 'web', image: 'a:1' }, { name: 'worker', image: 'b:1' }],
      }));
      expect((children[0]!.object.spec as any).selector).to.deep.equal({ [OWNER]: 'blog' });
      expect((children[1]!.object.spec as any).selector).to.deep.equal({ [COMPONENT]: 'web', [OWNER]: 'blog' });
      // Only the targeted workload's pods carry the component label.
      expect((children[2]!.object.spec as any).template.metadata.labels[COMPONENT]).to.equal('web');
      expect((children[3]!.object.spec as any).template.metadata.labels).not.to.have.property(COMPONENT);
    });

    it('refuses a target naming no workload, and target with selector', () => {
      const e = renderError(reconcile({ services: [{ port: 80, target: 'ghost' }, { name: 'b', port: 80, target: 'blog', selector: { a: 'b' } }], deployments: [{ name: 'blog', image: 'a:1' }] }));
      const text = issueLines(e).join('\n');
      expect(text).to.match(/services\[0\]\.target: names no Deployment, StatefulSet or ReplicaSet of this CR in the Service's namespace \(rendered: blog\)/);
      expect(text).to.match(/services\[1\]\.target: give either selector or target, not both/);
    });
  });

  describe('phases', () => {
    it('marks onCreate children create-only unless reconcile: true, and once Secrets', () => {
      const result = render({
        operatorBox: {
          onCreate: { configMaps: [{ name: 'seed' }, { name: 'kept', reconcile: true }] },
          onReconcile: { secrets: [{ once: true, stringData: { pw: '{{ randomAlphanumeric 8 }}' } }], services: [{ port: 80 }] },
          onDelete: { jobs: [{ image: 'cleanup:1' }] },
        },
      });
      const marks = result.children.map((c) => [c.object.metadata.name, c.phase, c.createOnly, c.once, c.object.metadata.annotations?.['orkestra.orkspace.io/create-only']]);
      expect(marks).to.deep.equal([
        ['seed', 'onCreate', true, false, 'true'],
        ['kept', 'onReconcile', false, false, undefined],
        ['blog-secret', 'onReconcile', false, true, 'true'],
        ['blog-svc', 'onReconcile', false, false, undefined],
      ]);
      expect(result.children.map((c) => c.entryPath)).to.deep.equal([
        'operatorBox.onCreate.configMaps[0]', 'operatorBox.onCreate.configMaps[1]', 'operatorBox.onReconcile.secrets[0]', 'operatorBox.onReconcile.services[0]',
      ]);
      expect(result.onDelete.map((c) => [c.object.kind, c.entryPath, c.createOnly])).to.deep.equal([['Job', 'operatorBox.onDelete.jobs[0]', true]]);
    });

    it('reproduces a once Secret from a seeded random and varies it with the seed', () => {
      const entry = reconcile({ secrets: [{ once: true, stringData: { pw: '{{ randomAlphanumeric 16 }}' } }] });
      const a = only(entry).data as Record<string, string>;
      const b = only(entry).data as Record<string, string>;
      expect(a).to.deep.equal(b);
      const pw = Buffer.from(a.pw!, 'base64').toString();
      expect(pw).to.match(/^[A-Za-z0-9]{16}$/);
    });
  });

  describe('when / or', () => {
    const entry = (when: unknown, or?: unknown) => reconcile({ services: [{ port: 80, when, or } as never] });
    const table: [string, unknown, unknown, number][] = [
      ['when true', [{ field: 'spec.public', equals: true }], undefined, 1],
      ['when false', [{ field: 'spec.public', equals: false }], undefined, 0],
      ['when on missing field', [{ field: 'spec.nope', exists: true }], undefined, 0],
      ['or with one true', undefined, [{ field: 'spec.public', equals: false }, { field: 'spec.replicas', gt: 1 }], 1],
      ['when true, or false', [{ field: 'spec.public', equals: true }], [{ field: 'spec.replicas', gt: 5 }], 0],
      ['templated field', [{ field: '{{ .spec.replicas }}', equals: 2 }], undefined, 1],
    ];
    for (const [name, when, or, count] of table) {
      it(`${name} → ${count} child(ren)`, () => {
        expect(render(entry(when, or), makeCr({ public: true })).children).to.have.length(count);
      });
    }
  });

  describe('forEach', () => {
    const members = [{ name: 'Ann Lee', role: 'lead' }, { name: 'bob', role: 'dev' }];
    const rb = (extra: Record<string, unknown> = {}) => reconcile({
      roleBindings: [{ forEach: { field: 'spec.members', as: 'member' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: '{{ .member.name }}' }], ...extra }],
    });

    it('renders one child per item with .item and .<as>, suffixing default names', () => {
      const { children } = render(rb({ labels: { role: '{{ .item.role }}' } }), makeCr({ members }));
      expect(children.map((c) => c.object.metadata.name)).to.deep.equal(['blog-rolebinding-ann-lee', 'blog-rolebinding-bob']);
      expect(children.map((c) => (c.object.subjects as any)[0].name)).to.deep.equal(['Ann Lee', 'bob']);
      expect(children.map((c) => c.object.metadata.labels!.role)).to.deep.equal(['lead', 'dev']);
      expect(children.map((c) => c.entryPath)).to.deep.equal(['operatorBox.onReconcile.roleBindings[0]', 'operatorBox.onReconcile.roleBindings[0]']);
    });

    it('suffixes by index when the item gives no usable text, and expands maps by key (.item the key, .value the value)', () => {
      expect(names(reconcile({ configMaps: [{ forEach: { field: 'spec.list' } }] }), makeCr({ list: [{ x: 1 }, '***'] }))).to.deep.equal(['ConfigMap/blog-config-0', 'ConfigMap/blog-config-1']);
      expect(names(reconcile({ configMaps: [{ forEach: { field: 'spec.envs' }, data: { k: '{{ .item }}', v: '{{ .value }}' } }] }), makeCr({ envs: { prod: 1, dev: 2 } }))).to.deep.equal(['ConfigMap/blog-config-prod', 'ConfigMap/blog-config-dev']);
    });

    it('renders nothing for an empty or missing list', () => {
      expect(render(rb(), makeCr({ members: [] })).children).to.deep.equal([]);
      expect(render(rb(), makeCr()).children).to.deep.equal([]);
    });

    it('refuses a field that is not a list', () => {
      const e = renderError(rb(), makeCr({ members: 'ann' }));
      expect(issueLines(e)).to.deep.equal(['operatorBox.onReconcile.roleBindings[0].forEach.field: expected spec.members to be a list or a map, got "ann" (CR default/blog)']);
    });

    it('refuses duplicate names among items', () => {
      const e = renderError(rb({ name: 'fixed' }), makeCr({ members }));
      expect(issueLines(e)[0]).to.match(/roleBindings\[0\]\(item 1\)\.name: RoleBinding default\/fixed is also rendered by operatorBox\.onReconcile\.roleBindings\[0\]; make the name depend on the forEach item/);
    });

    it('gates each item with when', () => {
      const { children } = render(rb({ when: [{ field: '.member.role', equals: 'lead' }] }), makeCr({ members }));
      expect(children.map((c) => c.object.metadata.name)).to.deep.equal(['blog-rolebinding-ann-lee']);
    });
  });
});

describe('shared/render output shape', () => {
  it('returns a tree: no object appears twice in one child', () => {
    const { children } = render(reconcile({ deployments: [{ image: 'x:1' }], statefulSets: [{ name: 'db', image: 'y:1' }] }));
    for (const child of children) {
      const seen = new Set<object>();
      const walk = (v: unknown): void => {
        if (v === null || typeof v !== 'object') return;
        expect(seen.has(v), `shared object in ${child.object.metadata.name}`).to.equal(false);
        seen.add(v);
        Object.values(v).forEach(walk);
      };
      walk(child.object);
    }
  });
});
