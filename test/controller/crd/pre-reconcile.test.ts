// preReconcile: sentinels per event, the gates' verdicts (sentinels first, then when/or, then the
// fail policy) and the checks on the declared sentinels.
import { expect } from 'chai';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import { gateVerdict, preReconcileOf } from '../../../controller/crd/pre-reconcile.js';
import { computeSentinels, mergeSentinels, SENTINELS } from '../../../controller/crd/sentinels.js';

const cr = (meta: Partial<KubeObject['metadata']> = {}, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'x.example.org/v1', kind: 'Shop', metadata: { name: 's', namespace: 'ns', generation: 1, resourceVersion: '1', labels: { a: '1' }, ...meta }, spec,
});
const entry = (preReconcile: Record<string, unknown>): CrdEntry => ({ operatorBox: { preReconcile } });

describe('controller/crd preReconcile', () => {
  it('computes the declared sentinels of an update; an add has them all true; merged ones stay true', () => {
    const old = cr();
    const updated = cr({ generation: 1, resourceVersion: '2', labels: { a: '2' } });
    expect(computeSentinels(['generationChanged', 'labelsChanged', 'resourceVersionChanged'], old, updated))
      .to.deep.equal({ generationChanged: false, labelsChanged: true, resourceVersionChanged: true });
    expect(computeSentinels(['deletionStarted'], old, cr({ deletionTimestamp: '2026-01-01T00:00:00Z' }))).to.deep.equal({ deletionStarted: true });
    expect(computeSentinels(['generationChanged'], undefined, updated)).to.deep.equal({ generationChanged: true });
    expect(mergeSentinels({ generationChanged: true, labelsChanged: false }, { generationChanged: false, labelsChanged: true })).to.deep.equal({ generationChanged: true, labelsChanged: true });
    expect(SENTINELS).to.have.length(14);
  });

  it('refuses an unknown sentinel and a gate sentinel that preReconcile.sentinels does not declare', () => {
    expect(() => preReconcileOf('shop', entry({ sentinels: ['specChanged'] }))).to.throw('spec.crds.shop.operatorBox.preReconcile.sentinels: unknown sentinel specChanged');
    expect(() => preReconcileOf('shop', entry({ sentinels: ['labelsChanged'], enqueueGate: { sentinels: ['generationChanged'] } })))
      .to.throw('spec.crds.shop.operatorBox.preReconcile.enqueueGate.sentinels: generationChanged not declared in preReconcile.sentinels; add it there');
    expect(preReconcileOf('shop', {})).to.equal(undefined);
  });

  it('a gate passes when one of its sentinels fired; a sentinels-only gate otherwise holds quietly; without sentinel data it passes', () => {
    const gate = preReconcileOf('shop', entry({ sentinels: ['generationChanged'], reconcileGate: { sentinels: ['generationChanged'] } }))!.reconcileGate!;
    expect(gateVerdict(gate, cr(), { generationChanged: true })).to.deep.equal({ pass: true });
    expect(gateVerdict(gate, cr(), { generationChanged: false })).to.deep.equal({ pass: false, quiet: true, message: 'preReconcile.reconcileGate: none of generationChanged changed' });
    expect(gateVerdict(gate, cr(), undefined)).to.deep.equal({ pass: true });
  });

  it('conditions decide when no sentinel fired, with .sentinels readable; the message names them', () => {
    const gate = preReconcileOf('shop', entry({
      sentinels: ['labelsChanged'],
      reconcileGate: { sentinels: [], when: [{ field: '.spec.enabled', equals: true }], or: [{ field: '{{ .sentinels.labelsChanged }}', equals: 'true' }, { field: '.spec.force', exists: true }] },
    }))!.reconcileGate!;
    expect(gateVerdict(gate, cr({}, { enabled: true }), { labelsChanged: true })).to.deep.equal({ pass: true });
    expect(gateVerdict(gate, cr({}, { enabled: true }), { labelsChanged: false })).to.deep.equal({
      pass: false, quiet: false, message: 'held by preReconcile.reconcileGate (when: .spec.enabled equals true; or: {{ .sentinels.labelsChanged }} equals "true" or .spec.force exists true)',
    });
  });

  it('failPolicy: open passes a gate it cannot evaluate (a bad template, a failed call), closed holds it and says why', () => {
    const open = preReconcileOf('shop', entry({ enqueueGate: { when: [{ field: '{{ .spec.x | nosuchfunction }}', equals: 1 }] } }))!.enqueueGate!;
    expect(gateVerdict(open, cr(), undefined)).to.deep.equal({ pass: true });
    const closed = preReconcileOf('shop', entry({ reconcileGate: { failPolicy: 'closed', external: [{ name: 'flags', url: 'https://flags.example.org' }], when: [{ field: '.spec.a', equals: 1 }] } }))!.reconcileGate!;
    expect(gateVerdict(closed, cr(), undefined, { external: {}, failed: 'flags failed: HTTP 503' })).to.deep.equal({ pass: false, quiet: false, message: 'preReconcile.reconcileGate cannot be evaluated (failPolicy closed): external call flags failed: HTTP 503' });
    // A shared (preReconcile.external) call that fails passes the gate, whatever its failPolicy (upstream).
    expect(gateVerdict(closed, cr(), undefined, { external: {}, sharedFailed: 'flags: HTTP 503' })).to.deep.equal({ pass: true });
    // The conditions read the answers as .external.<name>.
    expect(gateVerdict(closed, cr({}, { a: 1 }), undefined, { external: { flags: { body: 'on' } } })).to.deep.equal({ pass: true });
  });

  it('reads external calls at both levels with upstream defaults; a host rendered from a template is refused', () => {
    const pre = preReconcileOf('shop', entry({
      external: [{ name: 'flags', url: 'http://flags.example.org/{{ .metadata.name }}' }],
      reconcileGate: { external: [{ name: 'quota', url: 'https://quota.example.org:8443/q', method: 'post', timeout: '2s', expectedStatus: 200, continueOnError: true }] },
    }))!;
    expect(pre.enqueueGate).to.equal(undefined);
    const gate = pre.reconcileGate!;
    expect(gate.shared.map((c) => [c.name, c.origin, c.method, c.timeoutMs, c.continueOnError])).to.deep.equal([['flags', 'http://flags.example.org', 'GET', 10_000, false]]);
    expect(gate.calls.map((c) => [c.name, c.origin, c.method, c.timeoutMs, c.expectedStatus, c.continueOnError])).to.deep.equal([['quota', 'https://quota.example.org:8443', 'POST', 2000, 200, true]]);
    // A host rendered from a template loads, and is never called: the call fails saying why.
    const templated = preReconcileOf('shop', entry({ reconcileGate: { external: [{ name: 'x', url: '{{ .spec.serviceUrl }}/flags' }] } }))!.reconcileGate!.calls[0]!;
    expect(templated.refused).to.equal('spec.crds.shop.operatorBox.preReconcile.reconcileGate.external[0].url: "{{ .spec.serviceUrl }}/flags" must start with http:// or https:// followed by the host, written in the Katalog; the call is not made');
  });
});
