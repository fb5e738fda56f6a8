// resolveSources: copies take their source's data under their own, read through the reader; tls
// Secrets keep the live certificate and are generated only when absent or due for rotation; a
// missing or fenced source holds the child with a message that names no value.
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import type { TlsBundle, TlsRequest } from '../../../controller/certs/tls-bundle.js';
import type { ObjectReader } from '../../../controller/reconcile/reader.js';
import { refKey, refOf, type ObjectRef } from '../../../controller/reconcile/refs.js';
import { resolveSources, type SourcesInput } from '../../../controller/reconcile/sources.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { render, reconcile } from '../../shared/render/fixtures.js';

const DAY = 86_400_000;
const b64 = (s: string) => Buffer.from(s).toString('base64');

function store(objects: KubeObject[]): ObjectReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    get(_apiVersion, kind, namespace, name) {
      reads.push(`${kind} ${namespace}/${name}`);
      return objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
    },
    listOwned: () => [],
  };
}

const secret = (ns: string, name: string, data: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, data, ...extra });

describe('controller/reconcile resolveSources', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  let generated: TlsRequest[] = [];
  const generate = (req: TlsRequest): TlsBundle => {
    generated.push(req);
    return { 'tls.crt': `CERT-${generated.length}`, 'tls.key': `KEY-${generated.length}`, 'ca.crt': 'CA' };
  };
  beforeEach(() => { generated = []; });

  function input(entry: CrdEntry, objects: KubeObject[], live: KubeObject[] = [], extra: Partial<SourcesInput> = {}): SourcesInput {
    const byRef = new Map(live.map((o) => [refKey(refOf(o)), o]));
    return { children: render(entry).children, live: (ref: ObjectRef) => byRef.get(refKey(ref)), reader: store(objects), entry, now, generate, ...extra };
  }

  it('a Secret copy: source data under the entry\'s own, the source\'s type unless given', async () => {
    const entry = reconcile({ secrets: [{ name: 'pull', fromSecret: 'registry', fromNamespace: 'platform', data: { extra: 'mine', '.dockerconfigjson': 'override' } }] });
    const src = secret('platform', 'registry', { '.dockerconfigjson': b64('{}'), other: b64('o') }, { type: 'kubernetes.io/dockerconfigjson' });
    const { children, held } = await resolveSources(input(entry, [src]));
    expect(held).to.deep.equal([]);
    expect(children[0]!.object.type).to.equal('kubernetes.io/dockerconfigjson');
    expect(children[0]!.object.data).to.deep.equal({ '.dockerconfigjson': b64('override'), extra: b64('mine'), other: b64('o') });
  });

  it('a ConfigMap copy: keys merged and sorted; an Opaque default when the source has no type', async () => {
    const entry = reconcile({ configMaps: [{ name: 'ca', fromConfigMap: 'cluster-ca', fromNamespace: 'kube-public', data: { b: 'mine' } }], secrets: [{ name: 's', fromSecret: 'plain' }] });
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-ca', namespace: 'kube-public' }, data: { c: 'x', b: 'theirs' } };
    const { children } = await resolveSources(input(entry, [cm, secret('default', 'plain', { k: 'dg==' })]));
    expect(children.map((c) => [c.object.kind, c.object.type, c.object.data])).to.deep.equal([['ConfigMap', undefined, { b: 'mine', c: 'x' }], ['Secret', 'Opaque', { k: 'dg==' }]]);
  });

  it('a missing source holds the child, naming what to create; the values never appear', async () => {
    const entry = reconcile({ secrets: [{ name: 'pull', fromSecret: 'registry', fromNamespace: 'platform', data: { token: 'hunter2' } }] });
    const { children, held } = await resolveSources(input(entry, []));
    expect(children).to.deep.equal([]);
    expect(held.map((h) => h.message)).to.deep.equal(['fromSecret Secret platform/registry not found: create it, or fix fromSecret/fromNamespace; the copy is made once it exists']);
    expect(JSON.stringify(held.map((h) => h.message))).to.not.include(b64('hunter2'));
  });

  it('a source in a namespace outside allowedNamespaces is not read', async () => {
    const entry: CrdEntry = { ...reconcile({ secrets: [{ name: 'pull', fromSecret: 'admin', fromNamespace: 'kube-system' }] }), allowedNamespaces: ['default', 'team-*'] };
    const i = input(entry, [secret('kube-system', 'admin', { k: 'dg==' })]);
    const { held } = await resolveSources(i);
    expect(held.map((h) => h.message)).to.deep.equal(['fromSecret Secret kube-system/admin: namespace kube-system is not in allowedNamespaces (default, team-*); the copy is not made']);
    expect((i.reader as ReturnType<typeof store>).reads).to.deep.equal([]);
  });

  it('a create-only copy that exists is not read again (upstream: created once)', async () => {
    const entry: CrdEntry = { operatorBox: { onCreate: { secrets: [{ name: 'pull', fromSecret: 'registry' }] } } };
    const i = input(entry, [], [secret('default', 'pull', { k: 'dg==' })]);
    const { children, held } = await resolveSources(i);
    expect([children.length, held.length, (i.reader as ReturnType<typeof store>).reads]).to.deep.equal([1, 0, []]);
  });

  it('tls: generated when absent, with generated-at (and rotate-after) annotations', async () => {
    const entry = reconcile({ secrets: [{ name: 'api-tls', rotateAfter: '30d', tls: { commonName: 'api', dnsNames: ['api'] } }] });
    const { children } = await resolveSources(input(entry, []));
    expect(generated.map((g) => [g.commonName, g.dnsNames, g.validForMs])).to.deep.equal([['api', ['api'], 30 * DAY]]);
    const o = children[0]!.object;
    expect(o.data).to.deep.equal({ 'ca.crt': b64('CA'), 'tls.crt': b64('CERT-1'), 'tls.key': b64('KEY-1') });
    expect(o.metadata.annotations).to.deep.equal({ 'orkestra.orkspace.io/generated-at': '2026-06-01T00:00:00Z', 'orkestra.orkspace.io/rotate-after': '30d' });
  });

  it('tls: the live certificate is kept until rotateAfter has passed, then regenerated and written over a create-only child', async () => {
    const entry: CrdEntry = { operatorBox: { onCreate: { secrets: [{ name: 'api-tls', once: true, rotateAfter: '30d', tls: {} }] } } };
    const live = (at: string) => secret('default', 'api-tls', { 'tls.crt': 'T0xE', 'tls.key': 'S0VZ', 'ca.crt': 'Q0E=' }, { metadata: { name: 'api-tls', namespace: 'default', annotations: { 'orkestra.orkspace.io/generated-at': at } } });
    const kept = (await resolveSources(input(entry, [], [live('2026-05-10T00:00:00Z')]))).children[0]!;
    expect([generated.length, kept.object.data, kept.createOnly, kept.once]).to.deep.equal([0, { 'ca.crt': 'Q0E=', 'tls.crt': 'T0xE', 'tls.key': 'S0VZ' }, true, true]);
    expect(kept.object.metadata.annotations).to.include({ 'orkestra.orkspace.io/generated-at': '2026-05-10T00:00:00Z' });
    const rotated = (await resolveSources(input(entry, [], [live('2026-05-01T00:00:00Z')]))).children[0]!;
    expect([generated.length, rotated.createOnly, rotated.once]).to.deep.equal([1, false, false]);
    expect(rotated.object.metadata.annotations).to.include({ 'orkestra.orkspace.io/generated-at': '2026-06-01T00:00:00Z' });
    const unreadable = (await resolveSources(input(entry, [], [live('yesterday')]))).children[0]!;
    expect([generated.length, unreadable.createOnly]).to.deep.equal([2, false]);
  });

  it('tls: a live Secret without generated-at keeps its certificate; with rotateAfter the clock starts now (written once)', async () => {
    const entry = reconcile({ secrets: [{ name: 'api-tls', rotateAfter: '1y', tls: {} }, { name: 'plain-tls', tls: {} }] });
    const live = [secret('default', 'api-tls', { 'tls.crt': 'QQ==', 'tls.key': 'Qg==' }), secret('default', 'plain-tls', { 'tls.crt': 'QQ==', 'tls.key': 'Qg==' })];
    const { children } = await resolveSources(input(entry, [], live));
    expect(generated).to.have.length(0);
    expect(children.map((c) => c.object.metadata.annotations)).to.deep.equal([
      { 'orkestra.orkspace.io/generated-at': '2026-06-01T00:00:00Z', 'orkestra.orkspace.io/rotate-after': '1y' },
      undefined,
    ]);
  });

  it('tls with the real generator: a certificate for the declared names', async () => {
    const entry = reconcile({ secrets: [{ name: 'api-tls', tls: { commonName: 'api.default.svc', dnsNames: ['api'] } }] });
    const { children } = await resolveSources(input(entry, [], [], { generate: undefined }));
    const data = children[0]!.object.data as Record<string, string>;
    const cert = new X509Certificate(Buffer.from(data['tls.crt']!, 'base64'));
    expect([cert.subject.split('\n'), cert.subjectAltName]).to.deep.equal([['O=Orkestra', 'CN=api.default.svc'], 'DNS:api']);
  });

  it('a once Secret with rotateAfter: created with generated-at, live data kept until due, then the rendered data written over it', async () => {
    const entry: CrdEntry = { operatorBox: { onCreate: { secrets: [{ name: 'creds', once: true, rotateAfter: '30d', data: { pw: 'new' } }] } } };
    const at = (ts?: string) => secret('default', 'creds', { pw: b64('old') }, { metadata: { name: 'creds', namespace: 'default', ...(ts ? { annotations: { 'orkestra.orkspace.io/generated-at': ts } } : {}) } });
    const created = (await resolveSources(input(entry, []))).children[0]!;
    expect([created.object.data, created.createOnly, created.object.metadata.annotations]).to.deep.equal([
      { pw: b64('new') }, true, { 'orkestra.orkspace.io/create-only': 'true', 'orkestra.orkspace.io/generated-at': '2026-06-01T00:00:00Z', 'orkestra.orkspace.io/rotate-after': '30d' },
    ]);
    const kept = (await resolveSources(input(entry, [], [at('2026-05-10T00:00:00Z')]))).children[0]!;
    expect([kept.object.data, kept.createOnly, kept.object.metadata.annotations?.['orkestra.orkspace.io/generated-at']]).to.deep.equal([{ pw: b64('old') }, true, '2026-05-10T00:00:00Z']);
    const due = (await resolveSources(input(entry, [], [at('2026-05-01T00:00:00Z')]))).children[0]!;
    expect([due.object.data, due.createOnly, due.once, due.object.metadata.annotations?.['orkestra.orkspace.io/generated-at']]).to.deep.equal([{ pw: b64('new') }, false, false, '2026-06-01T00:00:00Z']);
    const unannotated = (await resolveSources(input(entry, [], [at()]))).children[0]!;
    expect([unannotated.object.data, unannotated.createOnly]).to.deep.equal([{ pw: b64('old') }, false]);
  });
});
