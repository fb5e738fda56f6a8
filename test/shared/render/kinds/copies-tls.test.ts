// Copies (fromSecret / fromConfigMap / toNamespaces) and generated certificates (tls) at render:
// the child carries a `source` for the controller, with upstream's defaults, and what it cannot
// be is refused with one line per problem.
import { expect } from 'chai';
import type { CrdEntry, ResourceLists } from '../../../../shared/katalog/types.js';
import { describeSource } from '../../../../shared/render/index.js';
import { issueLines, makeCr, reconcile, render, renderError } from '../fixtures.js';

const onCreate = (lists: ResourceLists): CrdEntry => ({ operatorBox: { onCreate: lists } });

describe('shared/render copies and tls Secrets', () => {
  it('fromSecret: the source in fromNamespace; the type comes from the source unless given; own data kept to override', () => {
    const { children } = render(reconcile({ secrets: [
      { name: 'pull', fromSecret: 'registry', fromNamespace: 'platform' },
      { name: 'typed', fromSecret: 'registry', type: 'kubernetes.io/dockerconfigjson', data: { extra: 'x' } },
    ] }));
    expect(children.map((c) => c.source)).to.deep.equal([
      { type: 'copy', kind: 'Secret', namespace: 'platform', name: 'registry' },
      { type: 'copy', kind: 'Secret', namespace: 'default', name: 'registry' },
    ]);
    expect(children[0]!.object.type).to.equal(undefined);
    expect(children[0]!.object.data).to.equal(undefined);
    expect(children[1]!.object.type).to.equal('kubernetes.io/dockerconfigjson');
    expect(children[1]!.object.data).to.deep.equal({ extra: 'eA==' });
  });

  it('fromConfigMap: source defaults to the CR\'s namespace, else `default` for a cluster-scoped CR', () => {
    const entry = reconcile({ configMaps: [{ name: 'ca', namespace: 'team', fromConfigMap: 'cluster-ca', data: { note: 'mine' } }] });
    expect(render(entry).children[0]!.source).to.deep.equal({ type: 'copy', kind: 'ConfigMap', namespace: 'default', name: 'cluster-ca' });
    expect(render(entry, makeCr({}, { namespace: 'shop' })).children[0]!.source).to.include({ namespace: 'shop' });
    expect(render(entry, makeCr({}, { namespace: undefined })).children[0]!.source).to.include({ namespace: 'default' });
    expect(render(entry).children[0]!.object.data).to.deep.equal({ note: 'mine' });
  });

  it('toNamespaces: one child of the same name per namespace (empty and repeated items skipped); outside the CR\'s namespace no ownerReference, the finalizer cleans up', () => {
    const { children, warnings } = render(onCreate({ configMaps: [{ name: 'ca', namespace: 'ignored', fromConfigMap: 'cluster-ca', toNamespaces: ['{{ .metadata.namespace }}', '', 'jobs', 'jobs'] }] }));
    expect(children.map((c) => [c.object.metadata.namespace, c.object.metadata.name, c.cleanup, c.createOnly])).to.deep.equal([
      ['default', 'ca', 'garbageCollector', true],
      ['jobs', 'ca', 'finalizer', true],
    ]);
    expect(children[0]!.object.metadata.ownerReferences).to.have.length(1);
    expect(children[1]!.object.metadata.ownerReferences).to.equal(undefined);
    expect(children[1]!.object.metadata.labels).to.include({ 'orkestra.orkspace.io/owner-namespace': 'default' });
    expect(warnings.map((w) => w.path)).to.deep.equal(['operatorBox.onCreate.configMaps[0].namespace']);
  });

  it('toNamespaces works for Secrets with their own data too (no source)', () => {
    const { children } = render(reconcile({ secrets: [{ name: 's', data: { a: 'b' }, toNamespaces: ['x', 'y'] }] }));
    expect(children.map((c) => [c.object.metadata.namespace, c.source])).to.deep.equal([['x', undefined], ['y', undefined]]);
  });

  it('toNamespaces: an item whose template gives the CR\'s list stands for each of its namespaces (upstream\'s deployments form)', () => {
    const cr = makeCr({ teams: ['red-team', 'blue-team', 'red-team'] });
    const { children } = render(onCreate({ secrets: [{ name: 'api', fromSecret: 'api', fromNamespace: 'core', toNamespaces: ['{{ .spec.teams }}', 'audit'] }] }), cr);
    expect(children.map((c) => c.object.metadata.namespace)).to.deep.equal(['red-team', 'blue-team', 'audit']);
    const bad = renderError(onCreate({ secrets: [{ name: 'api', fromSecret: 'api', toNamespaces: ['{{ .spec.teams }}'] }] }), makeCr({ teams: [{ name: 'x' }] }));
    expect(issueLines(bad).join('\n')).to.match(/toNamespaces\[0\]: expected a string/);
  });

  it('tls: upstream defaults — name <cr>-orkestra-tls, CN <name>.<namespace>.svc, validFor = rotateAfter else 1y, O Orkestra', () => {
    const { children } = render(reconcile({ secrets: [{ tls: {} }, { name: 'rot', rotateAfter: '90d', tls: { dnsNames: ['a', '', 'b.default.svc'] } }] }));
    expect(children[0]!.object.metadata.name).to.equal('blog-orkestra-tls');
    expect(children[0]!.object.type).to.equal('kubernetes.io/tls');
    expect(children[0]!.object.data).to.equal(undefined);
    expect(children[0]!.source).to.deep.equal({ type: 'tls', commonName: 'blog-orkestra-tls.default.svc', dnsNames: [], organization: 'Orkestra', validFor: '1y', validForMs: 365 * 86_400_000 });
    expect(children[1]!.source).to.deep.equal({
      type: 'tls', commonName: 'rot.default.svc', dnsNames: ['a', 'b.default.svc'], organization: 'Orkestra', validFor: '90d', validForMs: 90 * 86_400_000, rotateAfter: '90d', rotateAfterMs: 90 * 86_400_000,
    });
  });

  it('tls: rotateAfter never means no rotation; data and another type are ignored with a warning', () => {
    const { children, warnings } = render(reconcile({ secrets: [{ name: 't', rotateAfter: 'never', type: 'Opaque', data: { x: 'y' }, tls: { commonName: 'x', validFor: '12h' } }] }));
    expect(children[0]!.source).to.include({ validFor: '12h', validForMs: 12 * 3_600_000 }).and.not.have.property('rotateAfter');
    expect(warnings.map((w) => w.path)).to.deep.equal(['operatorBox.onReconcile.secrets[0].data', 'operatorBox.onReconcile.secrets[0].type']);
  });

  it('refuses what cannot be made, one line each', () => {
    const e = renderError(reconcile({ secrets: [
      { name: 'a', tls: { validFor: 'soon', dnsNames: ['bad name'], keyType: 'ec' } },
      { name: 'b', tls: {}, fromSecret: 'x' },
      { name: 'c', tls: {}, toNamespaces: ['x'] },
      { name: 'd', fromSecret: 'Not_A_Name' },
      { name: 'e', data: { a: 'b' }, toNamespaces: ['UPPER'] },
    ] }));
    expect(issueLines(e).map((l) => l.replace(/ \(CR default\/blog\)$/, ''))).to.deep.equal([
      'operatorBox.onReconcile.secrets[0].tls.keyType: not supported; tls takes commonName, dnsNames, validFor, organization',
      'operatorBox.onReconcile.secrets[0].tls.dnsNames[0]: "bad name" is neither a DNS name nor an IP address',
      'operatorBox.onReconcile.secrets[0].tls.validFor: "soon" is not a duration above zero: write e.g. 90d, 1y, 12h or 30m',
      'operatorBox.onReconcile.secrets[1].fromSecret: a tls Secret is generated, not copied: remove fromSecret or tls',
      'operatorBox.onReconcile.secrets[2].toNamespaces: a generated certificate belongs to one Secret: declare one tls entry per namespace (namespace: ...)',
      'operatorBox.onReconcile.secrets[3].fromSecret: invalid name "Not_A_Name": use lower-case letters, digits, \'-\' and \'.\', starting and ending with a letter or digit',
      'operatorBox.onReconcile.secrets[4].toNamespaces[0]: invalid namespace "UPPER": use at most 63 lower-case letters, digits and \'-\'',
    ]);
  });

  it('describeSource says what ork template cannot show', () => {
    const { children } = render(reconcile({ secrets: [{ name: 'p', fromSecret: 'creds', fromNamespace: 'platform', data: { k: 'v' } }, { name: 't', rotateAfter: '1y', tls: { commonName: 'api', dnsNames: ['api'] } }] }));
    expect(describeSource(children[0]!.source!, true)).to.equal('data copied at reconcile time from Secret platform/creds; the data below overrides its keys (ork template reads no cluster)');
    expect(describeSource(children[1]!.source!, false)).to.equal('tls.crt, tls.key and ca.crt generated at reconcile time: a self-signed CA and a certificate for CN=api, DNS api, valid 1y; kept across reconciles, regenerated after 1y');
  });

  it('rotateAfter on a once Secret marks its rotation; without once, or on a copy, it is ignored with a warning', () => {
    const { children, warnings } = render(reconcile({ secrets: [
      { name: 'a', once: true, rotateAfter: '90d', data: { k: 'v' } },
      { name: 'b', rotateAfter: '90d', data: { k: 'v' } },
      { name: 'c', fromSecret: 'x', rotateAfter: '1y' },
      { name: 'd', once: true, rotateAfter: 'never', data: { k: 'v' } },
    ] }));
    expect(children.map((c) => c.source)).to.deep.equal([
      { type: 'rotate', rotateAfter: '90d', rotateAfterMs: 90 * 86_400_000 }, undefined, { type: 'copy', kind: 'Secret', namespace: 'default', name: 'x' }, undefined,
    ]);
    expect(warnings.map((w) => w.message.replace(/ \(CR default\/blog\)$/, ''))).to.deep.equal([
      'ignored without once: true (as upstream: a Secret that is not once is rendered again on every reconcile)',
      'ignored on a copy: it follows its source',
    ]);
  });
});
