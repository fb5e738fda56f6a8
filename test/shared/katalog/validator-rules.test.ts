// Upstream's validator rules the schema cannot express (its testdata/validate/invalid cases), each
// refused with one line at the place written, and the valid forms beside them left alone: lifecycle
// keys and ranges, policy on a Katalog, enrich with enrichAll, a watch twice, requeue.after,
// retryBackoff bounds, serve path with values and a target its modes switch off; plus the schema's
// enums and required keys for maturity, deprecation, sentinels, watch events, signer identities
// and gateway cluster endpoints and credential forms (upstream's gateway_clusters.go).
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const katalog = (top: string, box = '') => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: kiln
${top}spec:
  crds:
    kiln:
      apiTypes: {group: pottery.example.org, version: v1, kind: Kiln, plural: kilns}
${box}`;

const errors = (text: string) =>
  parseKatalog(text, 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);

describe('shared/katalog upstream validator rules', () => {
  it('accepts the valid forms: lifecycle on a Katalog, a publish policy, gateway clusters with an include, ranges that parse, a duration or template requeue, a full backoff', () => {
    const text = katalog(
      'publish:\n  signing: {verify: true, expectedIdentities: [ci@example.org]}\ngateway:\n  clusters:\n    include: ./clusters.yaml\n    west: {endpoint: "https://west.example.org:6443", secretRef: {name: west, key: kubeconfig}}\n    dev: {endpoint: "https://dev:6443", tokenRef: {name: dev, key: token}, insecure: true}\n    east: {endpoint: "https://east:6443", tokenRef: {name: e, key: token}, caRef: {name: e-ca, key: ca.crt}}\nlifecycle:\n  maturity: beta\n  deprecation: {message: use kiln-v2, timeline: {from: "2030-01-01"}}\n  compatibility: {kubernetes: ">=1.29", orkestra: ">=0.7.0, <1.0.0"}\n',
      '      operatorBox:\n        reconciler:\n          requeue: {after: 2d}\n          queue:\n            retryBackoff: {initial: 1s, max: 1m, multiplier: 1.5}\n        preReconcile:\n          sentinels: [generationChanged, deletionStarted]\n        watch:\n          - {apiVersion: v1, kind: Pod, on: [create, delete]}\n          - {apiVersion: v1, kind: Pod, name: only-this}\n',
    );
    const templated = text.replace('requeue: {after: 2d}', 'requeue: {after: \'{{ .spec.every | default "90s" }}\'}');
    for (const valid of [text, templated]) {
      const found = errors(valid);
      expect(found, found.join('\n')).to.deep.equal([]);
    }
    expect(templated).to.include('.spec.every');
  });

  it('reads namespaced: false beside apiTypes as a cluster-scoped CRD; a contradicting apiTypes.scope is refused', () => {
    const text = katalog('', '      namespaced: false\n');
    const parsed = parseKatalog(text, 'k.yaml');
    expect(parsed.document?.spec.crds.kiln?.apiTypes).to.deep.equal({ group: 'pottery.example.org', version: 'v1', kind: 'Kiln', plural: 'kilns', scope: 'Cluster' });
    expect(parseKatalog(katalog('', ''), 'k.yaml').document?.spec.crds.kiln?.apiTypes?.scope).to.equal(undefined);
    const both = katalog('', '      namespaced: true\n').replace('plural: kilns}', 'plural: kilns, scope: Cluster}');
    expect(errors(both)).to.deep.equal(['9:19: spec.crds.kiln.namespaced: namespaced: true contradicts apiTypes.scope: Cluster; give one of them']);
  });

  for (const [what, top, box, expected] of [
    ['an unknown maturity', 'lifecycle:\n  maturity: experimental\n', '', '6:13: lifecycle.maturity: must be one of'],
    ['a deprecation without a message', 'lifecycle:\n  deprecation: {migratedTo: kiln-v2}\n', '', '6:3: lifecycle.deprecation: missing required key "message"'],
    ['lifecycle.accept on a Katalog', 'lifecycle:\n  accept: {patterns: [{name: glaze}]}\n', '', '6:3: lifecycle.accept: lifecycle.accept is a Komposer key'],
    ['a Kubernetes range that does not parse', 'lifecycle:\n  compatibility: {kubernetes: "~~1.28"}\n', '', '6:31: lifecycle.compatibility.kubernetes: "~~1.28" is not a semver range'],
    ['a policy floor that is no floor, on a Katalog', 'policy:\n  lifecycle: {minMaturity: retired}\n', '', '6:28: policy.lifecycle.minMaturity: "retired" is not a floor'],
    ['enrich beside enrichAll', '', '      enrichAll: true\n      enrich: [pods]\n', '9:7: spec.crds.kiln.enrichAll: enrichAll and enrich exclude each other: give enrichAll: true (every target) or an enrich: list'],
    ['the same resource watched twice', '', '      operatorBox:\n        watch:\n          - {apiVersion: batch/v1, kind: Job}\n          - {apiVersion: batch/v1, kind: Job, on: [update]}\n', '12:13: spec.crds.kiln.operatorBox.watch[1]: batch/v1 Job is already watched by item 0'],
    ['a watch event that is not one', '', '      operatorBox:\n        watch:\n          - {apiVersion: batch/v1, kind: Job, on: [changed]}\n', '11:52: spec.crds.kiln.operatorBox.watch[0].on[0]: must be one of'],
    ['a sentinel upstream does not know', '', '      operatorBox:\n        preReconcile:\n          sentinels: [specChanged]\n', '11:23: spec.crds.kiln.operatorBox.preReconcile.sentinels[0]: must be one of'],
    ['a requeue.after that is neither duration nor template', '', '      operatorBox:\n        reconciler:\n          requeue: {after: soonish}\n', '11:28: spec.crds.kiln.operatorBox.reconciler.requeue.after: "soonish" is neither a duration'],
    ['a backoff max below its initial', '', '      operatorBox:\n        reconciler:\n          queue:\n            retryBackoff: {initial: 1m, max: 5s}\n', '12:46: spec.crds.kiln.operatorBox.reconciler.queue.retryBackoff.max: max (5s) is below initial (1m)'],
    ['a backoff multiplier not above zero', '', '      operatorBox:\n        reconciler:\n          queue:\n            retryBackoff: {initial: 1s, multiplier: 0}\n', '12:53: spec.crds.kiln.operatorBox.reconciler.queue.retryBackoff.multiplier: 0 is not above zero'],
    ['an empty signer identity', 'publish:\n  signing: {verify: true, expectedIdentities: [ci@example.org, ""]}\n', '', '6:64: publish.signing.expectedIdentities[1]: must not be empty'],
    ['a gateway cluster without an endpoint', 'gateway:\n  clusters:\n    east: {tokenRef: {name: t, key: token}, caRef: {name: c, key: ca}}\n', '', '7:5: gateway.clusters.east: missing required key "endpoint"'],
    ...([
      ['no credential form', '{}', '7:5: gateway.clusters.east: a credential form is required: declare secretRef (a kubeconfig Secret) or tokenRef + caRef'],
      ['both credential forms', '{secretRef: {name: k, key: kc}, tokenRef: {name: t, key: token}}', '7:43: gateway.clusters.east.secretRef: secretRef and tokenRef/caRef are mutually exclusive'],
      ['a secretRef without key', '{secretRef: {name: k}}', '7:43: gateway.clusters.east.secretRef: key is required'],
      ['insecure with secretRef', '{secretRef: {name: k, key: kc}, insecure: true}', '7:74: gateway.clusters.east.insecure: insecure is only valid with tokenRef'],
      ['caRef without tokenRef', '{caRef: {name: c, key: ca}}', '7:43: gateway.clusters.east.caRef: caRef requires tokenRef'],
      ['tokenRef without caRef nor insecure', '{tokenRef: {name: t, key: token}}', '7:43: gateway.clusters.east.tokenRef: tokenRef requires caRef, unless insecure: true is set'],
      ['a caRef without name', '{tokenRef: {name: t, key: token}, caRef: {key: ca}}', '7:76: gateway.clusters.east.caRef: name is required'],
    ] as const).map(([what, extra, expected]) => [`a gateway cluster with ${what}`, `gateway:\n  clusters:\n    east: {endpoint: "https://east:6443", ${extra.slice(1, -1)}}\n`.replace(', }', '}'), '', expected] as const),
    ['a serve field with path and values', '', '      serve:\n        fields:\n          size: {path: size.cm, values: {size.in: "{{ .value }}"}}\n', '11:33: spec.crds.kiln.serve.fields.size.values: give path (one spec path) or values (several), not both'],
    ['a serve target with modes.target false', '', '      serve:\n        modes: {target: false}\n        target: {main: {primary: true}}\n', '11:9: spec.crds.kiln.serve.target: serve.modes.target is false'],
  ] as const) {
    it(`refuses ${what}, one line at the place written`, () => {
      const found = errors(katalog(top, box));
      expect(found, found.join('\n')).to.have.length(1);
      expect(found[0]!.startsWith(expected), found[0]).to.equal(true);
    });
  }
});
