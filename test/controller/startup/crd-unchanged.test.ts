// crdUnchanged: a bundle CRD is left unapplied at start only when the live CRD carries this
// manifest's digest, still holds every value the manifest sets, and is Established.
import { expect } from 'chai';
import { CRD_DIGEST_ANNOTATION, crdUnchanged, withCrdDigest } from '../../../controller/startup/crd-unchanged.js';
import type { CrdObject } from '../../../shared/bundle/payload.js';

const ESTABLISHED = { conditions: [{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }], storedVersions: ['v1'] };

function crd(extra: Record<string, unknown> = {}): CrdObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'lamps.light.example', labels: { team: 'a' } },
    spec: {
      group: 'light.example', names: { kind: 'Lamp', plural: 'lamps' }, scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { watts: { type: 'integer', maximum: 100 }, ...extra } } } }],
    },
  } as CrdObject;
}

/** What the API server returns for an applied manifest: defaults, status and bookkeeping added. */
function served(applied: CrdObject): Record<string, unknown> {
  const copy = structuredClone(applied) as unknown as { metadata: Record<string, unknown>; spec: Record<string, unknown> & { names: Record<string, unknown> } };
  copy.metadata = { ...copy.metadata, uid: 'u-1', resourceVersion: '7', generation: 1, managedFields: [{ manager: 'orkestra', operation: 'Apply' }] };
  copy.spec.conversion = { strategy: 'None' };
  copy.spec.names = { ...copy.spec.names, singular: 'lamp', listKind: 'LampList' };
  return { ...copy, status: ESTABLISHED };
}

describe('controller/startup/crd-unchanged', () => {
  it('annotates the manifest with the digest of the bundle\'s manifest, keeping its own annotations, the same every time', () => {
    const a = withCrdDigest({ ...crd(), metadata: { ...crd().metadata, annotations: { note: 'x' } } } as CrdObject);
    expect(a.metadata.annotations?.note).to.equal('x');
    expect(a.metadata.annotations?.[CRD_DIGEST_ANNOTATION]).to.match(/^sha256:[0-9a-f]{64}$/);
    expect(withCrdDigest(crd()).metadata.annotations?.[CRD_DIGEST_ANNOTATION]).to.equal(withCrdDigest(crd()).metadata.annotations?.[CRD_DIGEST_ANNOTATION]);
    expect(withCrdDigest(crd({ volts: { type: 'integer' } })).metadata.annotations?.[CRD_DIGEST_ANNOTATION]).not.to.equal(withCrdDigest(crd()).metadata.annotations?.[CRD_DIGEST_ANNOTATION]);
  });

  it('is unchanged when the live CRD is what this manifest\'s apply left, with the server\'s defaults and bookkeeping', () => {
    const applied = withCrdDigest(crd());
    expect(crdUnchanged(applied, served(applied))).to.equal(true);
  });

  it('needs the apply when the CRD is missing, not Established, or was applied from another manifest', () => {
    const applied = withCrdDigest(crd());
    expect(crdUnchanged(applied, undefined)).to.equal(false);
    expect(crdUnchanged(applied, { ...served(applied), status: { conditions: [{ type: 'Established', status: 'False' }] } })).to.equal(false);
    // The cluster holds an older manifest that also set `volts`: only an apply removes what this one dropped.
    const older = served(withCrdDigest(crd({ volts: { type: 'integer' } })));
    expect(crdUnchanged(applied, older)).to.equal(false);
    const unannotated = served(crd());
    expect(crdUnchanged(applied, unannotated)).to.equal(false);
  });

  it('needs the apply when someone changed or removed a value the manifest sets, or changed a list\'s length', () => {
    const applied = withCrdDigest(crd());
    const changed = served(applied) as any;
    changed.spec.versions[0].schema.openAPIV3Schema.properties.watts.maximum = 1000;
    expect(crdUnchanged(applied, changed)).to.equal(false);
    const removed = served(applied) as any;
    delete removed.metadata.labels;
    expect(crdUnchanged(applied, removed)).to.equal(false);
    const longer = served(applied) as any;
    longer.spec.versions.push({ name: 'v2', served: true, storage: false });
    expect(crdUnchanged(applied, longer)).to.equal(false);
    const retyped = served(applied) as any;
    retyped.spec.names = ['Lamp'];
    expect(crdUnchanged(applied, retyped)).to.equal(false);
  });

  it('leaves others\' additions alone, as a forced apply does (a property or a label someone added)', () => {
    const applied = withCrdDigest(crd());
    const added = served(applied) as any;
    added.spec.versions[0].schema.openAPIV3Schema.properties.extra = { type: 'string' };
    added.metadata.labels.other = 'b';
    expect(crdUnchanged(applied, added)).to.equal(true);
  });

  it('answers a nesting deeper than any schema with "apply" instead of recursing without bound', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 400; i++) deep = { type: 'object', properties: { x: deep } };
    // The digest is the shallow manifest's (canonical JSON refuses such depth itself); the values are deep.
    const shallow = withCrdDigest(crd());
    const applied = { ...shallow, spec: { ...(shallow.spec as object), deep } } as CrdObject;
    expect(crdUnchanged(applied, served(applied))).to.equal(false);
  });
});
