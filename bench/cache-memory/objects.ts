// The objects of bench/cache-memory.ts, as JSON text the way a v1.20 API server sends them in a
// watch event once the 10,000-CR benchmark (bench/steady.ts) has settled: a Website CR with the
// status the controller wrote, its Deployment after kube-controller-manager's status update
// (no kubelet in the benchmark: no pod becomes available) and its Service, each with
// managedFields and every server default; and the PartialObjectMetadata of each child that the
// names index receives. Written for this benchmark from what the API server returns; names,
// uids, resourceVersions and timestamps vary as in the benchmark (≈ 20 CRs created per second).
import { createHash } from 'node:crypto';

export const NAMESPACE = 'steady';
export const KATALOG = 'bench-website';
const BASE = Date.parse('2026-12-05T02:03:00Z');

export interface Site {
  i: number;
  name: string;
  uid: string;
  childUids: [string, string];
  /** Creation second, as RFC 3339. */
  at: string;
  rv: number;
}

/** The i-th CR of the benchmark: uids derived from i, so nothing needs to be kept between events. */
export function siteOf(i: number): Site {
  const at = new Date(BASE + Math.floor(i / 20) * 1000).toISOString().replace('.000Z', 'Z');
  return { i, name: `site-${i}`, uid: uid(`cr${i}`), childUids: [uid(`d${i}`), uid(`s${i}`)], at, rv: 1000 + i * 7 };
}

function uid(seed: string): string {
  const h = createHash('md5').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const f = (o: unknown) => JSON.stringify(o);

function labels(s: Site): Record<string, string> {
  return { 'orkestra-owner': s.name, 'orkestra.orkspace.io/crd': 'website', 'orkestra.orkspace.io/katalog': KATALOG, 'orkestra.orkspace.io/managed': 'true' };
}

function ownerRefs(s: Site) {
  return [{ apiVersion: 'examples.orkspace.io/v1', kind: 'Website', name: s.name, uid: s.uid, controller: true, blockOwnerDeletion: true }];
}

const labelFields = { 'f:labels': { '.': {}, 'f:orkestra-owner': {}, 'f:orkestra.orkspace.io/crd': {}, 'f:orkestra.orkspace.io/katalog': {}, 'f:orkestra.orkspace.io/managed': {} } };
const ownerFields = (s: Site) => ({ [`k:{"uid":"${s.uid}"}`]: { '.': {}, 'f:apiVersion': {}, 'f:blockOwnerDeletion': {}, 'f:controller': {}, 'f:kind': {}, 'f:name': {}, 'f:uid': {} } });

function entry(manager: string, operation: string, apiVersion: string, time: string, fields: unknown) {
  return { manager, operation, apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: fields };
}

export function crJson(s: Site): string {
  const spec = { image: `nginx:1.${20 + (s.i % 8)}`, replicas: 1, ...(s.i % 2 === 0 ? { title: `Site ${s.i}` } : {}) };
  return f({
    apiVersion: 'examples.orkspace.io/v1',
    kind: 'Website',
    metadata: {
      creationTimestamp: s.at, generation: 1, name: s.name, namespace: NAMESPACE, resourceVersion: String(s.rv + 6), uid: s.uid,
      managedFields: [
        entry('bench-steady', 'Update', 'examples.orkspace.io/v1', s.at, { 'f:spec': { '.': {}, 'f:image': {}, 'f:replicas': {}, ...(s.i % 2 === 0 ? { 'f:title': {} } : {}) } }),
        entry('orkestra', 'Update', 'examples.orkspace.io/v1', s.at, { 'f:status': { '.': {}, 'f:conditions': {}, 'f:observedGeneration': {}, 'f:replicas': {}, 'f:url': {} } }),
      ],
    },
    spec,
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'Reconciled', message: 'all children applied', lastTransitionTime: s.at, observedGeneration: 1 }],
      observedGeneration: 1,
      url: `http://${s.name}-svc.${NAMESPACE}.svc.cluster.local`,
      replicas: 1,
    },
  });
}

function deploymentMetadata(s: Site) {
  return {
    name: s.name, namespace: NAMESPACE, uid: s.childUids[0], resourceVersion: String(s.rv + 5), generation: 1, creationTimestamp: s.at,
    labels: labels(s), annotations: { 'deployment.kubernetes.io/revision': '1' }, ownerReferences: ownerRefs(s),
    managedFields: [
      entry('orkestra', 'Apply', 'apps/v1', s.at, {
        'f:metadata': { ...labelFields, 'f:ownerReferences': ownerFields(s) },
        'f:spec': {
          'f:replicas': {}, 'f:selector': { 'f:matchLabels': { 'f:orkestra-owner': {} } },
          'f:template': {
            'f:metadata': { 'f:labels': { 'f:orkestra-owner': {}, 'f:orkestra.orkspace.io/managed': {} } },
            'f:spec': { 'f:containers': { [`k:{"name":"${s.name}"}`]: { '.': {}, 'f:env': { 'k:{"name":"SITE_TITLE"}': { '.': {}, 'f:name': {}, 'f:value': {} } }, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":8080,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } }, 'f:resources': { 'f:limits': { 'f:memory': {} }, 'f:requests': { 'f:cpu': {}, 'f:memory': {} } } } } },
          },
        },
      }),
      entry('kube-controller-manager', 'Update', 'apps/v1', s.at, {
        'f:metadata': { 'f:annotations': { '.': {}, 'f:deployment.kubernetes.io/revision': {} } },
        'f:status': { 'f:conditions': { '.': {}, 'k:{"type":"Available"}': { '.': {}, 'f:lastTransitionTime': {}, 'f:lastUpdateTime': {}, 'f:message': {}, 'f:reason': {}, 'f:status': {}, 'f:type': {} }, 'k:{"type":"Progressing"}': { '.': {}, 'f:lastTransitionTime': {}, 'f:lastUpdateTime': {}, 'f:message': {}, 'f:reason': {}, 'f:status': {}, 'f:type': {} } }, 'f:observedGeneration': {}, 'f:replicas': {}, 'f:unavailableReplicas': {}, 'f:updatedReplicas': {} },
      }),
    ],
  };
}

export function deploymentJson(s: Site): string {
  const rs = `${s.name}-${(s.i * 7919).toString(36).padStart(9, 'x').slice(0, 9)}`;
  return f({
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: deploymentMetadata(s),
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'orkestra-owner': s.name } },
      template: {
        metadata: { creationTimestamp: null, labels: { 'orkestra-owner': s.name, 'orkestra.orkspace.io/managed': 'true' } },
        spec: {
          containers: [{
            name: s.name, image: `nginx:1.${20 + (s.i % 8)}`, ports: [{ containerPort: 8080, protocol: 'TCP' }],
            env: [{ name: 'SITE_TITLE', value: s.i % 2 === 0 ? `Site ${s.i}` : s.name }],
            resources: { limits: { memory: '128Mi' }, requests: { cpu: '50m', memory: '64Mi' } },
            terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent',
          }],
          restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler',
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1, replicas: 1, updatedReplicas: 1, unavailableReplicas: 1,
      conditions: [
        { type: 'Available', status: 'False', lastUpdateTime: s.at, lastTransitionTime: s.at, reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: s.at, lastTransitionTime: s.at, reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rs}" is progressing.` },
      ],
    },
  });
}

function serviceMetadata(s: Site) {
  return {
    name: `${s.name}-svc`, namespace: NAMESPACE, uid: s.childUids[1], resourceVersion: String(s.rv + 2), creationTimestamp: s.at,
    labels: labels(s), ownerReferences: ownerRefs(s),
    managedFields: [entry('orkestra', 'Apply', 'v1', s.at, {
      'f:metadata': { ...labelFields, 'f:ownerReferences': ownerFields(s) },
      'f:spec': { 'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {} } }, 'f:selector': { 'f:orkestra-owner': {} }, 'f:type': {} },
    })],
  };
}

export function serviceJson(s: Site): string {
  const ip = `10.0.${(s.i >> 8) & 255}.${s.i & 255}`;
  return f({
    kind: 'Service',
    apiVersion: 'v1',
    metadata: serviceMetadata(s),
    spec: {
      ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }],
      selector: { 'orkestra-owner': s.name },
      clusterIP: ip, clusterIPs: [ip], type: 'ClusterIP', sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
    },
    status: { loadBalancer: {} },
  });
}

/** The metadata-only watch event's object (PartialObjectMetadata), as the client hands it on. */
export function metadataJson(kind: 'Deployment' | 'Service', s: Site): string {
  const metadata = kind === 'Deployment' ? deploymentMetadata(s) : serviceMetadata(s);
  return f({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata });
}
