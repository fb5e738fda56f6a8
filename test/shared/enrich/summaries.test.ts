// The summaries enrichment embeds, table-driven: whole objects as the API server returns them,
// partial ones (a pod not scheduled yet, a Service with no ports) and broken ones (wrong types,
// null, a string for an object) — which give the zero shape, never a throw.
import { expect } from 'chai';
import {
  controllerOwner, currentMetrics, endpointEntries, loadBalancerAddresses, newestJobs, nodeSummary, ownedByKind, ownedByUid,
  podSummary, scaleTarget, secretWithoutData, statefulSetPvcNames, tlsSecretNames, warningSummary,
} from '../../../shared/enrich/index.js';

const EMPTY_POD = { name: '', ip: '', phase: '', ready: false, node: '', restartCount: 0, ordinal: -1, exitCode: -1, containers: [] };

describe('shared/enrich summaries', () => {
  describe('podSummary', () => {
    const cases: [string, unknown, object][] = [
      ['a running, ready StatefulSet pod', {
        metadata: { name: 'db-2' }, spec: { nodeName: 'n1' },
        status: {
          phase: 'Running', podIP: '10.1.0.7', conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
          containerStatuses: [
            { name: 'db', image: 'postgres:16', ready: true, restartCount: 2, state: { running: { startedAt: 't' } } },
            { name: 'sidecar', image: 'envoy', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      }, {
        name: 'db-2', ip: '10.1.0.7', phase: 'Running', ready: true, node: 'n1', restartCount: 5, ordinal: 2, exitCode: -1,
        containers: [
          { name: 'db', image: 'postgres:16', state: 'Running', reason: '', ready: true, restartCount: 2 },
          { name: 'sidecar', image: 'envoy', state: 'Waiting', reason: 'CrashLoopBackOff', ready: false, restartCount: 3 },
        ],
      }],
      ['a finished Job pod: the first terminated container gives exitCode', {
        metadata: { name: 'migrate-x7k2p' },
        status: { phase: 'Failed', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ name: 'm', state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }] },
      }, { ...EMPTY_POD, name: 'migrate-x7k2p', phase: 'Failed', exitCode: 137, containers: [{ name: 'm', image: '', state: 'Terminated', reason: 'OOMKilled', ready: false, restartCount: 0 }] }],
      ['a pending pod, no status yet', { metadata: { name: 'web-5d9f-abcde' }, status: { phase: 'Pending' } }, { ...EMPTY_POD, name: 'web-5d9f-abcde', phase: 'Pending' }],
      ['a name ending in digits after a dash is an ordinal', { metadata: { name: 'web-10' } }, { ...EMPTY_POD, name: 'web-10', ordinal: 10 }],
      ['wrong types everywhere', { metadata: { name: 7 }, spec: 'x', status: { phase: 1, podIP: {}, conditions: 'Ready', containerStatuses: [null, 'c', { state: 'running', restartCount: '4' }] } },
        { ...EMPTY_POD, containers: [{ name: '', image: '', state: '', reason: '', ready: false, restartCount: 0 }] }],
      ['null', null, EMPTY_POD],
      ['a string', 'pod', EMPTY_POD],
    ];
    for (const [what, pod, want] of cases) it(what, () => expect(podSummary(pod)).to.deep.equal(want));
  });

  it('ownedByKind / ownedByUid read ownerReferences, false on anything else', () => {
    const pod = { metadata: { ownerReferences: [{ kind: 'ReplicaSet', uid: 'u1', controller: true }, null] } };
    const table: [boolean, boolean][] = [
      [ownedByKind(pod, 'ReplicaSet'), true], [ownedByKind(pod, 'Job'), false], [ownedByKind({ metadata: { ownerReferences: 'x' } }, 'Job'), false],
      [ownedByUid(pod, 'u1'), true], [ownedByUid(pod, 'u2'), false], [ownedByUid(pod, ''), false], [ownedByUid(undefined, 'u1'), false],
    ];
    for (const [got, want] of table) expect(got).to.equal(want);
  });

  it('warningSummary: reason, message, count, lastTimestamp (eventTime and series for events.k8s.io writers)', () => {
    const table: [unknown, object][] = [
      [{ type: 'Warning', reason: 'BackOff', message: 'Back-off restarting', count: 4, lastTimestamp: '2026-01-01T00:00:00Z' }, { reason: 'BackOff', message: 'Back-off restarting', count: 4, lastTimestamp: '2026-01-01T00:00:00Z' }],
      [{ reason: 'FailedMount', eventTime: '2026-01-02T00:00:00.000000Z', series: { count: 9 } }, { reason: 'FailedMount', message: '', count: 9, lastTimestamp: '2026-01-02T00:00:00.000000Z' }],
      [{ reason: 5, count: 'many' }, { reason: '', message: '', count: 0, lastTimestamp: '' }],
      [[], { reason: '', message: '', count: 0, lastTimestamp: '' }],
    ];
    for (const [event, want] of table) expect(warningSummary(event)).to.deep.equal(want);
  });

  it('endpointEntries: every address × port with its ready condition; bad entries skipped', () => {
    const table: [unknown, object[]][] = [
      [{ ports: [{ port: 80 }, { port: 443 }], endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }, { addresses: ['10.0.0.2', ''], conditions: { ready: false } }] },
        [{ ip: '10.0.0.1', port: 80, ready: true }, { ip: '10.0.0.1', port: 443, ready: true }, { ip: '10.0.0.2', port: 80, ready: false }, { ip: '10.0.0.2', port: 443, ready: false }]],
      [{ ports: [{ port: 80 }], endpoints: [{ addresses: ['10.0.0.3'] }, 'x', { addresses: 'y' }] }, [{ ip: '10.0.0.3', port: 80, ready: false }]],
      [{ endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }] }, []],
      [undefined, []],
    ];
    for (const [slice, want] of table) expect(endpointEntries(slice)).to.deep.equal(want);
  });

  it('nodeSummary: name and topology labels, "" where absent', () => {
    expect(nodeSummary({ metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'eu-1a', 'topology.kubernetes.io/region': 'eu-1', 'node.kubernetes.io/instance-type': 'm5.large' } } }))
      .to.deep.equal({ name: 'n1', zone: 'eu-1a', region: 'eu-1', instanceType: 'm5.large' });
    expect(nodeSummary({ metadata: { name: 'n2', labels: null } })).to.deep.equal({ name: 'n2', zone: '', region: '', instanceType: '' });
    expect(nodeSummary(42)).to.deep.equal({ name: '', zone: '', region: '', instanceType: '' });
  });

  it('HPA: scaleTarget and currentMetrics across the four metric sources', () => {
    const hpa = {
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
      status: {
        currentMetrics: [
          { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 73, averageValue: '730m' } } },
          { type: 'Resource', resource: { name: 'memory', current: { averageValue: '300Mi' } } },
          { type: 'External', external: { metric: { name: 'queue' }, current: { value: '12' } } },
          { type: 'Pods', pods: { metric: { name: 'rps' }, current: { averageValue: '5' } } },
          { type: 'Object', object: { metric: { name: 'hits' }, current: { averageValue: '7' } } },
          { type: 'ContainerResource' },
          'junk',
        ],
      },
    };
    expect(scaleTarget(hpa)).to.deep.equal({ name: 'web', kind: 'Deployment', apiVersion: 'apps/v1' });
    expect(currentMetrics(hpa)).to.deep.equal([
      { type: 'Resource', name: 'cpu', current: 73 }, { type: 'Resource', name: 'memory', current: '300Mi' },
      { type: 'External', name: 'queue', current: '12' }, { type: 'Pods', name: 'rps', current: '5' },
      { type: 'Object', name: 'hits', current: '7' }, { type: 'ContainerResource' },
    ]);
    expect(scaleTarget({ spec: { scaleTargetRef: 'web' } })).to.equal(undefined);
    expect(currentMetrics({ status: { currentMetrics: {} } })).to.deep.equal([]);
  });

  it('controllerOwner: only the controller reference', () => {
    expect(controllerOwner({ metadata: { ownerReferences: [{ kind: 'X', name: 'a', uid: '1' }, { kind: 'Deployment', name: 'web', uid: '2', controller: true }] } }))
      .to.deep.equal({ name: 'web', kind: 'Deployment', uid: '2' });
    expect(controllerOwner({ metadata: { ownerReferences: [{ kind: 'X', name: 'a', controller: 'true' }] } })).to.equal(undefined);
    expect(controllerOwner({})).to.equal(undefined);
  });

  it('Ingress: load balancer addresses (ip, else hostname) and distinct TLS secret names', () => {
    const ing = { spec: { tls: [{ secretName: 'a' }, { secretName: 'a' }, { hosts: ['x'] }, { secretName: 'b' }] }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'lb.example' }, {}, 'x'] } } };
    expect(loadBalancerAddresses(ing)).to.deep.equal(['1.2.3.4', 'lb.example']);
    expect(tlsSecretNames(ing)).to.deep.equal(['a', 'b']);
    expect(loadBalancerAddresses({ status: { loadBalancer: null } })).to.deep.equal([]);
    expect(tlsSecretNames({ spec: { tls: 'a' } })).to.deep.equal([]);
  });

  it('secretWithoutData: no data, stringData, managedFields or last-applied copy', () => {
    const secret = {
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', data: { 'tls.key': 'S0VZ' }, stringData: { x: 'y' },
      metadata: { name: 'tls', namespace: 'web', managedFields: [{}], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{}}', team: 'a' } },
    };
    expect(secretWithoutData(secret)).to.deep.equal({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'tls', namespace: 'web', annotations: { team: 'a' } } });
    expect(JSON.stringify(secretWithoutData(secret))).not.to.contain('S0VZ');
    expect(secretWithoutData(null)).to.deep.equal({ metadata: {} });
  });

  it('newestJobs: the newest owned Job, and the newest that succeeded', () => {
    const job = (name: string, created: string, succeeded: number, uid = 'cj') => ({ metadata: { name, creationTimestamp: created, ownerReferences: [{ uid }] }, status: { succeeded } });
    const jobs = [job('a', '2026-01-01T00:00:00Z', 1), job('c', '2026-01-03T00:00:00Z', 0), job('b', '2026-01-02T00:00:00Z', 1), job('z', '2026-02-01T00:00:00Z', 1, 'other'), 'junk'];
    const { last, lastSuccessful } = newestJobs(jobs, 'cj');
    expect([last?.metadata, lastSuccessful?.metadata].map((m) => (m as { name: string }).name)).to.deep.equal(['c', 'b']);
    expect(newestJobs([job('c', 't', 0)], 'cj')).to.have.all.keys('last');
    expect(newestJobs([], 'cj')).to.deep.equal({});
  });

  it('statefulSetPvcNames: template × replicas (1 when unset), bounded', () => {
    const sts = (replicas: unknown) => ({ metadata: { name: 'db' }, spec: { replicas, volumeClaimTemplates: [{ metadata: { name: 'data' } }, { metadata: { name: 'wal' } }, {}] } });
    expect(statefulSetPvcNames(sts(2), 10)).to.deep.equal(['data-db-0', 'data-db-1', 'wal-db-0', 'wal-db-1']);
    expect(statefulSetPvcNames(sts(undefined), 10)).to.deep.equal(['data-db-0', 'wal-db-0']);
    expect(statefulSetPvcNames(sts(100), 3)).to.deep.equal(['data-db-0', 'data-db-1', 'data-db-2']);
    expect(statefulSetPvcNames({ spec: { volumeClaimTemplates: 'x' } }, 10)).to.deep.equal([]);
  });
});
