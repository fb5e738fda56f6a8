import { expect } from 'chai';
import { withCrdDefaults } from '../../../shared/katalog/index.js';

/** A CRD serving v1 (storage) and v2, each with its own schema. */
function crd(v1: unknown, v2: unknown = { type: 'object' }) {
  return {
    kind: 'CustomResourceDefinition',
    spec: {
      versions: [
        { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: v1 } },
        { name: 'v2', served: true, storage: false, schema: { openAPIV3Schema: v2 } },
      ],
    },
  };
}

const specSchema = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties: { spec: { type: 'object', properties, ...extra } } });

describe('shared/katalog withCrdDefaults', () => {
  const cases: { name: string; schema: unknown; spec: unknown; want: unknown; apiVersion?: string; crdV2?: unknown }[] = [
    { name: 'fills an absent scalar', schema: specSchema({ port: { type: 'integer', default: 8080 } }), spec: {}, want: { port: 8080 } },
    { name: 'keeps a value the CR gives', schema: specSchema({ port: { type: 'integer', default: 8080 } }), spec: { port: 9090 }, want: { port: 9090 } },
    { name: 'defaults an absent object, then its properties', schema: specSchema({ tls: { type: 'object', default: {}, properties: { mode: { type: 'string', default: 'strict' } } } }), spec: {}, want: { tls: { mode: 'strict' } } },
    { name: 'fills each list item', schema: specSchema({ tiers: { type: 'array', items: { type: 'object', properties: { size: { type: 'string', default: 'small' } } } } }), spec: { tiers: [{ name: 'a' }, { name: 'b', size: 'big' }] }, want: { tiers: [{ name: 'a', size: 'small' }, { name: 'b', size: 'big' }] } },
    { name: 'fills values of additionalProperties', schema: specSchema({}, { additionalProperties: { type: 'object', properties: { on: { type: 'boolean', default: true } } } }), spec: { x: {}, y: { on: false } }, want: { x: { on: true }, y: { on: false } } },
    { name: 'reads the version the CR names', schema: specSchema({ port: { type: 'integer', default: 1 } }), crdV2: specSchema({ port: { type: 'integer', default: 2 } }), apiVersion: 'g.io/v2', spec: {}, want: { port: 2 } },
    { name: 'leaves a value of the wrong shape as written (bad input)', schema: specSchema({ tiers: { type: 'array', items: { type: 'object', properties: { size: { type: 'string', default: 's' } } } } }), spec: { tiers: 'not-a-list' }, want: { tiers: 'not-a-list' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cr = { apiVersion: c.apiVersion ?? 'g.io/v1', kind: 'K', metadata: { name: 'n' }, spec: c.spec };
      const out = withCrdDefaults(cr, crd(c.schema, c.crdV2));
      expect(out.spec).to.deep.equal(c.want);
      expect(out.metadata).to.equal(cr.metadata);
    });
  }

  it('leaves the CR unchanged when the CRD has no schema or is not a CRD, and never changes its input', () => {
    const cr = { apiVersion: 'g.io/v1', kind: 'K', metadata: { name: 'n' }, spec: {} };
    expect(withCrdDefaults(cr, { spec: { versions: [{ name: 'v1', storage: true }] } })).to.equal(cr);
    expect(withCrdDefaults(cr, 'not a CRD')).to.equal(cr);
    withCrdDefaults(cr, crd(specSchema({ port: { type: 'integer', default: 1 } })));
    expect(cr.spec).to.deep.equal({});
  });
});
