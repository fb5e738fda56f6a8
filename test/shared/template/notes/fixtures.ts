// Template data for the Kubernetes-facing note tests: a CR with the `.children` map the status
// renderer builds (singular = first of a kind, plural = by name, `_placeholder` = not created yet).
export const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'a1b2-c3',
    resourceVersion: '4711',
    generation: 3,
    creationTimestamp: '2026-12-01T10:00:00Z',
    labels: { app: 'web', tier: 'front', count: '5', empty: '' },
    annotations: { 'example.com/min': '2', 'example.com/note': 'hi' },
    ownerReferences: [{ apiVersion: 'x/v1', kind: 'Shop', name: 'my-shop', uid: 'u1' }],
  },
  spec: {
    replicas: 3,
    resources: { requests: { cpu: '250m', memory: '64Mi' } },
    template: {
      spec: {
        containers: [
          {
            name: 'app',
            image: 'registry.local/web:1.2.3',
            env: [{ name: 'APP_ENV', value: 'prod' }, { name: 'FROM_SECRET', valueFrom: {} }],
            ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }],
          },
          { name: 'sidecar', image: 'proxy:2', ports: [{ containerPort: 15001 }] },
        ],
      },
    },
  },
  status: {
    observedGeneration: 3,
    readyReplicas: 2,
    availableReplicas: 2,
    updatedReplicas: 3,
    replicas: 3,
    phase: 'Running',
    empty: '',
    nested: { a: 1 },
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'ok' },
      { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'stuck' },
    ],
  },
};

export const job = { kind: 'Job', metadata: { name: 'migrate' }, status: { succeeded: 1, failed: 0, active: 0 } };
export const runningJob = { kind: 'Job', metadata: { name: 'seed' }, status: { active: 1, failed: 2 } };

export const service = {
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { clusterIP: '10.96.0.12', ports: [{ port: 80, nodePort: 31234 }] },
  status: { loadBalancer: { ingress: [{ ip: '34.1.2.3', hostname: 'lb.example.com' }] } },
};

export const endpointSlice = {
  kind: 'EndpointSlice',
  endpoints: [
    { addresses: [], conditions: { ready: true } },
    { addresses: ['10.0.0.7'], conditions: { ready: true } },
  ],
};

export const placeholder = { _placeholder: true, status: {} };

export const cr = {
  apiVersion: 'example.com/v1',
  kind: 'Shop',
  metadata: { name: 'my-shop', namespace: 'shop', labels: { team: 'payments' }, deletionTimestamp: '2026-12-03T00:00:00Z' },
  spec: { replicas: 0 },
  children: {
    deployment,
    deployments: { web: deployment },
    job,
    jobs: { migrate: job },
    service,
    endpointslice: endpointSlice,
    secret: placeholder,
  },
};
