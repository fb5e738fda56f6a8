// Upstream's probe shorthand (shared/render/kinds/probes.ts): type http/tcp, the container port by
// default, timings from the profile (standard when none) with given timings winning; bad input is
// an error naming the field.
import { expect } from 'chai';
import type { ResourceLists } from '../../../../shared/katalog/types.js';
import { issueLines, makeCr, only, reconcile, renderError } from '../fixtures.js';

type Rec = Record<string, any>;
const container = (lists: ResourceLists, spec: Rec = {}): Rec => {
  const obj = only(reconcile(lists), makeCr(spec)) as Rec;
  return obj.kind === 'Pod' ? obj.spec.containers[0] : obj.spec.template.spec.containers[0];
};
const STANDARD = { initialDelaySeconds: 15, periodSeconds: 20, failureThreshold: 3, successThreshold: 1, timeoutSeconds: 10 };

describe('shared/render kinds probes', () => {
  const table: [string, Rec, Rec][] = [
    ['http with a path, no profile: standard timings on the container port', { liveness: { type: 'http', path: '/healthz' } },
      { livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, ...STANDARD } }],
    ['a path alone means http', { readiness: { path: '/ready' } }, { readinessProbe: { httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, ...STANDARD } }],
    ['tcp with the fast profile', { readiness: { type: 'tcp', profile: 'fast' } },
      { readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 2, successThreshold: 1, timeoutSeconds: 5 } }],
    ['slow-start startup probe on its own port, a templated profile, a timing given', { startup: { type: 'tcp', port: '9000', profile: '{{ .spec.probeProfile }}', failureThreshold: 60 } },
      { startupProbe: { tcpSocket: { port: 9000 }, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 60, successThreshold: 1, timeoutSeconds: 10 } }],
    ['patient, any case', { liveness: { type: 'tcp', profile: 'Patient' } },
      { livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 5, successThreshold: 1, timeoutSeconds: 10 } }],
  ];
  for (const [name, probes, expected] of table) {
    it(name, () => {
      const c = container({ deployments: [{ image: 'x:1', port: 8080, probes }] }, { probeProfile: 'slow-start' });
      const got = Object.fromEntries(Object.entries(c).filter(([k]) => k.endsWith('Probe')));
      expect(got).to.deep.equal(expected);
    });
  }

  it('probes StatefulSets, ReplicaSets and Pods too', () => {
    for (const list of ['statefulSets', 'replicaSets', 'pods'] as const) {
      const c = container({ [list]: [{ image: 'x:1', port: 80, probes: { liveness: { type: 'tcp' } } }] } as ResourceLists);
      expect(c.livenessProbe, list).to.deep.equal({ tcpSocket: { port: 80 }, ...STANDARD });
    }
  });

  const refused: [string, Rec, RegExp][] = [
    ['an unknown profile, with "did you mean"', { liveness: { type: 'tcp', profile: 'fsat' } },
      /deployments\[0\]\.probes\.liveness\.profile: unknown probes profile "fsat" \(did you mean "fast"\?\): use one of fast, standard, patient, slow-start, or declare it under profiles\.probes/],
    ['a type upstream does not build', { liveness: { type: 'exec' } }, /deployments\[0\]\.probes\.liveness\.type: expected http or tcp, got "exec"/],
    ['neither type nor path', { readiness: {} }, /deployments\[0\]\.probes\.readiness\.type: give type: http \(with path\) or tcp/],
    ['a bad timing', { liveness: { type: 'tcp', periodSeconds: 0 } }, /deployments\[0\]\.probes\.liveness\.periodSeconds: expected an integer from 1 to 86400, got 0/],
  ];
  for (const [name, probes, message] of refused) {
    it(`refuses ${name}`, () => {
      const e = renderError(reconcile({ deployments: [{ image: 'x:1', port: 8080, probes }] }));
      expect(issueLines(e).join('\n')).to.match(message);
    });
  }

  it('refuses a probe with no port to probe', () => {
    const e = renderError(reconcile({ deployments: [{ image: 'x:1', probes: { liveness: { type: 'tcp' } } }] }));
    expect(issueLines(e).join('\n')).to.match(/probes\.liveness\.port: required: the entry has no port: to probe/);
  });
});
