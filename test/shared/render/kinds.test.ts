import { expect } from 'chai';
import type { ResourceLists } from '../../../shared/katalog/types.js';
import { issueLines, makeCr, only, reconcile, renderError } from './fixtures.js';

const OWNER = 'orkestra-owner';
const MANAGED = 'orkestra.orkspace.io/managed';
/** The pod labels upstream sets: the object's labels, managed and owner. */
const POD = { [OWNER]: 'blog', [MANAGED]: 'true' };

describe('shared/render kinds', () => {
  // One row per list key: the entry, the apiVersion/kind/name it must render, and the content.
  const table: [string, ResourceLists, string, string, string, Record<string, unknown>][] = [
    ['deployments', { deployments: [{ image: '{{ .spec.image }}', replicas: '{{ .spec.replicas }}', port: 8080 }] }, 'apps/v1', 'Deployment', 'blog-deployment', {
      spec: {
        replicas: 2,
        selector: { matchLabels: { [OWNER]: 'blog' } },
        template: {
          metadata: { labels: POD },
          spec: { containers: [{ name: 'blog-deployment', image: 'nginx:1.27', ports: [{ containerPort: 8080, protocol: 'TCP' }] }] },
        },
      },
    }],
    ['statefulSets', { statefulSets: [{ image: 'postgres:16', command: ['postgres'], args: ['-c', 5] }] }, 'apps/v1', 'StatefulSet', 'blog', {
      spec: {
        replicas: 1,
        serviceName: 'blog',
        selector: { matchLabels: { [OWNER]: 'blog' } },
        podManagementPolicy: 'Parallel',
        updateStrategy: { type: 'OnDelete' },
        template: {
          metadata: { labels: POD },
          spec: { containers: [{ name: 'blog', image: 'postgres:16', command: ['postgres'], args: ['-c', '5'] }] },
        },
      },
    }],
    ['services', { services: [{ port: 80, targetPort: 8080 }] }, 'v1', 'Service', 'blog-svc', {
      spec: { type: 'ClusterIP', selector: { [OWNER]: 'blog' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
    }],
    ['configMaps', { configMaps: [{ data: { b: 'two', a: 1, c: true } }] }, 'v1', 'ConfigMap', 'blog-config', { data: { a: '1', b: 'two', c: 'true' } }],
    ['secrets', { secrets: [{ data: { token: 'secret' }, stringData: { user: 'app' } }] }, 'v1', 'Secret', 'blog-secret', {
      type: 'Opaque', data: { token: 'c2VjcmV0', user: Buffer.from('app').toString('base64') },
    }],
    ['serviceAccounts', { serviceAccounts: [{}] }, 'v1', 'ServiceAccount', 'blog-sa', {}],
    ['roles', { roles: [{ rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }] }, 'rbac.authorization.k8s.io/v1', 'Role', 'blog-role', {
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
    }],
    ['roleBindings', { roleBindings: [{ roleRef: { kind: 'Role', name: 'blog-role' }, subjects: [{ kind: 'User', name: 'ann' }, { kind: 'ServiceAccount', name: 'bot' }] }] },
      'rbac.authorization.k8s.io/v1', 'RoleBinding', 'blog-rolebinding', {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'blog-role' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'ann' }, { namespace: 'default', kind: 'ServiceAccount', name: 'bot' }],
      }],
    ['persistentVolumeClaims', { persistentVolumeClaims: [{ spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '{{ .spec.size }}' } } } }] },
      'v1', 'PersistentVolumeClaim', 'blog-pvc', { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    ['jobs', { jobs: [{ image: 'busybox:1', command: ['sh', '-c', 'echo hi'] }] }, 'batch/v1', 'Job', 'blog-job', {
      spec: { backoffLimit: 3, template: { metadata: { labels: POD }, spec: { containers: [{ name: 'blog-job', image: 'busybox:1', command: ['sh', '-c', 'echo hi'] }], restartPolicy: 'OnFailure' } } },
    }],
    ['cronJobs', { cronJobs: [{ image: 'busybox:1', schedule: '0 3 * * *' }] }, 'batch/v1', 'CronJob', 'blog-cronjob', {
      spec: {
        schedule: '0 3 * * *', suspend: false, concurrencyPolicy: 'Allow', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
        jobTemplate: { metadata: { labels: POD }, spec: { template: { metadata: { labels: POD }, spec: { containers: [{ name: 'blog-cronjob', image: 'busybox:1' }], restartPolicy: 'OnFailure' } } } },
      },
    }],
    ['ingresses', { ingresses: [{ spec: { rules: [{ host: '{{ .metadata.name }}.example.org' }] } }] }, 'networking.k8s.io/v1', 'Ingress', 'blog-ingress', {
      spec: { rules: [{ host: 'blog.example.org' }] },
    }],
    ['networkPolicies', { networkPolicies: [{ spec: { podSelector: {}, policyTypes: ['Ingress'] } }] }, 'networking.k8s.io/v1', 'NetworkPolicy', 'blog-netpol', {
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    }],
    ['custom with spec', { custom: [{ apiVersion: 'v1', kind: 'ResourceQuota', spec: { hard: { pods: '{{ .spec.replicas }}' } } }] }, 'v1', 'ResourceQuota', 'blog-resourcequota', {
      spec: { hard: { pods: 2 } },
    }],
    ['custom with body', { custom: [{ apiVersion: 'example.org/v1alpha1', kind: 'Widget', body: { size: 'L', spec: { x: 1 } } }] }, 'example.org/v1alpha1', 'Widget', 'blog-widget', {
      size: 'L', spec: { x: 1 },
    }],
  ];

  for (const [name, lists, apiVersion, kind, childName, content] of table) {
    it(`${name} → ${apiVersion} ${kind} ${childName}`, () => {
      const obj = only(reconcile(lists), makeCr({ size: '1Gi' }));
      expect(obj.apiVersion).to.equal(apiVersion);
      expect(obj.kind).to.equal(kind);
      expect(obj.metadata.name).to.equal(childName);
      expect(obj.metadata.namespace).to.equal('default');
      const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = obj;
      expect(rest).to.deep.equal(content);
      expect(Object.keys(obj).slice(0, 3)).to.deep.equal(['apiVersion', 'kind', 'metadata']);
    });
  }

  it('passes a raw workload spec through, adding our selector and pod labels', () => {
    const obj = only(reconcile({ deployments: [{ spec: { replicas: 1, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'web', image: '{{ .spec.image }}' }] } } } }] }));
    expect(obj.spec).to.deep.equal({
      replicas: 1,
      template: { metadata: { labels: { app: 'x', [OWNER]: 'blog' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      selector: { matchLabels: { [OWNER]: 'blog' } },
    });
  });

  it('adds protocol TCP to raw Service ports that lack one', () => {
    const obj = only(reconcile({ services: [{ spec: { ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] } }] }));
    expect((obj.spec as { ports: unknown[] }).ports).to.deep.equal([{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
  });

  it('builds Service type, explicit selector and named targetPort', () => {
    const obj = only(reconcile({ services: [{ port: 443, targetPort: 'https', type: 'LoadBalancer', selector: { app: 'web' } }] }));
    expect(obj.spec).to.deep.equal({ type: 'LoadBalancer', selector: { app: 'web', [OWNER]: 'blog' }, ports: [{ port: 443, targetPort: 'https', protocol: 'TCP' }] });
  });

  it('turns env into text values and accepts a NAME: value map', () => {
    const list = only(reconcile({ deployments: [{ image: 'x:1', env: [{ name: 'N', value: '{{ .spec.replicas }}' }, { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] }));
    const containers = (o: typeof list) => ((o.spec as Record<string, any>).template.spec.containers as Record<string, unknown>[]);
    expect(containers(list)[0]!.env).to.deep.equal([{ name: 'N', value: '2' }, { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]);
    const map = only(reconcile({ deployments: [{ image: 'x:1', env: { A: 1, B: 'b' } }] }));
    expect(containers(map)[0]!.env).to.deep.equal([{ name: 'A', value: '1' }, { name: 'B', value: 'b' }]);
  });

  it('names the container after a named entry', () => {
    const obj = only(reconcile({ deployments: [{ name: 'api', image: 'x:1' }] }));
    expect((obj.spec as Record<string, any>).template.spec.containers[0].name).to.equal('api');
  });

  const refused: [string, ResourceLists, RegExp][] = [
    ['a shorthand on the wrong kind', { services: [{ port: 80, image: 'x' }] }, /services\[0\]\.image: not supported for services/],
    ['spec and shorthands together', { deployments: [{ image: 'x:1', spec: { replicas: 1 } }] }, /deployments\[0\]\.spec: give either a raw spec or the shorthand fields \(image\), not both/],
    ['a workload without image', { deployments: [{ replicas: 1 }] }, /deployments\[0\]\.image: required \(or give a raw spec\)/],
    ['a Service without port', { services: [{ type: 'ClusterIP' }] }, /services\[0\]\.port: required/],
    ['a bad Service type', { services: [{ port: 80, type: 'Public' }] }, /services\[0\]\.type: expected one of ClusterIP, NodePort, LoadBalancer, ExternalName, got "Public"/],
    ['a CronJob without schedule', { cronJobs: [{ image: 'x:1' }] }, /cronJobs\[0\]\.schedule: required/],
    ['an Ingress without its backend', { ingresses: [{}] }, /ingresses\[0\]\.serviceName: required/],
    ['structured ConfigMap data', { configMaps: [{ data: { conf: { a: 1 } } }] }, /configMaps\[0\]\.data\.conf: expected a string \(use toJson or toYaml/],
    ['non-base64 Secret data with encoding: base64', { secrets: [{ encoding: 'base64', data: { pw: 'not base64!' } }] }, /secrets\[0\]\.data\.pw: expected base64 text/],
    ['a Role without rules', { roles: [{}] }, /roles\[0\]\.rules: required/],
    ['a RoleBinding with a bad subject kind', { roleBindings: [{ roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'Robot', name: 'x' }] }] }, /roleBindings\[0\]\.subjects\[0\]\.kind: expected User, Group or ServiceAccount/],
    ['a custom entry without kind', { custom: [{ apiVersion: 'v1' }] }, /custom\[0\]\.kind: expected a kind/],
    ['a custom body setting metadata', { custom: [{ apiVersion: 'v1', kind: 'Thing', body: { metadata: {} } }] }, /custom\[0\]\.body\.metadata: set metadata on the entry itself/],
    ['an unknown resource list', { daemonSets: [{}] } as ResourceLists, /operatorBox\.onReconcile\.daemonSets: not supported/],
    ['once on a non-Secret', { configMaps: [{ once: true }] }, /configMaps\[0\]\.once: not supported for configMaps/],
    ['a targetPort that is neither number nor name', { services: [{ port: 80, targetPort: 'Not A Port' }] }, /targetPort: expected a port number or a port name/],
  ];
  for (const [name, lists, message] of refused) {
    it(`refuses ${name}`, () => {
      const e = renderError(reconcile(lists));
      expect(e.code).to.equal('RENDER_INVALID');
      expect(issueLines(e).join('\n')).to.match(message);
    });
  }

  it('never echoes a Secret value in an error', () => {
    const e = renderError(reconcile({ secrets: [{ encoding: 'base64', data: { pw: 'hunter2 is secret' } }] }));
    expect(JSON.stringify(e.issues) + e.message).not.to.contain('hunter2');
  });
});
