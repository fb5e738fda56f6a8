import { expect } from 'chai';
import { katalogSchema } from '../../../shared/katalog/index.js';
import { schemaIssues } from '../../../shared/katalog/schema.js';
import { parseYaml } from '../../../shared/katalog/yaml-source.js';

type Schema = Record<string, any>;

function closedShapes(node: unknown, path = '#', out: Array<[string, Schema]> = []): Array<[string, Schema]> {
  if (Array.isArray(node)) node.forEach((n, i) => closedShapes(n, `${path}/${i}`, out));
  else if (node !== null && typeof node === 'object') {
    const schema = node as Schema;
    if (schema.additionalProperties === false) out.push([path, schema]);
    for (const [k, v] of Object.entries(schema)) closedShapes(v, `${path}/${k}`, out);
  }
  return out;
}

describe('shared/katalog katalog.schema.json', () => {
  it('never lists a key both as supported and as Go-runtime-only', () => {
    const overlaps = closedShapes(katalogSchema).flatMap(([path, s]) =>
      Object.keys(s['x-goOnly'] ?? {}).filter((k) => Object.hasOwn(s.properties ?? {}, k)).map((k) => `${path}: ${k}`));
    expect(overlaps).to.deep.equal([]);
  });

  it('has a resource list for every kind in the types, and upstream\'s placeholder lists', () => {
    const lists = katalogSchema.definitions as Schema;
    expect(Object.keys(lists.resourceLists.properties)).to.include.members(['deployments', 'statefulSets', 'services', 'configMaps', 'secrets', 'custom']);
    expect(Object.keys(lists.resourceLists.properties)).to.include.members(['persistentVolumes', 'hpa', 'pdb', 'limitRanges', 'resourceQuotas']);
    // Upstream's placeholder lists load (and warn); no list is Go-only any more.
    expect(Object.keys(lists.resourceLists.properties)).to.include.members(['daemonSets', 'serviceMonitors', 'storageClasses']);
    expect(lists.resourceLists['x-goOnly']).to.equal(undefined);
  });

  it('says a value of the wrong type once, not also that it is out of range', () => {
    const text = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: q}\nspec:\n  crds:\n    q:\n      apiTypes: {group: q.example.org, version: v1, kind: Q, plural: qs}\n      operatorBox:\n        reconciler:\n          queue: {failureThreshold: 0.5, maxDepth: -1}\n';
    const { documents } = parseYaml(text, 'k.yaml');
    const found = schemaIssues(documents[0]!.value, 'k.yaml', documents[0]!.locate).map((i) => `${i.line}:${i.col}: ${i.message}`);
    expect(found).to.deep.equal(['10:52: must be at least 1 (got -1)', '10:37: expected an integer, got 0.5']);
  });

  it('compiles once: later validations are fast', () => {
    const { documents } = parseYaml('apiVersion: x\n', 'k.yaml');
    const { value, locate } = documents[0]!;
    schemaIssues(value, 'k.yaml', locate);
    const start = process.hrtime.bigint();
    for (let i = 0; i < 50; i++) schemaIssues(value, 'k.yaml', locate);
    const msEach = Number(process.hrtime.bigint() - start) / 1e6 / 50;
    expect(msEach).to.be.below(5);
  });
});
